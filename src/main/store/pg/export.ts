import type { TaskFilter } from '../../../shared/filter'
import { exportColumns, type ExportSource } from '../model/export'
import { compileFilter } from '../model/where'
import { pgError } from './errors'
import { numbered, rows } from './sql'
import { storedSelect, type PgStore } from './store'

// An export on PostgreSQL (SQLite's reads rowid pages, ../sqlite/export.ts): one server-side cursor in a read-only
// transaction, fetched a page at a time, so memory stays flat and the rows are one consistent snapshot. Formatting
// is shared (writeExport).

export async function exportSource(store: PgStore, filter: TaskFilter, options: { withResult?: boolean; pageSize?: number }, now: number): Promise<ExportSource> {
  const d = store.dialect
  const cols = exportColumns(store, options.withResult === true)
  const select = storedSelect(d, cols)
  const where = compileFilter(d, filter, now)
  const pageSize = options.pageSize ?? 2000
  const client = await store.pool.connect()
  let open = true
  const finish = async (commit: boolean) => {
    if (!open) return
    open = false
    await client.query(commit ? 'COMMIT' : 'ROLLBACK').catch(() => undefined)
    client.release()
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const total = (await rows<{ n: number }>(client, [`SELECT count(*) AS n FROM ${store.table} WHERE `, where]))[0]!.n
    const q = numbered([`DECLARE export_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${store.table} WHERE `, where, ` ORDER BY ${d.keyColumns.join(', ')}`])
    await client.query(q.text, q.values)
    async function* pages(): AsyncGenerator<Record<string, unknown>[]> {
      try {
        for (;;) {
          const page = (await client.query(`FETCH ${pageSize} FROM export_rows`)).rows as Record<string, unknown>[]
          if (page.length === 0) return
          yield page
        }
      } catch (e) {
        throw pgError(e, store.path, 'Export')
      } finally {
        await finish(true)
      }
    }
    return { cols, resultIsJson: !d.resultIsCiphertext, total, pages: pages(), close: () => finish(false) }
  } catch (e) {
    await finish(false)
    throw pgError(e, store.path, 'Export')
  }
}
