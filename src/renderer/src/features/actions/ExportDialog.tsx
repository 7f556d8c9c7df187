import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo } from '@shared/contract'
import type { TaskFilter } from '@shared/filter'
import { api, errorMessage, exportDownloadUrl } from '../../lib/api'
import { Dialog } from '../../components/Dialog'
import { startDownload } from '../../lib/download'
import { Button, JobProgress, Notice } from '../../components/ui'
import { newJobId } from './confirm'

type Format = 'csv' | 'json' | 'jsonl'
type Phase = { step: 'choose' } | { step: 'running'; jobId: string; done: number; total: number } | { step: 'done'; text: string; warn?: boolean } | { step: 'failed'; message: string }

/** Export the tasks matching the filter: a file on the desktop (with progress and cancel), a download in the browser. */
export function ExportDialog({ filter, total, app, onClose }: { filter: TaskFilter; total: number | null; app: AppInfo | undefined; onClose(): void }) {
  const { t } = useTranslation()
  const [format, setFormat] = useState<Format>('csv')
  const [withResult, setWithResult] = useState(false)
  const [bom, setBom] = useState(false)
  const [rawTimes, setRawTimes] = useState(false)
  const [phase, setPhase] = useState<Phase>({ step: 'choose' })
  const jobId = phase.step === 'running' ? phase.jobId : null
  useEffect(() => {
    if (!jobId) return
    return api.on('job.progress', (p) => p.jobId === jobId && setPhase((old) => (old.step === 'running' ? { ...old, done: p.done, total: p.total } : old)))
  }, [jobId])

  const request = { filter, format, withResult, bom: format === 'csv' && bom, rawTimes: format === 'csv' && rawTimes }
  const start = async () => {
    let url: string | null
    try {
      url = await exportDownloadUrl(request)
    } catch (e) {
      return setPhase({ step: 'failed', message: errorMessage(e) })
    }
    if (url) {
      startDownload(url)
      setPhase({ step: 'done', text: t('exporting.downloadStarted') })
      return
    }
    const picked = await api.call('db.pick', { mode: 'export', suggestedName: `tasks.${format}` })
    if (!picked.path) return
    const id = newJobId()
    setPhase({ step: 'running', jobId: id, done: 0, total: total ?? 0 })
    api.call('tasks.export', { ...request, path: picked.path, jobId: id }).then(
      (r) => setPhase(r.cancelled ? { step: 'done', text: t('exporting.cancelled'), warn: true } : { step: 'done', text: t('exporting.done', { count: r.exported, path: picked.path }) }),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) })
    )
  }

  const radio = (value: Format, label: string) => (
    <label className="flex items-center gap-2">
      <input type="radio" name="format" checked={format === value} onChange={() => setFormat(value)} />
      {label}
    </label>
  )
  return (
    <Dialog title={t('exporting.title')} onClose={onClose} dismissable={phase.step !== 'running'}>
      <div className="space-y-4 text-sm">
        {phase.step === 'choose' && (
          <>
            <p>{total === null ? t('exporting.intro') : t('exporting.introCount', { count: total })}</p>
            <fieldset className="space-y-1">
              <legend className="mb-1 font-medium">{t('exporting.format')}</legend>
              {radio('csv', t('exporting.csv'))}
              {radio('json', t('exporting.json'))}
              {radio('jsonl', t('exporting.jsonl'))}
            </fieldset>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={withResult} onChange={(e) => setWithResult(e.target.checked)} />
              {t('exporting.withResult')}
            </label>
            {format === 'csv' && (
              <>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
                  {t('exporting.bom')}
                </label>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={rawTimes} onChange={(e) => setRawTimes(e.target.checked)} />
                  {t('exporting.rawTimes')}
                </label>
              </>
            )}
          </>
        )}
        {phase.step === 'running' && <JobProgress label={t('exporting.progress')} line={t('actions.progressLine.export', { done: phase.done, total: phase.total })} done={phase.done} total={phase.total} />}
        {phase.step === 'done' && <Notice tone={phase.warn ? 'warn' : 'info'}>{phase.text}</Notice>}
        {phase.step === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        <div className="flex justify-end gap-2">
          {phase.step === 'choose' && (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button tone="primary" disabled={total === 0} onClick={() => void start()}>
                {app?.canPickFiles ? t('exporting.exportButton') : t('exporting.download')}
              </Button>
            </>
          )}
          {phase.step === 'running' && <Button onClick={() => void api.call('jobs.cancel', { jobId: phase.jobId })}>{t('common.cancel')}</Button>}
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
