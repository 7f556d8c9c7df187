import type pg from 'pg'
import Cursor from 'pg-cursor'
import { AppError } from '../../../shared/errors'
import type { ConsoleCell, ConsoleColumn, ConsolePlan, ConsoleSchema } from '../../../shared/console'
import type { ExportSource } from '../model/export'
import { checkReadOnlySql } from '../model/sql-guard'
import { consoleCell, pgBytes, uniqueNames } from '../model/console-cells'
import { connectPool } from './store'
import { redactSecrets } from '../../../shared/redact'

// The SQL console's statements on PostgreSQL (and Citus). Each query runs alone in a READ ONLY transaction that is
// rolled back, with its statement, lock and idle limits set locally (on Citus, propagated to the workers), through
// the extended protocol (a portal read by a cursor), which takes one statement only. Values come back as the
// server's text; the console shows them as they are.

export interface ConsolePg {
  pool: pg.Pool
  shown: string
  citus: boolean
  typeNames: Map<number, string>
}

const BYTEA = 17
const asText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig

export async function openConsole(url: string, shown: string): Promise<ConsolePg> {
  // Two connections: the query's, and one to cancel it with.
  const pool = await connectPool(url, { readOnly: true, maxConnections: 2, types: asText })
  try {
    const r = await pool.query<{ citus: string }>(`SELECT count(*)::text AS citus FROM pg_extension WHERE extname = 'citus'`)
    return { pool, shown, citus: r.rows[0]?.citus === '1', typeNames: new Map() }
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw consoleError(e, shown)
  }
}

/** A server's refusal or failure of a console statement, its position kept as "at character N". */
export function consoleError(e: unknown, shown: string): AppError {
  if (e instanceof AppError) return e
  const err = e as { code?: string; message?: string; position?: string }
  const message = redactSecrets(err.message ?? String(e))
  const at = err.position ? ` (at character ${err.position})` : ''
  if (err.code === '57014') return new AppError('SQL_ERROR', `PostgreSQL stopped the statement: ${message}.`)
  if (err.code === '25006') return new AppError('SQL_REFUSED', `Refused by PostgreSQL: ${message}. The console only reads; nothing was changed.`)
  if (err.code && /^(08|57P)/.test(err.code)) return new AppError('IO', `Lost ${shown}: ${message}. The next query connects again.`)
  if (err.code === '28P01' || err.code === '28000') return new AppError('UNAUTHORIZED', `${shown}: ${message}`)
  if (!err.code) return new AppError('IO', `Cannot reach ${shown}: ${message}.`)
  return new AppError('SQL_ERROR', `PostgreSQL: ${message}${at}`)
}

export interface Limits {
  timeoutMs: number
}

/**
 * Runs `body` with a connection in a READ ONLY transaction with the console's limits, then rolls back. `onPid` gets
 * the server process to cancel (pg_cancel_backend) if the user stops the query.
 */
