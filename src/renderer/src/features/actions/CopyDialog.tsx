import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Output } from '@shared/contract'
import type { Distribution } from '@shared/results'
import { EMPTY_PG_FIELDS, pgFieldsProblem, pgUrlOf, type PgFields } from '@shared/pg-fields'
import { api, errorMessage } from '../../lib/api'
import { Dialog } from '../../components/Dialog'
import { Button, JobProgress, Notice } from '../../components/ui'
import { PgFieldset } from '../open/PgFieldset'
import { newJobId } from './confirm'

const select = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900'

type Phase =
  | { step: 'choose' }
  | { step: 'running'; jobId: string; done: number; total: number }
  | { step: 'done'; result: Output<'db.copy'> }
  | { step: 'failed'; message: string }

/**
 * File → Copy Tasks To…: the open database's tasks into a PostgreSQL table or a SQLite file (the move across, or back),
 * with progress and stop; it ends with the row counts and a checksum per column compared on both sides.
 */
export function CopyDialog({ from, kind, onClose }: { from: string; kind: 'seed' | 'backend'; onClose(): void }) {
  const { t } = useTranslation()
  const [to, setTo] = useState<'postgres' | 'file'>('postgres')
  const [fields, setFields] = useState<PgFields>(EMPTY_PG_FIELDS)
  const [file, setFile] = useState<string | null>(null)
  const [spread, setSpread] = useState<'' | Distribution>('')
  const [phase, setPhase] = useState<Phase>({ step: 'choose' })
  const jobId = phase.step === 'running' ? phase.jobId : null
  useEffect(() => {
    if (!jobId) return
    return api.on('job.progress', (p) => p.jobId === jobId && setPhase((old) => (old.step === 'running' ? { ...old, done: p.done, total: p.total } : old)))
  }, [jobId])
  const target = to === 'postgres' ? (pgFieldsProblem(fields) ? null : pgUrlOf(fields)) : file
  const start = () => {
    if (!target) return
    const id = newJobId()
    setPhase({ step: 'running', jobId: id, done: 0, total: 0 })
    api.call('db.copy', { to: target, jobId: id, ...(to === 'postgres' && spread ? { distributeBy: spread } : {}) }).then(
      (result) => setPhase({ step: 'done', result }),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) })
    )
  }
  const pick = async () => {
    const r = await api.call('db.pick', { mode: 'new', suggestedName: 'tasks.db' })
    if (r.path) setFile(r.path)
  }
  const running = phase.step === 'running'
  const spreadHint = useId()
  return (
    <Dialog title={t('copy.title')} onClose={onClose} dismissable={!running} wide>
      <div className="space-y-4 text-sm">
        {phase.step === 'choose' && (
          <>
            <p className="text-slate-600 dark:text-slate-300">{t('copy.intro', { from })}</p>
            <fieldset className="flex gap-4">
              {(['postgres', 'file'] as const).map((v) => (
                <label key={v} className="flex items-center gap-2">
                  <input type="radio" name="copy-to" checked={to === v} onChange={() => setTo(v)} />
                  {v === 'postgres' ? t('copy.toPostgres') : t('copy.toFile')}
                </label>
              ))}
            </fieldset>
            {to === 'postgres' ? (
              <>
                <PgFieldset fields={fields} onChange={setFields} />
                <label className="block">
                  <span className="mb-1 block">{t('copy.distribute')}</span>
                  <select value={spread} onChange={(e) => setSpread(e.target.value as '' | Distribution)} aria-describedby={spreadHint} className={select}>
                    <option value="">{t('copy.plainTable')}</option>
                    <option value={kind === 'seed' ? 'id' : 'client_id'}>{t('copy.distributeBy', { column: kind === 'seed' ? 'id' : 'client_id' })}</option>
                    <option value="reference">{t('copy.referenceTable')}</option>
                  </select>
                  <span id={spreadHint} className="mt-1 block text-xs text-muted">
                    {t('copy.distributeHint')}
                  </span>
                </label>
              </>
            ) : (
              <div className="flex items-center gap-3">
                <Button onClick={() => void pick()}>{t('copy.chooseFile')}</Button>
                <span className="font-mono text-xs break-all">{file ?? t('copy.noFile')}</span>
              </div>
            )}
          </>
        )}
        {running && <JobProgress label={t('copy.copying')} line={t('copy.progress', { done: phase.done, total: phase.total })} done={phase.done} total={phase.total} />}
        {phase.step === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        {phase.step === 'done' && <CopyOutcome result={phase.result} kind={kind} />}
        <div className="sticky bottom-0 -mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-700 dark:bg-slate-900">
          {phase.step === 'choose' && (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button tone="primary" disabled={!target} onClick={start}>
                {t('copy.start')}
              </Button>
            </>
          )}
          {running && <Button onClick={() => void api.call('jobs.cancel', { jobId: phase.jobId })}>{t('copy.stop')}</Button>}
          {(phase.step === 'done' || phase.step === 'failed') && (
            <Button tone="primary" autoFocus onClick={onClose}>
              {t('common.close')}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  )
}

function CopyOutcome({ result: r, kind }: { result: Output<'db.copy'>; kind: 'seed' | 'backend' }) {
  const { t } = useTranslation()
  if (r.cancelled) return <Notice tone="warn">{t('copy.stopped', { done: r.copied + r.skipped, total: r.total })}</Notice>
  const agree = r.rows.from === r.rows.to && r.checks.every((c) => c.same)
  return (
    <div className="space-y-3">
      <Notice tone={agree ? 'info' : 'warn'}>
        {t('copy.done', { copied: r.copied, skipped: r.skipped })} {r.created ? t('copy.created', { kind: kind === 'seed' ? t('overview.seed') : t('overview.backend') }) : ''} {t('copy.rows', r.rows)}{' '}
        {agree ? t('copy.agree') : t('copy.disagree')}
      </Notice>
      {r.citus && <p>{r.citus.distribution === 'hash' ? t('copy.distributed', { ...r.citus }) : t('copy.referenced', { ...r.citus })}</p>}
      <table className="w-full text-xs">
        <caption className="mb-1 text-left font-medium">{t('copy.checksums')}</caption>
        <thead>
          <tr className="text-left text-muted">
            <th className="py-1 font-normal">{t('copy.column')}</th>
            <th className="py-1 font-normal" />
          </tr>
        </thead>
        <tbody>
          {r.checks.map((c) => (
            <tr key={c.column} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 font-mono">{c.column}</td>
              <td className={`py-1 ${c.same ? '' : 'font-semibold text-red-700 dark:text-red-300'}`}>
                <span className="font-mono">{c.from}</span> {c.same ? `· ${t('copy.same')}` : `≠ ${c.to} · ${t('copy.differ')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
