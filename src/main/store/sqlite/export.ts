import type { Statement } from 'better-sqlite3'
import type { TaskFilter } from '../../../shared/filter'
import { storeError } from '../model/errors'
import { exportColumns, writeExport, type ExportOptions, type ExportSource } from '../model/export'
import { nowSeconds } from '../model/time'
import { compileFilter } from '../model/where'
import type { Store } from './store'

/** SQLite's rows: pages in rowid order, each page its own short read. */
export function sqliteExportSource(store: Store, filter: TaskFilter, options: { withResult?: boolean; pageSize?: number }, now = nowSeconds()): ExportSource {
  const { withResult = false, pageSize = 2000 } = options
  const cols = exportColumns(store, withResult)
  const where = compileFilter(store.dialect, filter, now)
  let total: number
  let page: Statement
  try {
    total = (store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }).n
    page = store.db.prepare(`SELECT rowid AS _r, ${cols.join(', ')} FROM tasks WHERE rowid > ? AND (${where.sql}) ORDER BY rowid LIMIT ?`)
  } catch (e) {
    throw storeError(e, store.path, 'Export')
  }
  async function* pages(): AsyncGenerator<Record<string, unknown>[]> {
    let after = Number.MIN_SAFE_INTEGER
    for (;;) {
      let rows: Record<string, unknown>[]
      try {
        rows = page.all(after, ...where.params, pageSize) as Record<string, unknown>[]
      } catch (e) {
        throw storeError(e, store.path, 'Export')
      }
      if (rows.length === 0) return
      after = Number(rows[rows.length - 1]!._r)
      yield rows
    }
  }
  return { cols, resultIsJson: !store.dialect.resultIsCiphertext, total, timeScale: store.dialect.timeScale, pages: pages() }
}

/** Exports a SQLite store's tasks (see writeExport). */
export async function exportTasks(
  store: Store,
  filter: TaskFilter,
  write: (chunk: string) => void | Promise<void>,
  options: ExportOptions
): Promise<{ exported: number; cancelled: boolean }> {
  return writeExport(sqliteExportSource(store, filter, options), write, options)
}
