import type { SchemaKind } from '../../../shared/task'
import type { CopyRow, CopySide } from '../model/copy'
import { FORMAT_COLUMNS } from '../model/dialect'
import { pgError } from './errors'
import { frag, rows, keyBound } from './sql'
import { closeStore, openStore, storedSelect, type PgStore } from './store'
import { readOnlyError } from '../model/rules'
import type { Distribution } from '../../../shared/results'
import { distribute } from './citus'

// A PostgreSQL table as one end of a copy (../copy.ts): read in primary-key order, a batch per statement; written with
// INSERT … ON CONFLICT DO NOTHING (so keys already there are kept), a batch per transaction.

export function copySide(store: PgStore): CopySide {
  const d = store.dialect
  const cols = FORMAT_COLUMNS[d.kind]
  const keys = d.keyColumns.join(', ')
  const select = storedSelect(d, cols)
  const cast = (c: string) => (c === 'result' && d.resultKind === 'jsonb' ? '::jsonb' : c === 'result' && d.resultKind === 'bytea' ? '::bytea' : '')
  return {
    kind: d.kind,
    shown: store.path,
    resultIsJsonb: d.resultKind === 'jsonb',
    decodeTime: d.decodeTime,
    fractionalTimes: async () => false,
    count: async () => (await rows<{ n: number }>(store.pool, [`SELECT count(*) AS n FROM ${store.table}`]))[0]!.n,
    async *batches(size) {
      let after: unknown[] | null = null
      for (;;) {
        const page: CopyRow[] = await rows(store.pool, [`SELECT ${select} FROM ${store.table} WHERE `, after ? keyBound(store.dialect, '>', after) : frag('1 = 1'), ` ORDER BY ${keys} LIMIT `, frag('?', size)])
        if (page.length === 0) return
        const last = page[page.length - 1]!
        after = d.keyColumns.map((c) => last[c])
        yield page
      }
    },
    async insert(batch) {
      if (store.readOnly) throw readOnlyError(store.path, 'nothing can be copied into it')
      if (batch.length === 0) return 0
      const tuple = `(${cols.map((c) => `?${cast(c)}`).join(', ')})`
      const values = frag(batch.map(() => tuple).join(', '), ...batch.flatMap((r) => cols.map((c) => r[c] ?? null)))
      try {
        const inserted = await rows(store.pool, [`INSERT INTO ${store.table} (${cols.join(', ')}) VALUES `, values, ` ON CONFLICT (${keys}) DO NOTHING RETURNING 1 AS x`])
        return inserted.length
      } catch (e) {
        throw pgError(e, store.path, 'Copy into')
      }
    },
    close: () => closeStore(store)
  }
}

export async function openPgCopySide(
  url: string,
  options: { readOnly: boolean; create?: SchemaKind; fractionalTimes?: boolean; distributeBy?: Distribution }
): Promise<CopySide & { created: boolean }> {
  const store = await openStore(url, { readOnly: options.readOnly, create: options.create !== undefined, schema: options.create, fractionalTimes: options.fractionalTimes })
  if (options.distributeBy) {
    try {
      // Refused when the shapes differ too: the copy's own check would say so, but only after distributing.
      if (options.create && store.dialect.kind === options.create) await distribute(store, options.distributeBy)
    } catch (e) {
      // A refused distribution changes nothing: the table this call created (empty) goes again.
      if (store.created) await store.pool.query(`DROP TABLE IF EXISTS ${store.table}`).catch(() => undefined)
      await closeStore(store)
      throw e
    }
  }
  return { ...copySide(store), created: store.created, citus: store.citus }
}
