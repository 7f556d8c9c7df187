import type { AppInfo, Output } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'

/** Version, where the data is, and which SQLite reads it: what a bug report needs. */
export function AboutDialog({ app, stats, onClose }: { app: AppInfo | undefined; stats: Output<'db.stats'> | undefined; onClose(): void }) {
  const rows: [string, string][] = [
    ['Version', app?.version ?? '—'],
    ['Running as', app?.carrier === 'electron' ? 'desktop app' : 'browser (docusnap-tasks serve)'],
    ['Database', stats?.path ?? 'none open'],
    ['Format', stats ? (stats.kind === 'seed' ? 'seed cache module' : 'DocuSnap-Backend') : '—'],
    ['File size', stats ? formatBytes(stats.file_bytes) : '—'],
    ['SQLite', stats ? `${stats.sqlite_version} (journal: ${stats.journal_mode})` : '—']
  ]
  return (
    <Dialog title="About DocuSnap Task Admin" onClose={onClose}>
      <p className="mb-3 text-sm">Browse, inspect and clean the task store of DocuSnap-Backend.</p>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-mono text-xs break-all">{v}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  )
}
