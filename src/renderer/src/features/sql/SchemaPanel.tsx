import { useTranslation } from 'react-i18next'
import type { ConsoleSchema } from '@shared/console'

// The open database's tables at hand: columns with their types, indexes; a name clicked goes into the query.

export function SchemaPanel({ schema, loading, onInsert }: { schema: ConsoleSchema | undefined; loading: boolean; onInsert(name: string): void }) {
  const { t } = useTranslation()
  return (
    <section aria-label={t('sql.schema')} className="min-h-0 overflow-auto text-sm">
      <h2 className="mb-1 font-medium">{t('sql.schema')}</h2>
      {loading && !schema && <p className="text-muted">{t('sql.schemaLoading')}</p>}
      <ul className="space-y-2">
        {schema?.tables.map((table) => (
          <li key={table.name}>
            <details open={schema.tables.length <= 3}>
              <summary className="cursor-pointer font-mono">{table.name}</summary>
              <ul className="ml-3 font-mono text-xs">
                {table.columns.map((c) => (
                  <li key={c.name}>
                    <button type="button" className="hover:underline" aria-label={t('sql.insertName', { name: c.name })} onClick={() => onInsert(c.name)}>
                      {c.name}
                    </button>{' '}
                    <span className="text-muted">
                      {c.type}
                      {c.primaryKey ? ` · ${t('sql.primaryKey')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              {table.indexes.length > 0 && (
                <>
                  <p className="mt-1 ml-3 text-xs text-muted">{t('sql.indexes')}</p>
                  <ul className="ml-3 font-mono text-xs">
                    {table.indexes.map((i) => (
                      <li key={i.name}>
                        {i.name} <span className="text-muted">({i.columns.join(', ')}){i.unique ? ` · ${t('sql.unique')}` : ''}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </details>
          </li>
        ))}
      </ul>
    </section>
  )
}
