import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A modal, labelled dialog on the native <dialog> element: it traps focus, closes on Esc and is announced by name.
 * `onClose` runs for Esc and the close button; a dialog in the middle of work can refuse by passing `dismissable=false`.
 */
export function Dialog({
  title,
  children,
  onClose,
  dismissable = true,
  wide = false
}: {
  title: string
  children: ReactNode
  onClose: () => void
  dismissable?: boolean
  wide?: boolean
}) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    // Where the user was: focus goes back there when the dialog closes, not to the page's start.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (d && !d.open) d.showModal()
    return () => {
      d?.close()
      if (before?.isConnected) before.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        if (dismissable) onClose()
      }}
      className={`m-auto w-[calc(100vw-2rem)] ${wide ? 'max-w-3xl' : 'max-w-lg'} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3 dark:border-slate-700">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {dismissable && (
          <button type="button" aria-label={t('common.closeDialog')} onClick={onClose} className="rounded p-1 text-muted hover:bg-slate-100 dark:hover:bg-slate-800">
            ✕
          </button>
        )}
      </div>
      {/* scroll-padding: what is focused or scrolled to clears a sticky footer of buttons (Connect, Copy). */}
      <div className="max-h-[70vh] scroll-pb-20 overflow-auto px-5 py-4">{children}</div>
    </dialog>
  )
}
