import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import { nextRunAt } from '@shared/schedule'
import { cleanupRuleSchema } from '@shared/settings'
import { api } from '../../lib/api'
import { absoluteTime, relativeTime } from '../../lib/format'
import { useNow } from '../../lib/use-now'
import { Button, Notice } from '../../components/ui'
import { useSettings } from '../../state/use-settings'
import type { Schedule } from '../schedule/use-scheduled-cleanup'

const field = 'w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'

/** What the rule covers now, counted the way the cleanup will select it. */
function useCovered(db: DbInfo, days: number | null): number | null {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    if (days === null) return setCount(null)
    let live = true
    const filter = db.kind === 'backend' ? { updatedTo: Math.floor(Date.now() / 1000) - days * 86_400 } : { olderThanDays: days }
    api.call('tasks.count', { filter }).then(
      (r) => live && setCount(r.count),
      () => live && setCount(null)
    )
    return () => {
      live = false
    }
  }, [db.kind, db.path, days])
  return count
}

/**
 * The open file's scheduled cleanup: on or off and its age, saved together with Save (a half-typed number never
 * becomes a rule that deletes), what it would delete now, when it ran and runs next, and what each run deleted.
 */
export function ScheduleSection({ db, readOnly, schedule }: { db: DbInfo; readOnly: boolean; schedule: Schedule }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const now = useNow(15_000)
  const { rule, history } = schedule.entry
  const [enabled, setEnabled] = useState(rule.enabled)
  const [daysText, setDaysText] = useState(String(rule.days))
  const [saved, setSaved] = useState(false)
  const parsed = cleanupRuleSchema.safeParse({ enabled, days: Number(daysText) })
  const valid = /^\d+$/.test(daysText.trim()) && parsed.success
  const changed = valid && (parsed.data.enabled !== rule.enabled || parsed.data.days !== rule.days)
  const covered = useCovered(db, valid ? Number(daysText) : null)
  const next = nextRunAt(schedule.entry, now)
  const backend = db.kind === 'backend'
  const cron = `0 3 * * * docusnap-tasks cleanup --db '${db.path.replace(/'/g, `'\\''`)}' --days ${valid ? Number(daysText) : rule.days}`

  return (
    <section aria-label={t('schedule.title')} className="space-y-2 border-b border-slate-200 pb-4 dark:border-slate-800">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('schedule.title')}</h3>
      <p className="text-slate-600 dark:text-slate-300">{t('schedule.intro')}</p>
      {readOnly && <Notice tone="warn">{t('schedule.readOnly')}</Notice>}
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={enabled} disabled={readOnly} onChange={(e) => (setEnabled(e.target.checked), setSaved(false))} />
        {t('schedule.enable')}
      </label>
      <label className="flex flex-wrap items-center gap-2">
        {backend ? t('schedule.olderThanBackend') : t('schedule.olderThanSeed')}
        <input
          type="number"
          min={1}
          max={3650}
          aria-label={t('schedule.days')}
          aria-invalid={!valid}
          disabled={readOnly}
          value={daysText}
          onChange={(e) => (setDaysText(e.target.value), setSaved(false))}
          className={field}
        />
        {backend ? t('cleanup.days') : t('schedule.daysAgo')}
        {covered !== null && <span className="text-slate-500">({t('toolbar.total', { count: covered })})</span>}
      </label>
      {!valid && <p className="text-red-700 dark:text-red-300">{t('settings.invalidNumber', { min: 1, max: 3650 })}</p>}
      <p className="text-xs text-slate-500">{t('schedule.defaultOff')}</p>
      <div className="flex items-center gap-3">
        <Button
          tone="primary"
          disabled={!changed || readOnly}
          onClick={() => void settings.setRule(db.path, { enabled, days: Number(daysText) }).then(() => setSaved(true), () => undefined)}
        >
          {t('common.save')}
        </Button>
        {saved && <span role="status">{t('schedule.saved')}</span>}
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">{t('schedule.lastRun')}</dt>
        <dd data-testid="schedule-last">{history[0] ? `${absoluteTime(history[0].at)} (${relativeTime(history[0].at, now)})` : t('schedule.never')}</dd>
        <dt className="text-slate-500">{t('schedule.nextRun')}</dt>
        <dd data-testid="schedule-next">{next === null ? t('schedule.off') : next <= now ? t('schedule.dueNow') : `${absoluteTime(next)} (${relativeTime(next, now)})`}</dd>
      </dl>
      <div>
        <h4 className="font-medium">{t('schedule.history')}</h4>
        {history.length === 0 ? (
          <p className="text-slate-500">{t('schedule.noHistory')}</p>
        ) : (
          <ul aria-label={t('schedule.history')} className="space-y-0.5">
            {history.map((h) => (
              <li key={`${h.at}-${h.deleted}`} className="flex gap-3">
                <time className="tabular-nums text-slate-500">{absoluteTime(h.at)}</time>
                <span className={h.error ? 'text-red-700 dark:text-red-300' : ''}>{h.error ? t('schedule.failed', { message: h.error }) : t('schedule.deleted', { count: h.deleted })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="text-xs text-slate-500">{t('schedule.cron')}</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900">{cron}</pre>
    </section>
  )
}
