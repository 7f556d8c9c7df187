import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EMPTY_PG_FIELDS, pgFieldsOf, pgFieldsProblem, pgUrlOf, type PgFields } from '@shared/pg-fields'
import { api, errorMessage } from '../../lib/api'
import { Dialog } from '../../components/Dialog'
import { Button, Notice, Spinner } from '../../components/ui'
import { PgFieldset } from './PgFieldset'

type Phase = { step: 'edit' } | { step: 'testing' } | { step: 'tested'; text: string } | { step: 'connecting' } | { step: 'failed'; message: string }

/**
 * File → Connect to PostgreSQL…: the fields of a tasks table on a server, Test (connect, say what is there, let go)
 * and Connect. The password goes to the server with this connection only; the app remembers the URL without it.
 */
export function ConnectDialog({ url, readOnly, onClose }: { url?: string; readOnly: boolean; onClose(): void }) {
  const { t } = useTranslation()
  const [fields, setFields] = useState<PgFields>(() => (url ? pgFieldsOf(url) : EMPTY_PG_FIELDS))
  const [onlyRead, setOnlyRead] = useState(readOnly)
  const [phase, setPhase] = useState<Phase>({ step: 'edit' })
  const problem = pgFieldsProblem(fields)
  const busy = phase.step === 'testing' || phase.step === 'connecting'
  const change = (next: PgFields) => {
    setFields(next)
    if (phase.step !== 'edit') setPhase({ step: 'edit' })
  }
  const test = () => {
    setPhase({ step: 'testing' })
    api.call('db.probe', { path: pgUrlOf(fields) }).then(
      (r) => setPhase({ step: 'tested', text: t(r.estimate ? `connect.foundEstimate_${r.kind}` : `connect.found_${r.kind}`, { count: r.tasks }) }),
      (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) })
    )
  }
  const connect = () => {
    setPhase({ step: 'connecting' })
    api.call('db.open', { path: pgUrlOf(fields), readOnly: onlyRead }).then(onClose, (e: unknown) => setPhase({ step: 'failed', message: errorMessage(e) }))
  }
  return (
    <Dialog title={t('connect.title')} onClose={onClose} dismissable={!busy}>
      <form
        className="space-y-4 text-sm"
        onSubmit={(e) => {
          e.preventDefault()
          if (!problem && !busy) connect()
        }}
      >
        <p className="text-slate-600 dark:text-slate-300">{t('connect.intro')}</p>
        <PgFieldset fields={fields} onChange={change} disabled={busy} />
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={onlyRead} disabled={busy || readOnly} onChange={(e) => setOnlyRead(e.target.checked)} />
          {t('connect.readOnly')}
        </label>
        {problem && <p className="text-xs text-amber-800 dark:text-amber-200">{problem === 'port' ? t('connect.badPort') : t('connect.invalid')}</p>}
        <div aria-live="polite">
          {phase.step === 'testing' && (
            <p className="flex items-center gap-2">
              <Spinner label={t('connect.testing')} /> {t('connect.testing')}
            </p>
          )}
          {phase.step === 'connecting' && (
            <p className="flex items-center gap-2">
              <Spinner label={t('connect.connecting')} /> {t('connect.connecting')}
            </p>
          )}
          {phase.step === 'tested' && <Notice>{phase.text}</Notice>}
          {phase.step === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        </div>
        {/* Kept in view when the form scrolls (a 720-pixel-high window). */}
        <div className="sticky bottom-0 -mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-700 dark:bg-slate-900">
          <Button type="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="button" onClick={test} disabled={busy || problem !== null}>
            {t('connect.test')}
          </Button>
          <Button type="submit" tone="primary" disabled={busy || problem !== null}>
            {t('connect.connect')}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
