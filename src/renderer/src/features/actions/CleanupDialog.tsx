import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionDialog, type Target } from './ActionDialog'

const UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const
type Unit = keyof typeof UNITS

/** An amount of time typed by the user, committed after a pause; null while it is not a valid number. */
function useAge(initial: string, max: number) {
  const [text, setText] = useState(initial)
  const [value, setValue] = useState<number | null>(Number(initial))
  const n = Number(text)
  const valid = text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max
  useEffect(() => {
    if (!valid) return setValue(null)
    const t = setTimeout(() => setValue(n), 300)
    return () => clearTimeout(t)
  }, [n, valid])
  return { text, setText, value: valid ? value : null, valid }
}

const input = 'w-20 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900'

/**
 * Manual cleanup. Seed files: the cache module's rule, tasks created more than N days ago (default 7).
 * DocuSnap-Backend files: the backend's own expiry, tasks not accessed for N minutes, hours or days.
 */
export function CleanupDialog({ backend, threshold, onClose, onChanged }: { backend: boolean; threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const age = useAge('7', 36_500 * 1440)
  const [unit, setUnit] = useState<Unit>('days')
  const seconds = age.value === null ? null : Math.round(age.value * (backend ? UNITS[unit] : 86_400))
  // The cutoff is fixed when the number settles, so the preview and the deletion use the same one.
  const [target, setTarget] = useState<Target | null>(null)
  useEffect(() => {
    if (seconds === null) return setTarget(null)
    setTarget(backend ? { filter: { updatedTo: Math.floor(Date.now() / 1000) - seconds } } : { filter: { olderThanDays: seconds / 86_400 } })
  }, [seconds, backend])
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'purge',
        title: backend ? t('cleanup.expireTitle') : t('cleanup.cleanTitle'),
        target,
        setup: (
          <div className="space-y-1">
            {backend ? (
              <label className="flex flex-wrap items-center gap-2">
                {t('cleanup.notAccessedFor')}
                <input type="number" min={0} aria-label={t('cleanup.age')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
                <select aria-label={t('cleanup.unit')} value={unit} onChange={(e) => setUnit(e.target.value as Unit)} className="rounded-md border border-slate-300 bg-white px-1 py-1 dark:border-slate-600 dark:bg-slate-900">
                  {(Object.keys(UNITS) as Unit[]).map((u) => (
                    <option key={u} value={u}>
                      {t(`cleanup.${u}`)}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label className="flex items-center gap-2">
                {t('cleanup.createdMoreThan')}
                <input type="number" min={0} max={36500} aria-label={t('cleanup.daysLabel')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
                {t('cleanup.daysAgo')}
              </label>
            )}
            {!age.valid && <p className="text-sm text-red-700 dark:text-red-300">{t('cleanup.enterNumber')}</p>}
            <p className="text-xs text-slate-500">{backend ? t('cleanup.backendRule') : t('cleanup.seedRule')}</p>
          </div>
        )
      }}
    />
  )
}

/** DocuSnap-Backend: processing tasks created more than N minutes ago → error PROCESSING_TIMEOUT. */
export function StuckDialog({ threshold, onClose, onChanged }: { threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const age = useAge('30', 5_256_000)
  const [target, setTarget] = useState<Target | null>(null)
  useEffect(() => {
    setTarget(age.value === null ? null : { filter: { statuses: ['processing'], createdTo: Math.floor(Date.now() / 1000) - Math.round(age.value * 60) } })
  }, [age.value])
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'timeout',
        title: t('cleanup.stuckTitle'),
        target,
        setup: (
          <div className="space-y-1">
            <label className="flex items-center gap-2">
              {t('cleanup.stuckBefore')}
              <input type="number" min={0} aria-label={t('cleanup.minutesLabel')} value={age.text} onChange={(e) => age.setText(e.target.value)} className={input} />
              {t('cleanup.stuckAfter')}
            </label>
            {!age.valid && <p className="text-sm text-red-700 dark:text-red-300">{t('cleanup.enterMinutes')}</p>}
            <p className="text-xs text-slate-500">{t('cleanup.stuckNote')}</p>
          </div>
        )
      }}
    />
  )
}

/** DocuSnap-Backend's /clear: delete every task of one client. */
export function ClearClientDialog({ clients, threshold, onClose, onChanged }: { clients: string[]; threshold?: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation()
  const [client, setClient] = useState('')
  return (
    <ActionDialog
      threshold={threshold}
      onClose={onClose}
      onChanged={onChanged}
      spec={{
        kind: 'purge',
        title: t('cleanup.clearTitle'),
        target: client ? { filter: { clients: [client] } } : null,
        setup: (
          <label className="block">
            <span className="mb-1 block">{t('cleanup.clientLabel')}</span>
            <input list="known-clients" aria-label={t('cleanup.clientId')} value={client} onChange={(e) => setClient(e.target.value.trim())} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900" />
            <datalist id="known-clients">
              {clients.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
        )
      }}
    />
  )
}
