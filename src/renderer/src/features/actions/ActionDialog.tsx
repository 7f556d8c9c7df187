import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Output, targetSchema } from '@shared/contract'
import type { z } from 'zod'
import { api, ApiError, errorMessage } from '../../lib/api'
import type { JobPartial } from '@shared/errors'
import { absoluteTime, formatCount } from '../../lib/format'
import { Dialog } from '../../components/Dialog'
import { Button, JobProgress, Notice, Spinner, StatusBadge } from '../../components/ui'
import { confirmLevel, DEFAULT_TYPE_THRESHOLD, newJobId, typedCountMatches } from './confirm'

export type Target = z.infer<typeof targetSchema>
type Preview = Output<'tasks.preview'>
type Phase =
  /** The setup's input is not complete or not valid: nothing to preview, nothing to run. */
  | { step: 'incomplete' }
  | { step: 'preview' }
  | { step: 'confirm'; preview: Preview }
  | { step: 'running'; preview: Preview; jobId: string; done: number; total: number; cancelling: boolean; maintenanceEnded: boolean; waiting?: boolean }
  | { step: 'done'; done: number; total: number; cancelled: boolean; note?: string; maintenanceEnded: boolean }
  | { step: 'failed'; message: string; partial?: JobPartial }

export interface ActionSpec {
  kind: 'purge' | 'requeue' | 'retry' | 'timeout'
  title: string
  /** Null while the setup's input is incomplete or invalid. */
  target: Target | null
  /** What to enter while the target is null (e.g. "Enter a client id"); the setup shows its own validation errors. */
  incomplete?: string
  /** Extra controls above the preview (cleanup's "older than N days"). */
  setup?: ReactNode
  description?: ReactNode
  /** Instead of the kind's own channel (the backend's two-step cleanup); `note` is added to the summary. */
  run?: (input: RunInput) => Promise<Outcome>
  /** Work `run` does besides the previewed rows (tasks it marks first): with any, the dialog runs even at 0 rows. */
  alsoChanges?: number
  /** The confirm button's words, when the kind's own ("Delete N tasks") would not say what `run` does. */
  runLabel?: string
}

/** `maintenance`: the user says the backend is stopped (purges only): larger transactions until another process writes. */
export type RunInput = { target: NonNullable<ActionSpec['target']>; snapshot: Preview['snapshot']; jobId: string; maintenance?: boolean; allowTriggers?: boolean }
export type Outcome = { done: number; total: number; cancelled: boolean; note?: string }

/** The channel behind each kind of bulk change, and how many it changed. */
const RUN: Record<ActionSpec['kind'], (input: RunInput) => Promise<Outcome>> = {
  purge: (input) => api.call('tasks.purge', input).then((r) => ({ done: r.deleted, total: r.total, cancelled: r.cancelled })),
  requeue: (input) => api.call('tasks.requeue', input).then((r) => ({ done: r.requeued, total: r.total, cancelled: r.cancelled })),
  retry: (input) => api.call('tasks.retry', input).then((r) => ({ done: r.forgotten, total: r.total, cancelled: r.cancelled })),
  timeout: (input) => api.call('tasks.timeout', input).then((r) => ({ done: r.timed_out, total: r.total, cancelled: r.cancelled }))
}

/** Kinds that delete rows: a red button and the "cannot be restored" line. */
const deletes = (kind: ActionSpec['kind']) => kind === 'purge' || kind === 'retry'

/**
 * Every bulk change goes through here: preview (how many, oldest and newest, per status) → a confirmation sized to the
 * damage → the job with a progress bar and Cancel → a summary of exactly what was done. Only tasks that existed at the
 * preview can be touched (the preview's snapshot travels with the job).
 */