async function readOnly<T>(c: ConsolePg, limits: Limits, onPid: (pid: number) => void, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await c.pool.connect()
  } catch (e) {
    throw consoleError(e, c.shown)
  }
  try {
    onPid((client as unknown as { processID: number }).processID)
    await client.query('BEGIN TRANSACTION READ ONLY')
    // SET LOCAL stays on the coordinator unless Citus is told to send it to the workers' transactions too.
    if (c.citus) await client.query(`SET LOCAL citus.propagate_set_commands = 'local'`)
    const ms = Math.max(1, Math.round(limits.timeoutMs))
    await client.query(`SET LOCAL statement_timeout = ${ms}`)
    await client.query(`SET LOCAL lock_timeout = ${Math.min(ms, 1000)}`)
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${ms + 5000}`)
    return await body(client)
  } catch (e) {
    throw consoleError(e, c.shown)
  } finally {
    try {
      await client.query('ROLLBACK')
      client.release()
    } catch {
      client.release(true)
    }
  }
}

/** Names of the result's types, asked on the pool's other connection: the query's own is busy with its portal. */
async function typeNames(c: ConsolePg, oids: number[]): Promise<void> {
  const missing = [...new Set(oids)].filter((o) => !c.typeNames.has(o))
  if (!missing.length) return
  const r = await c.pool.query<{ oid: string; name: string }>('SELECT oid::text AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])', [missing])
  for (const row of r.rows) c.typeNames.set(Number(row.oid), row.name)
}

type Field = { name: string; dataTypeID: number }

/** The result's columns as the server described them (pg-cursor keeps them on its result once rows were read). */
const fieldsOf = (cursor: Cursor): Field[] => (cursor as unknown as { _result: { fields: Field[] } })._result.fields

const NUMBERS = new Set([21, 23, 26, 700, 701])
/** The server's text as a cell: bytea as bytes, integers and floats as numbers (int8 exactly), booleans as such. */
function cell(v: unknown, oid: number): ConsoleCell {
  if (v === null || typeof v !== 'string') return consoleCell(v)
  if (oid === BYTEA) return consoleCell(pgBytes(v))
  if (oid === 20) return consoleCell(BigInt(v))
  if (oid === 16) return v === 't'
  if (NUMBERS.has(oid) && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return Number(v)
  return consoleCell(v)
}

export async function readRows(
  c: ConsolePg,
  sql: string,
  limits: Limits & { limit: number },
  onPid: (pid: number) => void,
  onBatch: (batch: { columns?: ConsoleColumn[]; rows: ConsoleCell[][] }) => void
): Promise<{ more: boolean }> {
  const checked = checkReadOnlySql(sql, 'postgres')
  return readOnly(c, limits, onPid, async (client) => {
    const cursor = client.query(new Cursor(checked, undefined, { rowMode: 'array', types: asText }))
    let sent = 0
    let columns: ConsoleColumn[] | undefined
    try {
      for (;;) {
        const want = Math.min(200, limits.limit + 1 - sent)
        const rows = (await cursor.read(want)) as unknown[][]
        const fields = fieldsOf(cursor)
        if (!columns) {
          await typeNames(c, fields.map((f) => f.dataTypeID))
          columns = fields.map((f) => ({ name: f.name, type: c.typeNames.get(f.dataTypeID) ?? String(f.dataTypeID) }))
        }
        const shown = rows.slice(0, limits.limit - sent)
        const batch = shown.map((r) => r.map((v, i) => cell(v, fields[i]!.dataTypeID)))
        onBatch({ ...(sent === 0 ? { columns } : {}), rows: batch })
        sent += batch.length
        if (rows.length > shown.length) return { more: true }
        if (rows.length < want) return { more: false }
      }
    } finally {
      await cursor.close().catch(() => undefined)
    }
  })
}

export async function explain(c: ConsolePg, sql: string, limits: Limits, onPid: (pid: number) => void): Promise<ConsolePlan> {
  const checked = checkReadOnlySql(sql, 'postgres')
  const source = /^\s*explain\b/i.test(checked) ? checked : `EXPLAIN ${checked}`
  return readOnly(c, limits, onPid, async (client) => {
    const r = await client.query({ text: source, rowMode: 'array', types: asText })
    return { kind: 'text', text: (r.rows as string[][]).map((row) => row[0]).join('\n') }
  })
}

/** The user tables the connection sees (not the catalogs), their columns and indexes. */
export async function schema(c: ConsolePg, onPid: (pid: number) => void): Promise<ConsoleSchema> {
  return readOnly(c, { timeoutMs: 10_000 }, onPid, async (client) => {
    const tables = await client.query<{ oid: string; name: string; kind: string }>(`
      SELECT cl.oid::text AS oid, CASE WHEN n.nspname = current_schema() THEN cl.relname ELSE n.nspname || '.' || cl.relname END AS name,
             CASE WHEN cl.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE cl.relkind IN ('r', 'p', 'v', 'm') AND NOT cl.relispartition
         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
         AND n.nspname NOT LIKE 'pg_toast%' AND has_table_privilege(cl.oid, 'SELECT')
       ORDER BY n.nspname <> current_schema(), name LIMIT 500`)
    const oids = tables.rows.map((t) => t.oid)
    const cols = await client.query<{ rel: string; name: string; type: string; nn: string; pk: string }>(
      `SELECT a.attrelid::text AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::text AS nn,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY(i.indkey))::text AS pk
         FROM pg_attribute a WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum`,
      [oids]
    )
    const idx = await client.query<{ rel: string; name: string; uniq: string; cols: string }>(
      `SELECT i.indrelid::text AS rel, c.relname AS name, i.indisunique::text AS uniq,
              (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), E'\\x1f' ORDER BY k) FROM generate_series(1, i.indnkeyatts) k) AS cols
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ANY($1::oid[]) ORDER BY c.relname`,
      [oids]
    )
    return {
      engine: 'postgres',
      tables: tables.rows.map((t) => ({
        name: t.name,
        kind: t.kind as 'table' | 'view',
        columns: cols.rows.filter((col) => col.rel === t.oid).map((col) => ({ name: col.name, type: col.type, primaryKey: col.pk === 'true', notNull: col.nn === 'true' })),
        indexes: idx.rows.filter((i) => i.rel === t.oid).map((i) => ({ name: i.name, unique: i.uniq === 'true', columns: (i.cols ?? '').split('\x1f') }))
      }))
    }
  })
}

/**
 * The whole result for an export, read by a cursor page by page inside one read-only transaction; `done` must be
 * awaited after the pages (it rolls back and frees the connection).
 */
export function exportSource(c: ConsolePg, sql: string, limits: Limits, onPid: (pid: number) => void): { source: Promise<ExportSource>; done: Promise<void> } {
  const checked = checkReadOnlySql(sql, 'postgres')
  let ready!: (s: ExportSource) => void
  let failed!: (e: unknown) => void
  const source = new Promise<ExportSource>((resolve, reject) => {
    ready = resolve
    failed = reject
  })
  const done = readOnly(c, limits, onPid, async (client) => {
    const cursor = client.query(new Cursor(checked, undefined, { rowMode: 'array', types: asText }))
    try {
      const first = (await cursor.read(2000)) as unknown[][]
      const fields = fieldsOf(cursor)
      const cols = uniqueNames(fields.map((f) => f.name))
      const toObj = (r: unknown[]) => {
        const o: Record<string, unknown> = {}
        for (let i = 0; i < cols.length; i++) o[cols[i]!] = r[i] !== null && fields[i]!.dataTypeID === BYTEA ? pgBytes(String(r[i])) : r[i]
        return o
      }
      let finished!: () => void
      const drained = new Promise<void>((resolve) => (finished = resolve))
      async function* pages() {
        try {
          let rows = first
          while (rows.length) {
            yield rows.map(toObj)
            if (rows.length < 2000) break
            rows = (await cursor.read(2000)) as unknown[][]
          }
        } finally {
          finished()
        }
      }
      ready({ cols, resultIsJson: false, total: 0, pages: pages(), close: async () => finished() })
      await drained
    } catch (e) {
      failed(consoleError(e, c.shown))
      throw e
    } finally {
      await cursor.close().catch(() => undefined)
    }
  })
  done.catch((e: unknown) => failed(e))
  return { source, done }
}

/** Asks the server to stop the console's running statement (its own session). */
export async function cancel(c: ConsolePg, pid: number): Promise<void> {
  await c.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined)
}

export async function closeConsole(c: ConsolePg): Promise<void> {
  await c.pool.end().catch(() => undefined)
}
