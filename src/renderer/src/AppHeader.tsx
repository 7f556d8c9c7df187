import { useTranslation } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import { THEMES, type ThemeChoice } from '@shared/settings'
import { formatBytes, relativeTime } from './lib/format'
import { Button } from './components/ui'
import { signOut } from './lib/api'

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
  themeChoice: ThemeChoice
  onTheme(choice: ThemeChoice): void
  onSettings(): void
  onShortcuts(): void
  onAbout(): void
}

const select = 'rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'

/** The top bar: which file is open (format, access, size), live updates, theme, settings (language and more) and help. */
export function AppHeader(p: Props) {
  const { t } = useTranslation()
  const { db } = p
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <h1 className="text-base font-semibold whitespace-nowrap">{t('app.name')}</h1>
      {db && (
        <div className="flex min-w-0 items-center gap-2 text-sm">
          <span className="truncate font-mono text-xs text-slate-600 dark:text-slate-300" title={db.path}>
            {db.path}
          </span>
          {db.engine === 'postgres' && <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-sky-900 dark:bg-sky-900 dark:text-sky-100">{t('header.postgres')}</span>}
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap dark:bg-slate-800">{db.kind === 'seed' ? t('header.seedFormat') : t('header.backendFormat')}</span>
          {p.readOnly && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-amber-900 dark:bg-amber-900 dark:text-amber-100">{t('header.readOnly')}</span>}
          {p.fileBytes !== undefined && <span className="text-xs whitespace-nowrap text-muted">{formatBytes(p.fileBytes)}</span>}
        </div>
      )}
      <div className="ml-auto flex items-center gap-2">
        {db && (
          <>
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={p.live} onChange={(e) => p.onLive(e.target.checked)} />
              {t('header.live')}
            </label>
            <span className="text-xs text-muted" aria-live="polite">
              {p.pendingChanges ? (
                <button type="button" className="text-sky-700 underline dark:text-sky-300" onClick={p.onRefresh}>
                  {t('header.changesAvailable')}
                </button>
              ) : (
                // "Updated now" reads as 更新于现在 in Chinese: a fresh refresh has its own phrase in each language.
                p.now - p.lastRefresh < 45 ? t('header.updatedJustNow') : t('header.updated', { when: relativeTime(p.lastRefresh, Math.max(p.now, p.lastRefresh)) })
              )}
            </span>
          </>
        )}
        <select aria-label={t('theme.label')} value={p.themeChoice} onChange={(e) => p.onTheme(e.target.value as ThemeChoice)} className={select}>
          {THEMES.map((c) => (
            <option key={c} value={c}>
              {t(`theme.${c}`)}
            </option>
          ))}
        </select>
        <Button tone="ghost" aria-label={t('header.settings')} title={t('header.settings')} onClick={p.onSettings}>
          ⚙
        </Button>
        <Button tone="ghost" aria-label={t('header.shortcuts')} title={t('header.shortcuts')} onClick={p.onShortcuts}>
          ?
        </Button>
        {signOut && (
          <Button tone="ghost" title={t('header.signOutTitle')} onClick={() => void signOut!().then(() => window.location.reload())}>
            {t('header.signOut')}
          </Button>
        )}
        <Button tone="ghost" aria-label={t('header.about')} title={t('header.about')} onClick={p.onAbout}>
          {/* Drawn, not a ⓘ character: that glyph is missing from many system fonts. */}
          <span aria-hidden="true" className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-current font-serif text-[0.7rem] leading-none italic">
            i
          </span>
        </Button>
      </div>
    </header>
  )
}
