import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo } from '@shared/contract'
import { api, ApiError, errorMessage } from '../../lib/api'

const isPgUrl = (p: string) => /^postgres(ql)?:\/\//i.test(p)
import { Button, Notice } from '../../components/ui'

/** Shown when no database is open: choose one (file dialog on the desktop, a path in the browser) or create one. */
export function OpenDatabase({
  app,
  reason,
  reopen,
  recent = [],
  onConnect
}: {
  app: AppInfo | undefined
  reason: string | null
  reopen: string | null
  recent?: string[]
  /** Opens the Connect to PostgreSQL dialog, filled in from a URL when given. */
  onConnect(url?: string): void
}) {
  const { t } = useTranslation()
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const open = async (p: string, options: { readOnly?: boolean; create?: boolean } = {}) => {
    setBusy(true)
    setError(null)
    try {
      await api.call('db.open', { path: p, ...options })
    } catch (e) {
      // A remembered PostgreSQL table whose password is in neither PGPASSWORD nor ~/.pgpass: ask for it.
      if (isPgUrl(p) && e instanceof ApiError && e.code === 'UNAUTHORIZED') return onConnect(p)
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const pick = async (mode: 'open' | 'new', readOnly = false) => {
    const r = await api.call('db.pick', { mode })
    if (r.path) await open(r.path, mode === 'new' ? { create: true } : { readOnly })
  }
  return (
    <div className="m-auto w-full max-w-xl space-y-4 p-6">
      <h2 className="text-xl font-semibold">{t('open.title')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t('open.intro')}</p>
      {reason && (
        <Notice tone="warn">
          <div className="flex flex-wrap items-center gap-3">
            <span className="min-w-0 flex-1">{reason}</span>
            {reopen && (
              <Button disabled={busy} onClick={() => void open(reopen, { readOnly: app?.readOnly })}>
                {t('open.openAgain')}
              </Button>
            )}
          </div>
        </Notice>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      {app?.canPickFiles && (
        <div className="flex flex-wrap gap-2">
          <Button tone="primary" disabled={busy} onClick={() => void pick('open')}>
            {t('open.openPick')}
          </Button>
          <Button disabled={busy} onClick={() => void pick('open', true)}>
            {t('open.openReadOnly')}
          </Button>
          <Button disabled={busy || app.readOnly} onClick={() => void pick('new')}>
            {t('open.newDatabase')}
          </Button>
          <Button disabled={busy} onClick={() => onConnect()}>
            {t('open.connect')}
          </Button>
        </div>
      )}
      {!app?.canPickFiles && (
        <Button disabled={busy} onClick={() => onConnect()}>
          {t('open.connect')}
        </Button>
      )}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault()
          if (path.trim()) void open(path.trim(), { readOnly: app?.readOnly })
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block">{app?.canPickFiles ? t('open.typePath') : t('open.serverPath')}</span>
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/srv/docusnap/tasks.db" className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-900" />
        </label>
        <div className="flex gap-2">
          <Button type="submit" tone={app?.canPickFiles ? 'default' : 'primary'} disabled={busy || !path.trim()}>
            {t('open.open')}
          </Button>
          {!app?.readOnly && (
            <Button disabled={busy || !path.trim()} onClick={() => void open(path.trim(), { create: true })}>
              {t('open.createNew')}
            </Button>
          )}
        </div>
      </form>
      {recent.length > 0 && (
        <section aria-label={t('open.recent')} className="space-y-1">
          <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">{t('open.recent')}</h3>
          <ul className="space-y-0.5">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" disabled={busy} className="font-mono text-xs break-all text-sky-700 underline dark:text-sky-300" onClick={() => void open(p, { readOnly: app?.readOnly })}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