export function ActionDialog({ spec, threshold = DEFAULT_TYPE_THRESHOLD, onClose, onChanged }: { spec: ActionSpec; threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const [phase, setPhase] = useState<Phase>({ step: 'preview' })
  const [typed, setTyped] = useState('')
  const [maintenance, setMaintenance] = useState(false)
  const [triggersOk, setTriggersOk] = useState(false)
  const targetKey = JSON.stringify(spec.target)

  useEffect(() => {
    // Invalid or empty input shows no preview and offers no button, so an old preview can never be confirmed.
    if (!spec.target) return setPhase((old) => (old.step === 'running' || old.step === 'done' ? old : { step: 'incomplete' }))
    let live = true
    setPhase({ step: 'preview' })
    setTyped('')
    api.call('tasks.preview', { target: spec.target }).then(
      (preview) => live && setPhase({ step: 'confirm', preview }),
      (e: unknown) => live && setPhase({ step: 'failed', message: errorMessage(e) })
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetKey])

  const runningJob = phase.step === 'running' ? phase.jobId : null
  useEffect(() => {
    if (!runningJob) return
    return api.on('job.progress', (p) => {
      if (p.jobId === runningJob)
        setPhase((old) =>
          old.step === 'running' ? { ...old, done: Math.max(old.done, p.done), total: p.total, maintenanceEnded: old.maintenanceEnded || p.maintenance === false, waiting: p.waiting === 'lock' } : old
        )
    })
  }, [runningJob])

  const run = (preview: Preview) => {
    if (!spec.target) return
    const jobId = newJobId()
    setPhase({ step: 'running', preview, jobId, done: 0, total: preview.count, cancelling: false, maintenanceEnded: false })
    const input = { target: spec.target, snapshot: preview.snapshot, jobId, ...(maintenance ? { maintenance } : {}), ...(triggersOk ? { allowTriggers: true } : {}) }
    const call = (spec.run ?? RUN[spec.kind])(input)
    call.then(
      (r) => setPhase((old) => ({ step: 'done', ...r, maintenanceEnded: old.step === 'running' && old.maintenanceEnded })),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e), partial: e instanceof ApiError ? e.partial : undefined })
    )
    call.finally(onChanged).catch(() => undefined)
  }

  const cancel = () => {
    if (phase.step !== 'running') return
    setPhase({ ...phase, cancelling: true })
    void api.call('jobs.cancel', { jobId: phase.jobId })
  }

  const running = phase.step === 'running'
  return (
    <Dialog title={spec.title} onClose={onClose} dismissable={!running}>
      <div className="space-y-4 text-sm">
        {spec.description}
        {spec.setup && phase.step !== 'running' && phase.step !== 'done' && spec.setup}
        {phase.step === 'incomplete' && spec.incomplete && <p className="text-slate-600 dark:text-slate-300">{spec.incomplete}</p>}
        {phase.step === 'preview' && (
          <p className="flex items-center gap-2 text-muted">
            <Spinner label={t('actions.counting')} /> {t('actions.countingWhat')}
          </p>
        )}
        {phase.step === 'failed' && (
          <Notice tone="error">
            {phase.message}
            {phase.partial && <strong className="mt-1 block">{t('actions.failedAfter', { done: phase.partial.done, total: phase.partial.total })}</strong>}
          </Notice>
        )}
        {phase.step === 'confirm' && <PreviewSummary preview={phase.preview} kind={spec.kind} alsoChanges={spec.alsoChanges ?? 0} />}
        {phase.step === 'confirm' && confirmLevel(phase.preview.count, threshold) === 'type' && (
          <label className="block">
            <span className="mb-1 block">{t('actions.typeToConfirm', { count: phase.preview.count })}</span>
            <input autoFocus={!spec.setup} inputMode="numeric" aria-label={t('actions.typeToConfirmLabel')} value={typed} onChange={(e) => setTyped(e.target.value)} className="w-40 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900" />
          </label>
        )}
        {phase.step === 'confirm' && phase.preview.triggers.length > 0 && (phase.preview.count > 0 || (spec.alsoChanges ?? 0) > 0) && (
          <div className="space-y-2">
            <Notice tone="warn">{t('actions.triggers', { count: phase.preview.triggers.length, names: phase.preview.triggers.join(', ') })}</Notice>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-1" checked={triggersOk} onChange={(e) => setTriggersOk(e.target.checked)} />
              <span>{t('actions.triggersOk')}</span>
            </label>
          </div>
        )}
        {phase.step === 'confirm' && spec.kind === 'purge' && phase.preview.count > 0 && (
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-1" checked={maintenance} onChange={(e) => setMaintenance(e.target.checked)} aria-describedby="maintenance-hint" />
            <span>
              {t('actions.maintenance')}
              <span id="maintenance-hint" className="block text-xs text-muted">
                {t('actions.maintenanceHint')}
              </span>
            </span>
          </label>
        )}
        {phase.step === 'running' && (
          <JobProgress label={t(`actions.progress.${spec.kind}`)} line={t(`actions.progressLine.${spec.kind}`, { done: phase.done, total: phase.total })} done={phase.done} total={phase.total} note={phase.cancelling ? t('actions.stopping') : phase.waiting ? t('actions.waitingLock') : undefined} />
        )}
        {(phase.step === 'running' || phase.step === 'done') && phase.maintenanceEnded && <Notice tone="warn">{t('actions.maintenanceOff')}</Notice>}
        {phase.step === 'done' && (
          <Notice tone={phase.cancelled ? 'warn' : 'info'}>
            {phase.cancelled ? t(`actions.cancelledLine.${spec.kind}`, { done: phase.done, total: phase.total }) : t(`actions.doneLine.${spec.kind}`, { count: phase.done })}
            {phase.note && ` ${phase.note}`}
          </Notice>
        )}
        <div className="flex justify-end gap-2 pt-2">
          {phase.step === 'confirm' && (phase.preview.count > 0 || (spec.alsoChanges ?? 0) > 0) && (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              {/* Never focused by itself: a preview must not move the user's focus (they may be typing in the setup),
                  and Enter must never confirm a change the user has not reached on purpose. */}
              <Button
                tone={deletes(spec.kind) ? 'danger' : 'primary'}
                disabled={(confirmLevel(phase.preview.count, threshold) === 'type' && !typedCountMatches(typed, phase.preview.count)) || (phase.preview.triggers.length > 0 && !triggersOk)}
                onClick={() => run(phase.preview)}
              >
                {spec.runLabel ?? t('actions.run', { verb: t(`actions.verb.${spec.kind}`), count: phase.preview.count })}
              </Button>
            </>
          )}
          {running && (
            <Button onClick={cancel} disabled={phase.cancelling}>
              {t('common.cancel')}
            </Button>
          )}
          {(phase.step === 'done' || phase.step === 'failed' || (phase.step === 'confirm' && phase.preview.count === 0 && !spec.alsoChanges)) && (
            // Focus moves here only when a job has ended; "nothing matches" while typing leaves focus in the field.
            <Button tone="primary" autoFocus={phase.step === 'done'} onClick={onClose}>
              {t('common.close')}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  )
}

function PreviewSummary({ preview, kind, alsoChanges }: { preview: Preview; kind: ActionSpec['kind']; alsoChanges: number }) {
  const { t } = useTranslation()
  if (preview.count === 0) return <Notice>{alsoChanges > 0 ? t('actions.nothingElse') : t('actions.nothingMatches')}</Notice>
  return (
    <div className="space-y-2">
      <p>{t('actions.willDo', { verb: t(`actions.willVerb.${kind}`), count: preview.count, from: absoluteTime(preview.oldest), to: absoluteTime(preview.newest) })}</p>
      <ul className="flex flex-wrap gap-2" aria-label={t('actions.perStatus')}>
        {Object.entries(preview.by_status).map(([status, n]) => (
          <li key={status} className="flex items-center gap-1">
            <StatusBadge status={status} /> <span className="tabular-nums">{formatCount(n)}</span>
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted">
        {t('actions.afterPreview')} {deletes(kind) ? t('actions.cannotRestore') : ''}
      </p>
    </div>
  )
}
