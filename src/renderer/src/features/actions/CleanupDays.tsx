import { useEffect, useState } from 'react'
import { ActionDialog } from './ActionDialog'
import { DEFAULT_TYPE_THRESHOLD } from './confirm'

/** The seed's manual cleanup: delete tasks created more than N days ago (default 7), through the same safe flow. */
export function CleanupDays({ backend, onClose, onChanged }: { backend: boolean; onClose(): void; onChanged(): void }) {
  const [text, setText] = useState('7')
  const [days, setDays] = useState(7)
  useEffect(() => {
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 36_500) return
    const t = setTimeout(() => setDays(n), 300)
    return () => clearTimeout(t)
  }, [text])
  const valid = text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= 36_500
  return (
    <ActionDialog
      threshold={DEFAULT_TYPE_THRESHOLD}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'purge',
        title: 'Clean up old tasks',
        verb: 'Delete',
        past: 'deleted',
        target: valid ? { filter: { olderThanDays: days } } : null,
        setup: (
          <div className="space-y-1">
            <label className="flex items-center gap-2">
              Delete tasks created more than
              <input type="number" min={0} max={36500} aria-label="Days" value={text} onChange={(e) => setText(e.target.value)} className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900" />
              days ago
            </label>
            {!valid && <p className="text-sm text-red-700 dark:text-red-300">Enter a number of days from 0 to 36500.</p>}
            <p className="text-xs text-slate-500">
              {backend ? 'This looks at when tasks were created, whatever their status.' : 'This is the cache module’s own rule (cleanup_expired_tasks, 7 days by default), whatever the task’s status.'}
            </p>
          </div>
        )
      }}
    />
  )
}
