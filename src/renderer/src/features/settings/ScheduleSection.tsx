import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import { nextRunAt } from '@shared/schedule'
import { cleanupSteps } from '@shared/backend-cleanup'
import { cleanupRuleSchema, type CleanupRule } from '@shared/settings'
import { api } from '../../lib/api'
import { absoluteTime, relativeTime } from '../../lib/format'
import { useNow } from '../../lib/use-now'
import { Button, Notice } from '../../components/ui'
import { useSettings } from '../../state/use-settings'
import type { Schedule } from '../schedule/use-scheduled-cleanup'

const field = 'w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'

/** What the rule covers now, counted the way the cleanup will select it. */
function useCovered(db: DbInfo, minutes: number | null): number | null {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    if (minutes === null) return setCount(null)
    let live = true
    const filter = db.kind === 'backend' ? { updatedTo: Math.floor(Date.now() / 1000) - minutes * 60 } : { olderThanDays: minutes / 1440 }
    api.call('tasks.count', { filter }).then(
      (r) => live && setCount(r.count),
      () => live && setCount(null)
    )
    return () => {
      live = false
    }
  }, [db.kind, db.path, minutes])
  return count
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : NaN)

/**
 * The open file's scheduled cleanup: on or off and its age, saved together with Save (a half-typed number never
 * becomes a rule that deletes), what it would delete now, when it ran and runs next, and what each run deleted.
 * On DocuSnap-Backend files the age is the deployment's EXPIRE_MINUTES, and its PROCESS_TIMEOUT (optional) marks
 * stuck work first, as the backend's own cleanup does: the app cannot know them, so the user records them here.
 */
export function ScheduleSection({ db, readOnly, schedule }: { db: DbInfo; readOnly: boolean; schedule: Schedule }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const now = useNow(15_000)
  const { rule, history } = schedule.entry
  const backend = db.kind === 'backend'
  const [enabled, setEnabled] = useState(rule.enabled)
  const [ageText, setAgeText] = useState(String(backend ? (rule.expireMinutes ?? rule.days * 1440) : rule.days))
  const [timeoutText, setTimeoutText] = useState(rule.timeoutMinutes === undefined ? '' : String(rule.timeoutMinutes))
  const [saved, setSaved] = useState(false)
  const age = whole(ageText)
  const timeout = timeoutText.trim() === '' ? undefined : whole(timeoutText)
  const candidate: CleanupRule = backend ? { enabled, days: rule.days, expireMinutes: age, ...(timeout === undefined ? {} : { timeoutMinutes: timeout }) } : { enabled, days: age }
  const parsed = cleanupRuleSchema.safeParse(candidate)
  const valid = parsed.success
  const changed = valid && JSON.stringify(parsed.data) !== JSON.stringify(rule)
  const steps = cleanupSteps(valid ? parsed.data : rule, backend)
  const covered = useCovered(db, valid ? steps.expireMinutes : null)
  const next = nextRunAt(schedule.entry, now)
  const quoted = `'${db.path.replace(/'/g, `'\\''`)}'`
  const cron = backend
    ? `0 3 * * * docusnap-tasks cleanup --db ${quoted} --expire-minutes ${steps.expireMinutes}${steps.timeoutMinutes !== undefined ? ` --timeout-minutes ${steps.timeoutMinutes}` : ''}`
    : `0 3 * * * docusnap-tasks cleanup --db ${quoted} --days ${steps.expireMinutes / 1440}`
  const limits = backend ? { min: 1, max: 5_256_000 } : { min: 1, max: 3650 }

  return (
    <section aria-label={t('schedule.title')} className="space-y-2 border-b border-slate-200 pb-4 dark:border-slate-800">
      <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">{t('schedule.title')}</h3>
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
          aria-label={backend ? t('schedule.expireMinutes') : t('schedule.days')}
          aria-invalid={!valid}
          disabled={readOnly}
          value={ageText}
          onChange={(e) => (setAgeText(e.target.value), setSaved(false))}
          className={field}
        />
        {backend ? t('schedule.minutesExpire') : t('schedule.daysAgo')}
        {covered !== null && <span className="text-muted">({t('toolbar.total', { count: covered })})</span>}
      </label>
      {backend && (
        <label className="flex flex-wrap items-center gap-2">
          {t('schedule.timeoutBefore')}
          <input
            type="number"
            min={1}
            aria-label={t('schedule.timeoutMinutes')}
            placeholder="—"
            disabled={readOnly}
            value={timeoutText}
            onChange={(e) => (setTimeoutText(e.target.value), setSaved(false))}
            className={field}
          />
          {t('schedule.minutesTimeout')}
        </label>
      )}
      {backend && <p className="text-xs text-muted">{t('schedule.backendValues')}</p>}
      {!valid && <p className="text-red-700 dark:text-red-300">{t('settings.invalidNumber', limits)}</p>}
      <p className="text-xs text-muted">{t('schedule.defaultOff')}</p>
      <div className="flex items-center gap-3">
        <Button
          tone="primary"
          disabled={!changed || readOnly}
          onClick={() => parsed.success && void settings.setRule(db.path, parsed.data).then(() => setSaved(true), () => undefined)}
        >
          {t('common.save')}
        </Button>
        {saved && <span role="status">{t('schedule.saved')}</span>}
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-muted">{t('schedule.lastRun')}</dt>
        <dd data-testid="schedule-last">{history[0] ? `${absoluteTime(history[0].at)} (${relativeTime(history[0].at, now)})` : t('schedule.never')}</dd>
        <dt className="text-muted">{t('schedule.nextRun')}</dt>
        <dd data-testid="schedule-next">{next === null ? t('schedule.off') : next <= now ? t('schedule.dueNow') : `${absoluteTime(next)} (${relativeTime(next, now)})`}</dd>
      </dl>
      <div>
        <h4 className="font-medium">{t('schedule.history')}</h4>
        {history.length === 0 ? (
          <p className="text-muted">{t('schedule.noHistory')}</p>
        ) : (
          <ul aria-label={t('schedule.history')} className="space-y-0.5">
            {history.map((h) => (
              <li key={`${h.at}-${h.deleted}`} className="flex gap-3">
                <time className="tabular-nums text-muted">{absoluteTime(h.at)}</time>
                <span className={h.error ? 'text-red-700 dark:text-red-300' : ''}>{h.error ? t('schedule.failed', { message: h.error }) : h.timedOut ? t('schedule.deletedAndMarked', { count: h.deleted, marked: h.timedOut }) : t('schedule.deleted', { count: h.deleted })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="text-xs text-muted">{t('schedule.cron')}</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900">{cron}</pre>
    </section>
  )
}
