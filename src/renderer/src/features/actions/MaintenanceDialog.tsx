import { useState } from 'react'
import type { Output } from '@shared/contract'
import { api, errorMessage } from '../../lib/api'
import { formatBytes } from '../../lib/format'
import { Dialog } from '../../components/Dialog'
import { Button, Notice, Spinner } from '../../components/ui'

type Phase = { step: 'confirm' } | { step: 'running' } | { step: 'done'; text: string } | { step: 'failed'; message: string }

/** Compact (VACUUM) and add suggested indexes: explicit, confirmed, with a clear result. */
export function MaintenanceDialog({ kind, stats, onClose, onChanged }: { kind: 'vacuum' | 'indexes'; stats: Output<'db.stats'> | undefined; onClose(): void; onChanged(): void }) {
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' })
  const run = () => {
    setPhase({ step: 'running' })
    const work =
      kind === 'vacuum'
        ? api.call('db.vacuum', {}).then((r) => `Compacted: ${formatBytes(r.bytes_before)} → ${formatBytes(r.bytes_after)} (saved ${formatBytes(Math.max(0, r.bytes_before - r.bytes_after))}).`)
        : api.call('db.addIndexes', {}).then((r) => (r.added.length ? `Added ${r.added.join(', ')}.` : 'All suggested indexes were already there.'))
    work.then(
      (text) => setPhase({ step: 'done', text }),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) })
    )
    void work.finally(onChanged).catch(() => undefined)
  }
  const title = kind === 'vacuum' ? 'Compact database' : 'Add suggested indexes'
  return (
    <Dialog title={title} onClose={onClose} dismissable={phase.step !== 'running'}>
      <div className="space-y-3 text-sm">
        {phase.step === 'confirm' &&
          (kind === 'vacuum' ? (
            <p>
              The file is {formatBytes(stats?.file_bytes ?? 0)}, of which {formatBytes((stats?.freelist_count ?? 0) * (stats?.page_size ?? 0))} is free pages. Compacting rewrites it; the backend waits while it runs (its writes may time out on a
              large file).
            </p>
          ) : (
            <p>
              This adds {stats?.missing_indexes.join(', ')} to the file. Building them locks the file for a while on a large table, and makes the file a little larger; the backend keeps working with them.
            </p>
          ))}
        {phase.step === 'running' && (
          <p className="flex items-center gap-2">
            <Spinner label="Working" /> Working… this can take a while on a large file.
          </p>
        )}
        {phase.step === 'done' && <Notice>{phase.text}</Notice>}
        {phase.step === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        <div className="flex justify-end gap-2">
          {phase.step === 'confirm' && (
            <>
              <Button onClick={onClose}>Cancel</Button>
              <Button tone="primary" autoFocus onClick={run}>
                {kind === 'vacuum' ? 'Compact' : 'Add indexes'}
              </Button>
            </>
          )}
          {(phase.step === 'done' || phase.step === 'failed') && (
            <Button tone="primary" autoFocus onClick={onClose}>
              Close
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  )
}
