import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { pythonPretty } from '@shared/python-json'
import type { TaskDetail } from '@shared/task'
import { Dialog } from '../../components/Dialog'
import { Button, Notice } from '../../components/ui'
import { api, errorMessage } from '../../lib/api'
import { formatBytes } from '../../lib/format'
import { editPreview } from './edit-preview'
import { JsonEditor } from './JsonEditor'

const STATUSES = ['pending', 'processing', 'completed', 'error']
const field = 'rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900'

function initialText(task: TaskDetail): string {
  const r = task.result
  if (r.kind === 'json') {
    try {
      return pythonPretty(r.text)
    } catch {
      return r.text
    }
  }
  return r.kind === 'malformed' ? r.text : ''
}

/**
 * Local debugging: change a task's status and result as the seed module's update_task_result would, with what will
 * change shown before it is saved. Seed-format files only (backend results are ciphertext).
 */
export function EditTaskDialog({ task, dark, onClose, onSaved }: { task: TaskDetail; dark: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation()
  const start = initialText(task)
  const [status, setStatus] = useState(task.status)
  const [text, setText] = useState(start)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const touched = text !== start
  const storedText = task.result.kind === 'json' || task.result.kind === 'malformed' ? task.result.text : null
  const preview = editPreview({ status: task.status, resultText: storedText }, { status, resultText: touched ? text : null })
  const nothing = preview.status === null && preview.result.kind === 'unchanged'
  const invalid = preview.result.kind === 'invalid' || status.trim() === ''

  const save = () => {
    setSaving(true)
    setError(null)
    api.call('tasks.update', { key: task.key, status: status.trim(), ...(touched ? { result: text } : {}) }).then(
      (r) => {
        setSaving(false)
        setSaved(r.resultKept ? t('edit.savedKept') : t('edit.saved'))
        onSaved()
      },
      (e: unknown) => {
        setSaving(false)
        setError(errorMessage(e))
      }
    )
  }

  return (
    <Dialog title={t('edit.title', { id: task.id })} onClose={onClose} wide>
      <div className="space-y-3 text-sm">
        <label className="flex items-center gap-2">
          {t('edit.status')}
          <input list="task-statuses" aria-label={t('edit.status')} value={status} onChange={(e) => setStatus(e.target.value)} className={`w-40 ${field}`} />
          <datalist id="task-statuses">
            {STATUSES.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <div className="space-y-1">
          <div className="flex items-center justify-between">
            <span>{t('edit.result')}</span>
            <Button onClick={() => preview.result.kind !== 'invalid' && text.trim() && setText(pythonPretty(text))} disabled={preview.result.kind === 'invalid' || !text.trim()}>
              {t('edit.format')}
            </Button>
          </div>
          <JsonEditor value={text} onChange={setText} label={t('edit.resultEditor')} dark={dark} />
        </div>
        <section aria-label={t('edit.changes')} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">{t('edit.changes')}</h3>
          <ul className="space-y-0.5">
            <li>{preview.status ? t('edit.statusChange', preview.status) : t('edit.statusSame', { status: task.status })}</li>
            <li>
              {preview.result.kind === 'invalid' ? (
                <span className="text-red-800 dark:text-red-300">{t('edit.resultInvalid', { message: preview.result.message })}</span>
              ) : preview.result.kind === 'kept' ? (
                t('edit.resultKept', { json: preview.result.json })
              ) : preview.result.kind === 'replaced' ? (
                t('edit.resultReplaced', { size: formatBytes(preview.result.bytes) })
              ) : (
                t('edit.resultSame')
              )}
            </li>
            <li className="text-xs text-muted">{t('edit.updatedNow')}</li>
          </ul>
        </section>
        {error && <Notice tone="error">{error}</Notice>}
        {saved && <Notice>{saved}</Notice>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{saved ? t('common.close') : t('common.cancel')}</Button>
          {!saved && (
            <Button tone="primary" disabled={nothing || invalid || saving} onClick={save}>
              {t('edit.save')}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  )
}
