import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { printableText } from '@shared/filter'
import type { TaskDetail } from '@shared/task'
import { Dialog } from '../../components/Dialog'
import { Button, Notice } from '../../components/ui'
import { api, errorMessage } from '../../lib/api'

const TYPES = ['document', 'form', 'form_filling']
const field = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900'

/**
 * Local debugging: create a task (the seed's create_task_record: pending, created now), or duplicate one under a new
 * id to run the same kind of work again. Says what will be written before it is.
 */
export function NewTaskDialog({ source, onClose, onCreated }: { source?: TaskDetail; onClose(): void; onCreated(key: string): void }) {
  const { t } = useTranslation()
  const [id, setId] = useState<string>(() => crypto.randomUUID())
  const [type, setType] = useState(source?.type ?? 'document')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const cleanId = id.trim()
  // The contract's own rule for ids and types, so the button is enabled exactly when the server would accept them.
  const valid = printableText(500).safeParse(cleanId).success && printableText(200).safeParse(type.trim()).success
  const create = () => {
    setBusy(true)
    setError(null)
    const call = source ? api.call('tasks.duplicate', { key: source.key, id: cleanId }) : api.call('tasks.create', { id: cleanId, type: type.trim() })
    call.then(
      (task) => {
        setBusy(false)
        if (task) onCreated(task.key)
      },
      (e: unknown) => {
        setBusy(false)
        setError(errorMessage(e))
      }
    )
  }
  return (
    <Dialog title={source ? t('newTask.duplicateTitle', { id: source.id }) : t('newTask.title')} onClose={onClose}>
      <div className="space-y-3 text-sm">
        <label className="block space-y-1">
          <span>{t('newTask.id')}</span>
          <input aria-label={t('newTask.id')} value={id} onChange={(e) => setId(e.target.value)} className={field} />
        </label>
        <label className="block space-y-1">
          <span>{t('newTask.type')}</span>
          <input list="task-types" aria-label={t('newTask.type')} value={type} disabled={source !== undefined} onChange={(e) => setType(e.target.value)} className={field} />
          <datalist id="task-types">
            {TYPES.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </label>
        <p role="status">{valid ? t('newTask.preview', { id: cleanId, type: type.trim() }) : t('newTask.enterId')}</p>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button tone="primary" disabled={!valid || busy} onClick={create}>
            {source ? t('newTask.duplicate') : t('newTask.create')}
          </Button>
        </div>
      </div>
    </Dialog>
  )
}
