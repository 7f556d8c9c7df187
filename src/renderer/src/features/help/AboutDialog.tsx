import { useTranslation } from 'react-i18next'
import type { AppInfo, Output } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'

/** Version, where the data is, and which SQLite reads it: what a bug report needs. */
export function AboutDialog({ app, stats, onClose }: { app: AppInfo | undefined; stats: Output<'db.stats'> | undefined; onClose(): void }) {
  const { t } = useTranslation()
  const rows: [string, string][] = [
    [t('about.version'), app?.version ?? '—'],
    [t('about.runningAs'), app?.carrier === 'electron' ? t('about.desktop') : t('about.browser')],
    [t('about.database'), stats?.path ?? t('about.noneOpen')],
    [t('about.format'), stats ? (stats.kind === 'seed' ? t('about.seed') : t('about.backend')) : '—'],
    [t('about.fileSize'), stats ? formatBytes(stats.file_bytes) : '—'],
    stats?.postgres
      ? [t('overview.server'), t('overview.serverValue', { version: stats.postgres.server_version })]
      : [t('about.sqlite'), stats ? t('about.sqliteValue', { version: stats.sqlite_version, journal: stats.journal_mode }) : '—']
  ]
  return (
    <Dialog title={t('about.title')} onClose={onClose}>
      <p className="mb-3 text-sm">{t('app.tagline')}</p>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="font-mono text-xs break-all">{v}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  )
}
