import type { ReactNode } from 'react'

/** The first Tab stop: straight to the main content (past the header and the filters), visible only when focused. */
export function SkipLink({ target, onSkip, children }: { target: string; onSkip(): void; children: ReactNode }) {
  return (
    <a
      href={`#${target}`}
      onClick={(e) => {
        e.preventDefault()
        onSkip()
        setTimeout(() => document.getElementById(target)?.focus())
      }}
      className="sr-only z-50 rounded bg-sky-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
    >
      {children}
    </a>
  )
}
