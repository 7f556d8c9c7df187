import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Output } from '@shared/contract'
import type { TaskFilter } from '@shared/filter'
import { absoluteTime, formatBytes, formatCount } from '../../lib/format'
import { Button, Notice, Spinner, STATUS_COLORS } from '../../components/ui'
import { ShownValue, shownText } from '../../components/ShownValue'

type Stats = Output<'db.stats'>
type Daily = Output<'db.daily'>

/** Fills missing days with zeros so the chart's x axis is a continuous 30 days. */
export function chartRows(daily: Daily, days: number, today: Date): Record<string, string | number>[] {
  const byDay = new Map(daily.map((d) => [d.day, d.counts]))
  const rows: Record<string, string | number>[] = []
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i)
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    rows.push({ day: key.slice(5), date: key, ...(byDay.get(key) ?? {}) })
  }
  return rows
}

/** The created-on-that-day range of a chart day (local midnight to midnight, as the chart groups them). */
export function dayRange(date: string): { createdFrom: number; createdTo: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return { createdFrom: Math.floor(new Date(y, m - 1, d).getTime() / 1000), createdTo: Math.floor(new Date(y, m - 1, d + 1).getTime() / 1000) }
}

/** Counts per status or type; each row opens the task list filtered to it (as Sidekiq's and Flower's dashboards do). */
function Totals({ title, counts, total, open }: { title: string; counts: Record<string, number>; total: number; open(value: string): void }) {
  const { t } = useTranslation()
  const hintId = useId()
  return (
    <section aria-label={title} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{title}</h3>
      <p id={hintId} className="sr-only">
        {t('overview.showTasksHint')}
      </p>
      <ul className="space-y-0.5 text-sm">
        {Object.entries(counts).map(([k, n]) => (
          <li key={k}>
            {/* Named by what it shows (voice control users say what they see); what it does is its description. */}
            <button
              type="button"
              aria-describedby={hintId}
              onClick={() => open(k)}
              className="flex w-full items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span className="flex-1">
                <ShownValue value={k} />
              </span>
              <span className="tabular-nums">{formatCount(n)}</span>
              <span className="w-12 text-right text-xs text-muted tabular-nums">{total ? Math.round((n / total) * 100) : 0}%</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function Overview({
  stats,
  daily,
  loading,
  readOnly,
  onCompact,
  onAddIndexes,
  onDrill,
  onCopy,
  dark
}: {
  stats: Stats | undefined
  daily: Daily | undefined
  loading: boolean
  readOnly: boolean
  onCompact(): void
  onAddIndexes(): void
  /** Opens the task list filtered to what was clicked. */
  onDrill(filter: TaskFilter): void
  /** Desktop: Copy Tasks To… (the File menu's, here too). */
  onCopy?: () => void
  dark: boolean
}) {
  const { t } = useTranslation()
  const pg = stats?.postgres
  if (!stats)
    return (
      <p className="flex items-center gap-2 p-6 text-muted">
        {loading && <Spinner label={t('overview.loading')} />} {t('overview.loadingLong')}
      </p>
    )
  const statuses = Object.keys(stats.by_status)
  const rows = chartRows(daily ?? [], 30, new Date())
  const axis = dark ? '#94a3b8' : '#475569'
  return (
    <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
      <section aria-label={t('overview.databaseFile')} className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-slate-200 p-3 text-sm lg:grid-cols-4 dark:border-slate-800">
        <div className="col-span-2 lg:col-span-4">
          <span className="text-xs text-muted">{pg ? t('overview.table') : t('overview.file')}</span>
          <div className="font-mono text-xs break-all">{stats.path}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{pg ? t('overview.tableSize') : t('overview.size')}</span>
          <div>{formatBytes(stats.file_bytes)}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{t('overview.format')}</span>
          <div>{stats.kind === 'seed' ? t('overview.seed') : t('overview.backend')}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{t('overview.access')}</span>
          <div>{stats.read_only ? t('overview.readOnly') : t('overview.readWrite')}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{t('overview.tasks')}</span>
          <div className="tabular-nums">{formatCount(stats.total)}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{t('overview.oldest')}</span>
          <div>{absoluteTime(stats.oldest)}</div>
        </div>
        <div>
          <span className="text-xs text-muted">{t('overview.newest')}</span>
          <div>{absoluteTime(stats.newest)}</div>
        </div>
        {pg ? (
          <>
            <div>
              <span className="text-xs text-muted">{t('overview.deadRows')}</span>
              <div className="tabular-nums">{formatCount(pg.dead_tuples)}</div>
            </div>
            <div>
              <span className="text-xs text-muted">{t('overview.server')}</span>
              <div>{t('overview.serverValue', { version: pg.server_version })}</div>
            </div>
            <div>
              <span className="text-xs text-muted">{t('overview.lastVacuum')}</span>
              <div>{pg.last_vacuum ? absoluteTime(Date.parse(pg.last_vacuum) / 1000) : t('overview.never')}</div>
            </div>
            <div>
              <span className="text-xs text-muted">{t('overview.lastAnalyze')}</span>
              <div>{pg.last_analyze ? absoluteTime(Date.parse(pg.last_analyze) / 1000) : t('overview.never')}</div>
            </div>
            {pg.citus && (
              <div className="col-span-2">
                <span className="text-xs text-muted">{t('overview.distribution', { version: pg.citus.version.replace(/-\d+$/, '') })}</span>
                <div>{pg.citus.distribution === 'hash' ? t('overview.distributedBy', { ...pg.citus }) : t('overview.referenceTable', { ...pg.citus })}</div>
              </div>
            )}
          </>
        ) : (
          <>
            <div>
              <span className="text-xs text-muted">{t('overview.freePages')}</span>
              <div className="tabular-nums">
                {formatCount(stats.freelist_count)} ({formatBytes(stats.freelist_count * stats.page_size)})
              </div>
            </div>
            <div>
              <span className="text-xs text-muted">{t('overview.sqlite')}</span>
              <div>
                {stats.sqlite_version} · {stats.journal_mode}
              </div>
            </div>
          </>
        )}
      </section>
      {stats.missing_indexes.length > 0 && (
        <Notice tone="warn">
          <div className="flex items-center gap-3">
            <span className="flex-1">{t(pg ? 'overview.missingIndexesPg' : 'overview.missingIndexes', { count: stats.missing_indexes.length, names: stats.missing_indexes.join(', ') })}</span>
            {!readOnly && <Button onClick={onAddIndexes}>{t('overview.addIndexes')}</Button>}
          </div>
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Totals title={t('overview.byStatus')} counts={stats.by_status} total={stats.total} open={(status) => onDrill({ statuses: [status] })} />
        <Totals title={t('overview.byType')} counts={stats.by_type} total={stats.total} open={(type) => onDrill({ types: [type] })} />
      </div>
      <section aria-label={t('overview.perDayLabel')} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{t('overview.perDay')}</h3>
        <div className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke={dark ? '#1e293b' : '#e2e8f0'} />
              <XAxis dataKey="day" tick={{ fontSize: 11, fill: axis }} interval="preserveStartEnd" />
              <YAxis tick={{ fontSize: 11, fill: axis }} width={48} />
              <Tooltip contentStyle={{ background: dark ? '#0f172a' : '#fff', border: '1px solid #64748b', fontSize: 12 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {statuses.map((s) => (
                <Bar
                  key={s}
                  dataKey={s}
                  name={shownText(t, s)}
                  stackId="status"
                  fill={STATUS_COLORS[s] ?? '#f59e0b'}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(bar: { payload?: { date?: string } }) => bar.payload?.date && onDrill({ statuses: [s], ...dayRange(bar.payload.date) })}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>
      {!readOnly && (
        <section aria-label={t('overview.maintenance')} className="flex items-center gap-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
          <span className="flex-1">{pg ? t('overview.compactNotePg') : t('overview.compactNote')}</span>
          <Button onClick={onCompact}>{t('overview.compact')}</Button>
          {onCopy && <Button onClick={onCopy}>{t('menu.copy')}</Button>}
        </section>
      )}
    </div>
  )
}
