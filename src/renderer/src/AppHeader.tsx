import type { DbInfo } from '@shared/contract'
import { formatBytes, relativeTime } from './lib/format'
import type { ThemeChoice } from './lib/theme'
import { Button } from './components/ui'

interface Props {
  db: DbInfo | null | undefined
  readOnly: boolean
  fileBytes: number | undefined
  live: boolean
  onLive(live: boolean): void
  pendingChanges: boolean
  lastRefresh: number
  now: number
  onRefresh(): void
  theme: { choice: ThemeChoice; setChoice(c: ThemeChoice): void }
  onShortcuts(): void
  onAbout(): void
}

/** The top bar: which file is open (format, access, size), live updates, theme and the shortcuts sheet. */
export function AppHeader({ db, readOnly, fileBytes, live, onLive, pendingChanges, lastRefresh, now, onRefresh, theme, onShortcuts, onAbout }: Props) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <h1 className="text-base font-semibold whitespace-nowrap">DocuSnap Task Admin</h1>
      {db && (
        <div className="flex min-w-0 items-center gap-2 text-sm">
          <span className="truncate font-mono text-xs text-slate-600 dark:text-slate-300" title={db.path}>
            {db.path}
          </span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{db.kind === 'seed' ? 'seed format' : 'backend format'}</span>
          {readOnly && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">read-only</span>}
          {fileBytes !== undefined && <span className="text-xs text-slate-500">{formatBytes(fileBytes)}</span>}
        </div>
      )}
      <div className="ml-auto flex items-center gap-2">
        {db && (
          <>
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={live} onChange={(e) => onLive(e.target.checked)} />
              Live
            </label>
            <span className="text-xs text-slate-500" aria-live="polite">
              {pendingChanges ? (
                <button type="button" className="text-sky-700 underline dark:text-sky-300" onClick={onRefresh}>
                  Changes available — refresh
                </button>
              ) : (
                `Updated ${relativeTime(lastRefresh, Math.max(now, lastRefresh))}`
              )}
            </span>
          </>
        )}
        <select aria-label="Theme" value={theme.choice} onChange={(e) => theme.setChoice(e.target.value as ThemeChoice)} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-600 dark:bg-slate-900">
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <Button tone="ghost" aria-label="Keyboard shortcuts" onClick={onShortcuts}>
          ?
        </Button>
        <Button tone="ghost" aria-label="About" onClick={onAbout}>
          ⓘ
        </Button>
      </div>
    </header>
  )
}
