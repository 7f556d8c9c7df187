import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BACKEND_SAMPLE, type CleanupRule } from '@shared/settings'
import { api } from '../../lib/api'
import { useSettled } from '../../lib/use-settled'
import { ActionDialog, type Outcome, type RunInput, type Target } from './ActionDialog'

const UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const
type Unit = keyof typeof UNITS

/** An amount of time typed by the user, committed after a pause; null while it is not a valid number. */
function useAge(initial: string, max: number) {
  const [text, setText] = useState(initial)
  const [value, setValue] = useState<number | null>(Number(initial))
  const n = Number(text)
  const valid = text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max
  useEffect(() => {
    if (!valid) return setValue(null)
    const t = setTimeout(() => setValue(n), 300)
    return () => clearTimeout(t)
  }, [n, valid])
  return { text, setText, value: valid ? value : null, valid }
}

const input = 'w-20 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900'

/** How many processing tasks a PROCESS_TIMEOUT of `minutes` would mark now. */
function useStuckCount(typed: number | null): number | null {
  const minutes = useSettled(typed)
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    if (minutes === null) return setCount(null)
    let live = true
    api.call('tasks.count', { filter: { statuses: ['processing'], createdTo: Math.floor(Date.now() / 1000) - minutes * 60 } }).then(
      (r) => live && setCount(r.count),
      () => live && setCount(null)
    )
    return () => {
      live = false
    }
  }, [minutes])
  return count
}

/**
 * Manual cleanup. Seed files: the cache module's rule, tasks created more than N days ago (default 7).
 * DocuSnap-Backend files: the backend's own cleanup, prefilled with the values recorded for the file: optionally mark
 * stuck processing work as PROCESSING_TIMEOUT first (its PROCESS_TIMEOUT), then delete tasks not accessed for N
 * minutes, hours or days (its EXPIRE_MINUTES).
 */
export function CleanupDialog({ backend, rule, threshold, onClose, onChanged }: { backend: boolean; rule?: CleanupRule; threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const recorded = backend && rule?.expireMinutes !== undefined
  const age = useAge(recorded ? String(rule.expireMinutes) : '7', 36_500 * 1440)
  const [unit, setUnit] = useState<Unit>(recorded ? 'minutes' : 'days')
  const [markStuck, setMarkStuck] = useState(backend && rule?.timeoutMinutes !== undefined)
  const timeoutAge = useAge(String(rule?.timeoutMinutes ?? BACKEND_SAMPLE.timeoutMinutes), 5_256_000)
  const timeout = backend && markStuck && timeoutAge.value !== null && timeoutAge.value >= 1 ? Math.round(timeoutAge.value) : null
  const stuck = useStuckCount(timeout)
  const seconds = age.value === null ? null : Math.round(age.value * (backend ? UNITS[unit] : 86_400))
  // The cutoff is fixed when the number settles, so the preview and the deletion use the same one.
  const [target, setTarget] = useState<Target | null>(null)
  useEffect(() => {
    if (seconds === null || (backend && markStuck && timeout === null)) return setTarget(null)
    setTarget(backend ? { filter: { updatedTo: Math.floor(Date.now() / 1000) - seconds } } : { filter: { olderThanDays: seconds / 86_400 } })
  }, [seconds, backend, markStuck, timeout])
  // Both steps in one job, as the backend's cleanup_old_entries runs them.
  const twoSteps =
    timeout !== null && seconds !== null
      ? async ({ jobId, maintenance, allowTriggers }: RunInput): Promise<Outcome> => {
          const r = await api.call('tasks.cleanup', { expireMinutes: Math.max(1, Math.round(seconds / 60)), timeoutMinutes: timeout, jobId, ...(maintenance ? { maintenance } : {}), ...(allowTriggers ? { allowTriggers } : {}) })
          return { done: r.deleted, total: r.deleted, cancelled: r.cancelled, note: t('cleanup.markedNote', { count: r.timed_out }) }
        }
      : undefined
  const field = (
    <select aria-label={t('cleanup.unit')} value={unit} onChange={(e) => setUnit(e.target.value as Unit)} className="rounded-md border border-slate-300 bg-white px-1 py-1 dark:border-slate-600 dark:bg-slate-900">
      {(Object.keys(UNITS) as Unit[]).map((u) => (
        <option key={u} value={u}>
          {t(`cleanup.${u}`)}
        </option>
      ))}
    </select>
  )
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'purge',
        title: backend ? t('cleanup.expireTitle') : t('cleanup.cleanTitle'),
        target,
        run: twoSteps,
        // Stuck tasks are marked even when nothing is old enough to delete.
        alsoChanges: twoSteps ? (stuck ?? 0) : 0,
        runLabel: twoSteps && stuck ? t('cleanup.markThenDelete', { count: stuck }) : undefined,
        setup: (
          <div className="space-y-1">
            {backend && (
              <>
                <label className="flex flex-wrap items-center gap-2">
                  <input type="checkbox" checked={markStuck} onChange={(e) => setMarkStuck(e.target.checked)} />
                  {t('cleanup.markFirst')}
                  <input type="number" min={1} aria-label={t('cleanup.timeoutLabel')} disabled={!markStuck} value={timeoutAge.text} onChange={(e) => timeoutAge.setText(e.target.value)} className={input} />
                  {t('cleanup.markFirstAfter')}
                </label>
                {markStuck && timeout === null && <p className="text-sm text-red-700 dark:text-red-300">{t('cleanup.enterMinutes')}</p>}
                {markStuck && timeout !== null && stuck !== null && <p role="status">{t('cleanup.stuckCount', { count: stuck, minutes: timeout })}</p>}
              </>
            )}
            {backend ? (
              <label className="flex flex-wrap items-center gap-2">
                {t('cleanup.notAccessedFor')}
                <input type="number" min={0} aria-label={t('cleanup.age')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
                {field}
              </label>
            ) : (
              <label className="flex items-center gap-2">
                {t('cleanup.createdMoreThan')}
                <input type="number" min={0} max={36500} aria-label={t('cleanup.daysLabel')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
                {t('cleanup.daysAgo')}
              </label>
            )}
            {!age.valid && <p className="text-sm text-red-700 dark:text-red-300">{t('cleanup.enterNumber')}</p>}
            <p className="text-xs text-muted">{backend ? (recorded ? t('cleanup.backendRecorded') : t('cleanup.backendRule')) : t('cleanup.seedRule')}</p>
          </div>
        )
      }}
    />
  )
}

