import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { pgFieldsProblem, pgUrlOf, SSL_MODES, type PgFields } from '@shared/pg-fields'

const input = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900'

/** Host, port, database, user, password, table and TLS of a PostgreSQL table, with the URL they make (no password). */
export function PgFieldset({ fields, onChange, disabled }: { fields: PgFields; onChange(next: PgFields): void; disabled?: boolean }) {
  const { t } = useTranslation()
  const set = (k: keyof PgFields) => (e: { target: { value: string } }) => onChange({ ...fields, [k]: e.target.value })
  const field = (k: 'host' | 'port' | 'database' | 'user' | 'table', label: string, placeholder: string, extra: { className?: string; inputMode?: 'numeric' } = {}) => (
    <label className={`block ${extra.className ?? ''}`}>
      <span className="mb-1 block">{label}</span>
      <input value={fields[k]} onChange={set(k)} placeholder={placeholder} disabled={disabled} inputMode={extra.inputMode} spellCheck={false} autoComplete="off" className={`${input} font-mono`} />
    </label>
  )
  const problem = pgFieldsProblem(fields)
  const hint = useId()
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-4 gap-3">
        {field('host', t('connect.host'), 'localhost', { className: 'col-span-3' })}
        {field('port', t('connect.port'), '5432', { inputMode: 'numeric' })}
        {field('database', t('connect.database'), 'docusnap', { className: 'col-span-2' })}
        {field('user', t('connect.user'), 'docusnap', { className: 'col-span-2' })}
      </div>
      {/* Uncontrolled and starting empty: React writes a controlled input's (or a changing defaultValue's) text into
          the page as an attribute, and a password stays out of the page. */}
      <div>
        <label className="block">
          <span className="mb-1 block">{t('connect.password')}</span>
          <input type="password" onChange={set('password')} disabled={disabled} autoComplete="off" aria-describedby={hint} className={input} />
        </label>
        <p id={hint} className="mt-1 text-xs text-muted">
          {t('connect.passwordHint')}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {field('table', t('connect.table'), t('connect.tableHint'))}
        <label className="block">
          <span className="mb-1 block">{t('connect.ssl')}</span>
          <select value={fields.sslmode} onChange={set('sslmode')} disabled={disabled} className={input}>
            {SSL_MODES.map((m) => (
              <option key={m} value={m}>
                {m || t('connect.sslDefault')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-xs break-all text-muted">
        {t('connect.url')} <span className="font-mono">{problem ? '—' : pgUrlOf(fields, false)}</span>
      </p>
    </div>
  )
}
