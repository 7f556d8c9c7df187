import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import type { ConsoleColumn, ConsolePlan, ConsoleSchema, ConsoleSchemaTable } from '../../../shared/console'
import type { FileIdentity } from '../model/open-options'
import type { ExportSource } from '../model/export'
import { checkReadOnlySql } from '../model/sql-guard'
import { consoleCell, exportValue, uniqueNames } from '../model/console-cells'
import { openPinned } from './file-identity'

// The SQL console's statements on SQLite. Its connection is its own, opened read-only with query_only on, in a
// process of its own (console/child.ts) that is ended to stop a statement: better-sqlite3 cannot interrupt one.
// A statement runs only when the guard (model/sql-guard.ts) passes it and SQLite itself says it is a read-only one
// that returns rows.

export interface ConsoleDb {
  db: Database.Database
  /** Rollback-journal files make a writer wait for readers; WAL files do not. */
  wal: boolean
}

export function openConsole(path: string, options: { pin?: FileIdentity; nativeBinding?: string }): ConsoleDb {
  const open = () => new Database(path, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
  const db = options.pin ? openPinned(path, options.pin, open, (d) => d.close()) : open()
  db.pragma('query_only = ON')
  // A reader in a rollback-journal file waits at most this long for a writer's commit to finish.
  db.pragma('busy_timeout = 1000')
  db.defaultSafeIntegers(true)
  const wal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal'
  return { db, wal }
}

/** The statement, prepared only if it is one read: the guard first, then SQLite's own word on it. */
export function prepareRead(db: Database.Database, sql: string): Database.Statement {
  const checked = checkReadOnlySql(sql, 'sqlite')
  let stmt: Database.Statement
  try {
    stmt = db.prepare(checked)
  } catch (e) {
    throw sqlError(e)
  }
  if (!stmt.readonly) throw new AppError('SQL_REFUSED', 'Refused: SQLite reports that this statement writes. The console only reads; nothing was run.')
  if (!stmt.reader) throw new AppError('SQL_REFUSED', 'Refused: this statement returns no rows, so it is not a query. The console only reads; nothing was run.')
  return stmt
}

export function sqlError(e: unknown): AppError {
  if (e instanceof AppError) return e
  const code = (e as { code?: string }).code ?? ''
  const message = e instanceof Error ? e.message : String(e)
  if (code.startsWith('SQLITE_BUSY')) return new AppError('BUSY', `The file is locked by a writer right now: ${message}. Run the query again.`)
  if (/more than one statement/i.test(message)) return new AppError('SQL_REFUSED', 'Refused: several statements at once — run one statement at a time. The console only reads; nothing was run.')
  return new AppError('SQL_ERROR', `SQLite: ${message}`)
}

/** The result's columns: declared types where the column has one, else the class of the first value. */
export function resultColumns(stmt: Database.Statement, first: unknown[] | undefined): ConsoleColumn[] {
  return stmt.columns().map((c, i) => ({ name: c.name, type: c.type ?? valueClass(first?.[i]) }))
}

function valueClass(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'bigint') return 'INTEGER'
  if (typeof v === 'number') return Number.isInteger(v) ? 'INTEGER' : 'REAL'
  if (Buffer.isBuffer(v)) return 'BLOB'
  return 'TEXT'
}

/**
 * Reads the query's rows in batches, yielding between them so the process can send what it has (and be stopped):
 * up to `limit` rows, then one more to know whether there are more.
 */
export async function readRows(
  stmt: Database.Statement,
  limit: number,
  onBatch: (batch: { columns?: ConsoleColumn[]; rows: ReturnType<typeof consoleCell>[][] }) => void
): Promise<{ more: boolean }> {
  const rows = stmt.raw(true).iterate() as IterableIterator<unknown[]>
  let batch: ReturnType<typeof consoleCell>[][] = []
  let sent = 0
  let columns: ConsoleColumn[] | undefined
  let last = performance.now()
  const flush = async () => {
    onBatch({ ...(columns && sent === 0 ? { columns } : {}), rows: batch })
    sent += batch.length
    batch = []
    last = performance.now()
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  try {
    for (const row of rows) {
      if (sent + batch.length === limit) {
        rows.return?.()
        await flush()
        return { more: true }
      }
      columns ??= resultColumns(stmt, row)
      batch.push(row.map((v) => consoleCell(v)))
      if (batch.length >= 200 || performance.now() - last > 25) await flush()
    }
  } catch (e) {
    throw sqlError(e)
  }
  columns ??= resultColumns(stmt, undefined)
  await flush()
  return { more: false }
}

export function explain(db: Database.Database, sql: string): ConsolePlan {
  const stmt = prepareRead(db, sql)
  const source = stmt.source.replace(/^\s*explain(\s+query\s+plan)?\s+/i, '')
  try {
    const nodes = db.prepare(`EXPLAIN QUERY PLAN ${source}`).all() as { id: bigint; parent: bigint; detail: string }[]
    return { kind: 'tree', nodes: nodes.map((n) => ({ id: Number(n.id), parent: Number(n.parent), detail: n.detail })) }
  } catch (e) {
    throw sqlError(e)
  }
}

/** Tables and views, their columns and indexes: what `indexes` reports, for the console's side panel. */
export function schema(db: Database.Database): ConsoleSchema {
  const objects = db.prepare(`SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 500`).all() as { name: string; type: 'table' | 'view' }[]
  const tables: ConsoleSchemaTable[] = objects.map(({ name, type }) => {
    const cols = db.prepare('SELECT name, type, pk, "notnull" AS nn FROM pragma_table_info(?)').all(name) as { name: string; type: string; pk: bigint; nn: bigint }[]
    const idx = db.prepare('SELECT name, "unique" AS u FROM pragma_index_list(?)').all(name) as { name: string; u: bigint }[]
    return {
      name,
      kind: type,
      columns: cols.map((c) => ({ name: c.name, type: c.type, primaryKey: Number(c.pk) > 0, notNull: Number(c.nn) === 1 })),
      indexes: idx.map((i) => ({
        name: i.name,
        unique: Number(i.u) === 1,
        columns: (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(i.name) as { name: string | null }[]).map((c) => c.name ?? '(expression)')
      }))
    }
  })
  return { engine: 'sqlite', tables }
}

/** The whole result for an export, page by page from one statement: values as the query returned them. */
export function exportSource(db: Database.Database, sql: string): ExportSource {
  const stmt = prepareRead(db, sql)
  const cols = uniqueNames(stmt.columns().map((c) => c.name))
  const rows = stmt.raw(true).iterate() as IterableIterator<unknown[]>
  async function* pages() {
    let page: Record<string, unknown>[] = []
    try {
      for (const row of rows) {
        const obj: Record<string, unknown> = {}
        for (let i = 0; i < cols.length; i++) obj[cols[i]!] = exportValue(row[i])
        page.push(obj)
        if (page.length === 2000) {
          yield page
          page = []
        }
      }
    } catch (e) {
      throw sqlError(e)
    }
    if (page.length) yield page
  }
  return { cols, resultIsJson: false, total: 0, pages: pages(), close: async () => void rows.return?.() }
}

/** data_version changes when another connection commits: how the console sees a writer at work. */
export function dataVersion(db: Database.Database): number {
  return Number(db.pragma('data_version', { simple: true }))
}