/** DocuSnap-Backend: processing tasks created more than N minutes ago → error PROCESSING_TIMEOUT. */
export function StuckDialog({ threshold, onClose, onChanged }: { threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const age = useAge('30', 5_256_000)
  const [target, setTarget] = useState<Target | null>(null)
  useEffect(() => {
    setTarget(age.value === null ? null : { filter: { statuses: ['processing'], createdTo: Math.floor(Date.now() / 1000) - Math.round(age.value * 60) } })
  }, [age.value])
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'timeout',
        title: t('cleanup.stuckTitle'),
        target,
        setup: (
          <div className="space-y-1">
            <label className="flex items-center gap-2">
              {t('cleanup.stuckBefore')}
              <input type="number" min={0} aria-label={t('cleanup.minutesLabel')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
              {t('cleanup.stuckAfter')}
            </label>
            {!age.valid && <p className="text-sm text-red-700 dark:text-red-300">{t('cleanup.enterMinutes')}</p>}
            <p className="text-xs text-muted">{t('cleanup.stuckNote')}</p>
          </div>
        )
      }}
    />
  )
}

/** DocuSnap-Backend's /clear: delete every task of one client. */
export function ClearClientDialog({ clients, threshold, onClose, onChanged }: { clients: string[]; threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const [client, setClient] = useState('')
  // The preview follows typing once it pauses; focus stays in the field.
  const settled = useSettled(client.trim())
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'purge',
        title: t('cleanup.clearTitle'),
        target: settled && settled === client.trim() ? { filter: { clients: [settled] } } : null,
        incomplete: client.trim() ? undefined : t('cleanup.enterClient'),
        setup: (
          <label className="block">
            <span className="mb-1 block">{t('cleanup.clientLabel')}</span>
            <input list="known-clients" aria-label={t('cleanup.clientId')} value={client} onChange={(e) => setClient(e.target.value)} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900" />
            <datalist id="known-clients">
              {clients.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
        )
      }}
    />
  )
}
