import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import { ShownValue } from './ShownValue'

// Small building blocks with one look across the app.

type Tone = 'default' | 'primary' | 'danger' | 'ghost'

const TONES: Record<Tone, string> = {
  default: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700',
  primary: 'bg-sky-700 text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-slate-950 dark:hover:bg-sky-400',
  danger: 'bg-red-700 text-white hover:bg-red-800 dark:bg-red-700 dark:text-white dark:hover:bg-red-600',
  ghost: 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
}

export function Button({ tone = 'default', className = '', ref, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone; ref?: Ref<HTMLButtonElement> }) {
  return (
    <button
      ref={ref}
      type="button"
      className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-50 ${TONES[tone]} ${className}`}
      {...rest}
    />
  )
}

const STATUS_STYLES: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  processing: 'bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700',
  completed: 'bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-700',
  error: 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-700'
}

export const STATUS_COLORS: Record<string, string> = {
  pending: '#94a3b8',
  processing: '#0ea5e9',
  completed: '#10b981',
  error: '#ef4444'
}

export function StatusBadge({ status }: { status: string }) {
  const style = STATUS_STYLES[status] ?? 'bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700'
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      <ShownValue value={status} />
    </span>
}

export function Notice({ tone = 'info', children, role }: { tone?: 'info' | 'warn' | 'error'; children: ReactNode; role?: string }) {
  const style =
    tone === 'error'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
      : tone === 'warn'
        ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100'
        : 'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'
  return (
    <div role={role ?? (tone === 'error' ? 'alert' : 'status')} className={`rounded-md border px-3 py-2 text-sm ${style}`}>
      {children}
    </div>
  )
}

export function Spinner({ label }: { label: string }) {
  return (
    <span role="status" aria-label={label} className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600 dark:border-slate-600 dark:border-t-sky-400" />
  )
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{children}</kbd>
}

/** A job's progress: the bar, and its line ("N of M deleted…") announced politely to assistive tech. */
export function JobProgress({ label, line, done, total, note }: { label: string; line: string; done: number; total: number; note?: string }) {
  return (
    <div className="space-y-2">
      <progress
        aria-label={label}
        className="h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-sky-600 dark:[&::-webkit-progress-bar]:bg-slate-700 dark:[&::-webkit-progress-value]:bg-sky-400"
        max={Math.max(1, total)}
        value={done}
      />
      <p className="tabular-nums" aria-live="polite">
        {line}
        {note ? ` ${note}` : ''}
      </p>
    </div>
  )
}
