import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Output } from '@shared/contract'
import { api, errorMessage } from '../../lib/api'
import { formatBytes } from '../../lib/format'
import { Dialog } from '../../components/Dialog'
import { Button, Notice, Spinner } from '../../components/ui'

type Phase = { step: 'confirm' } | { step: 'running' } | { step: 'done'; text: string } | { step: 'failed'; message: string }

/** Compact (VACUUM) and add suggested indexes: explicit, confirmed, with a clear result. */
export function MaintenanceDialog({ kind, stats, onClose, onChanged }: { kind: 'vacuum' | 'indexes'; stats: Output<'db.stats'> | undefined; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' })
  const run = () => {
    setPhase({ step: 'running' })
    const work =
      kind === 'vacuum'
        ? api
            .call('db.vacuum', {})
            .then((r) => t('maintenance.compacted', { before: formatBytes(r.bytes_before), after: formatBytes(r.bytes_after), saved: formatBytes(Math.max(0, r.bytes_before - r.bytes_after)) }))
        : api.call('db.addIndexes', {}).then((r) => (r.added.length ? t('maintenance.added', { names: r.added.join(', ') }) : t('maintenance.allThere')))
    work.then(
      (text) => setPhase({ step: 'done', text }),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) })
    )
    void work.finally(onChanged).catch(() => undefined)
  }
  const title = kind === 'vacuum' ? t('maintenance.compactTitle') : t('maintenance.indexesTitle')
  return (
    <Dialog title={title} onClose={onClose} dismissable={phase.step !== 'running'}>
      <div className="space-y-3 text-sm">
        {phase.step === 'confirm' &&
          (kind === 'vacuum' ? (
            <p>
              {stats?.postgres
                ? t('maintenance.compactIntroPg', { size: formatBytes(stats.file_bytes), dead: stats.postgres.dead_tuples })
                : t('maintenance.compactIntro', { size: formatBytes(stats?.file_bytes ?? 0), free: formatBytes((stats?.freelist_count ?? 0) * (stats?.page_size ?? 0)) })}
            </p>
          ) : (
            <p>{t(stats?.postgres ? 'maintenance.indexesIntroPg' : 'maintenance.indexesIntro', { names: stats?.missing_indexes.join(', ') ?? '' })}</p>
          ))}
        {phase.step === 'running' && (
          <p className="flex items-center gap-2">
            <Spinner label={t('maintenance.working')} /> {t('maintenance.workingLong')}
          </p>
        )}
        {phase.step === 'done' && <Notice>{phase.text}</Notice>}
        {phase.step === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        <div className="flex justify-end gap-2">
          {phase.step === 'confirm' && (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button tone="primary" autoFocus onClick={run}>
                {kind === 'vacuum' ? t('maintenance.compact') : t('maintenance.addIndexes')}
              </Button>
            </>
          )}
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
