import pg from 'pg'
import { parse as parseConnectionString } from 'pg-connection-string'
import pgpass from 'pgpass'
import { AppError } from '../../../shared/errors'
import type { SchemaKind } from '../../../shared/task'
import { DIALECTS, formatOfColumns, TIME_COLUMNS, type Dialect, fromUtcText, toUtcText } from '../model/dialect'
import { citusTable } from './citus-catalog'
import type { CitusTable } from '../../../shared/results'
import { pgError } from './errors'
import { parsePgUrl, pgEndpoint } from './url'

// A tasks table in PostgreSQL, opened: the pool, the table's quoted name, and how its columns are typed. Both
// shapes are read as PostgreSQL users would create them (seed: bigint epoch seconds, result text or jsonb; backend:
// times as UTC text or timestamptz), and everything is plain SQL that Citus and CockroachDB also accept: no ctid, no
// system columns, no advisory locks; rows are walked by their primary key.

/** How a time column is stored. */
export type TimeKind = 'epoch' | 'text' | 'timestamptz'

export interface PgDialect extends Dialect {
  timeKind: TimeKind
  /** How `result` is stored: text (byte for byte what the writer wrote), jsonb, or bytea. */
  resultKind: 'text' | 'jsonb' | 'bytea'
  /** A time column as the app shows it: epoch seconds, or 'YYYY-MM-DD HH:MM:SS' UTC text. */
  timeSelect(column: string): string
  /** A time column as an exact cursor value (a timestamptz keeps its microseconds). */
  timeCursor(column: string): string
  /** `result` as text (jsonb and bytea are not text). */
  resultText: string
  /** The key columns as one row value, for keyset walks: (id) or (client_id, sha256, type). */
  keyRow: string
}

export interface PgStore {
  pool: pg.Pool
  /** The URL as shown and remembered: never the password. */
  path: string
  /** The table, quoted for SQL: "tasks" or "ops"."tasks" (also what to_regclass takes for catalog lookups). */
  table: string
  readOnly: boolean
  dialect: PgDialect
  created: boolean
  /** How the table is distributed when the server is a Citus coordinator (./citus.ts); null for a plain table. */
  citus: CitusTable | null
}

export interface PgOpenOptions {
  readOnly?: boolean
  create?: boolean
  schema?: SchemaKind
  /** For tests and tools: how many connections the pool may open. */
  maxConnections?: number
  /** A created seed table takes double precision times (the rows to come have fractions of seconds). */
  fractionalTimes?: boolean
}

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`

/** bigint (int8) and numeric come back as JavaScript numbers: epoch seconds and counts fit in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format as 'text')
  }) as typeof pg.types.getTypeParser
}

/**
 * node-postgres leaves the socket open when a login fails half-way (a password it could not give, a refused one):
 * the server would keep it, and this process alive, until its authentication_timeout (60 s). A failed connect closes
 * its socket here.
 */
class ClosingClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config)
    // node-postgres emits 'error' on a client whose connection dies — checked out (a purge's transaction) or closing —
    // and an 'error' with no listener kills the process (the CLI) or the store's worker (the app, serve mode). The
    // query that was running rejects with the same error, which is what reports it; the pool drops the dead client
    // when it is released, and the next query connects anew.
    this.on('error', () => undefined)
  }

  override connect(): Promise<pg.Client>
  override connect(callback: (err: Error | null, client?: pg.Client) => void): void
  override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
    const close = () => (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
    const done = super.connect().catch((e: unknown) => {
      close()
      throw e
    })
    if (!callback) return done
    done.then(
      (c) => callback(null, c),
      (e: Error) => callback(e)
    )
  }
}

/**
 * A pool for a URL: its password from the URL, PGPASSWORD or ~/.pgpass, times in UTC, and (read-only) every
 * transaction read-only on the server's side. The store's pool and the SQL console's (console.ts) are both made here.
 */
export async function connectPool(url: string, options: { readOnly?: boolean; maxConnections?: number; types?: pg.CustomTypesConfig } = {}): Promise<pg.Pool> {
  const target = parsePgUrl(url)
  // Parsed here rather than handed over as a connection string: the driver would take the string's (empty) password
  // over ours. sslmode and the other libpq parameters in the URL pass through; PG* variables fill what is missing.
  const { password: _none, ...params } = parseConnectionString(target.connectionString)
  const { host, port, database, user } = pgEndpoint(url)
  const conn = { host, port, database }
  let password: string | undefined = target.password ?? process.env.PGPASSWORD
  if (password === undefined) password = await new Promise<string | undefined>((resolve) => pgpass({ ...conn, user }, resolve))
  const pool = new pg.Pool({
    ...(params as pg.PoolConfig),
    ...conn,
    user,
    // A function, so the driver never looks for a password itself (its own ~/.pgpass reading is deprecated).
    // With none to give, the login fails here at once with a clear message (an empty one would leave the server
    // waiting for the rest of the exchange until its authentication_timeout, 60 s by default).
    password: async () => {
      if (password === undefined) throw new AppError('UNAUTHORIZED', `${target.shown}: the server asks for a password and none was given (URL, PGPASSWORD or ~/.pgpass).`)
      return password
    },
    Client: ClosingClient,
    max: options.maxConnections ?? 4,
    types: options.types ?? types,
    application_name: 'docusnap-task-admin',
    connectionTimeoutMillis: 10_000,
    // Times read and written as UTC (the backend's text times are UTC; timestamptz comes back as UTC text), and a
    // read-only open is read-only on the server's side: every write is refused there, whatever the app asks.
    // The URL's own options (a search_path…) come first; ours win where they name the same setting.
    options: [(params as { options?: string }).options, `-c TimeZone=UTC -c statement_timeout=60000${options.readOnly ? ' -c default_transaction_read_only=on' : ''}`].filter(Boolean).join(' ')
  })
  pool.on('error', () => undefined) // an idle connection dropped by the server: the next query reports it
  return pool
}

export async function openStore(url: string, options: PgOpenOptions = {}): Promise<PgStore> {
  const target = parsePgUrl(url)
  const [schema, name] = target.table
  const table = schema ? `${quote(schema)}.${quote(name)}` : quote(name)
  const pool = await connectPool(url, options)
  try {
    let columns = await tableColumns(pool, table)
    let created = false
    if (!columns) {
      if (!options.create) throw new AppError('NOT_FOUND', `${target.shown}: there is no table ${schema ? `${schema}.${name}` : name}. Create it (the copy command does), or name another with ?table=.`)
      if (options.readOnly) throw new AppError('READ_ONLY', `${target.shown} is opened read-only; the tasks table cannot be created.`)
      await pool.query(createTableSql(table, name, options.schema ?? 'seed', 'text', options.fractionalTimes ? 'double precision' : 'bigint'))
      columns = (await tableColumns(pool, table))!
      created = true
    }
    const dialect = dialectOf(columns, target.shown)
    const citus = await citusTable(pool, table)
    return { pool, path: target.shown, table, readOnly: options.readOnly === true, dialect, created, citus }
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw pgError(e, target.shown, 'Open')
  }
}

export async function closeStore(store: PgStore): Promise<void> {
  await store.pool.end().catch(() => undefined)
}

async function tableColumns(pool: pg.Pool, table: string): Promise<Map<string, string> | null> {
  const reg = await pool.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [table])
  if (!reg.rows[0]?.r) return null
  const r = await pool.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table]
  )
  return new Map(r.rows.map((c) => [c.name.toLowerCase(), c.type]))
}

/** The table as PostgreSQL users would create it for each shape (copy and `--create` use it). */
export function createTableSql(table: string, bareName: string, kind: SchemaKind, result: 'text' | 'jsonb' = 'text', time: 'bigint' | 'double precision' = 'bigint'): string {
  if (kind === 'seed')
    return `CREATE TABLE IF NOT EXISTS ${table} (
  id text PRIMARY KEY,
  type text NOT NULL,
  status text NOT NULL,
  result ${result},
  created_at ${time} NOT NULL,
  updated_at ${time}
)`
  return `CREATE TABLE IF NOT EXISTS ${table} (
  client_id text NOT NULL,
  sha256 text NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  result text,
  error_detail text,
  created_at text,
  last_accessed text,
  CONSTRAINT ${quote(`${bareName}_pkey`)} PRIMARY KEY (client_id, sha256, type)
)`
}

function timeKindOf(type: string | undefined): TimeKind | null {
  if (!type) return null
  if (/^(bigint|integer|smallint|numeric|double precision|real)/.test(type)) return 'epoch'
  if (/^(text|character varying|character)/.test(type)) return 'text'
  if (/^timestamp/.test(type)) return 'timestamptz'
  return null
}

// The seed module's error results are JSON it chose; jsonb is read as SQLite's json_extract reads the text. A text
// result cannot be parsed safely in SQL on PostgreSQL 15 (a malformed one would fail the whole statement), so the
// common shapes are picked out by pattern (each tried only where strpos finds its key: a fifth of the time at 1 M),
// in SQLite's order of keys (error.code, error_code, code, error.message, error, message: dialect.ts), so the three
// readings group alike: the same groups for the usual results, the first 120 characters otherwise.
const SEED_ERROR_JSONB = `CASE WHEN status = 'error' THEN coalesce(
  CASE jsonb_typeof(result) WHEN 'object' THEN coalesce(result #>> '{error,code}', result ->> 'error_code', result ->> 'code',
    result #>> '{error,message}', result ->> 'error', result ->> 'message') WHEN 'string' THEN result #>> '{}' END,
  left(result::text, 120), '(no details)') END`
const SEED_ERROR_TEXT = `CASE WHEN status = 'error' THEN coalesce(
  CASE WHEN strpos(result, '"code"') > 0 THEN coalesce(substring(result from '"error"\\s*:\\s*\\{[^{}]*"code"\\s*:\\s*"([^"]*)"'), substring(result from '"error"\\s*:\\s*\\{[^{}]*"code"\\s*:\\s*(-{0,1}[0-9][0-9.]*)')) END,
  CASE WHEN strpos(result, '"error_code"') > 0 THEN coalesce(substring(result from '"error_code"\\s*:\\s*"([^"]*)"'), substring(result from '"error_code"\\s*:\\s*(-{0,1}[0-9][0-9.]*)')) END,
  CASE WHEN strpos(result, '"code"') > 0 THEN coalesce(substring(result from '"code"\\s*:\\s*"([^"]*)"'), substring(result from '"code"\\s*:\\s*(-{0,1}[0-9][0-9.]*)')) END,
  CASE WHEN strpos(result, '"message"') > 0 THEN substring(result from '"error"\\s*:\\s*\\{[^{}]*"message"\\s*:\\s*"([^"]*)"') END,
  CASE WHEN strpos(result, '"error"') > 0 THEN substring(result from '"error"\\s*:\\s*"([^"]*)"') END,
  CASE WHEN strpos(result, '"message"') > 0 THEN substring(result from '"message"\\s*:\\s*"([^"]*)"') END,
  CASE WHEN result LIKE '"%' THEN substring(result from '^"([^"\\\\]*)"$') END,
  left(result, 120), '(no details)') END`

/** The stored columns as the app reads them: times as Unix seconds, the result as text (whatever its column type). */
export function storedSelect(d: PgDialect, cols: readonly string[]): string {
  return cols.map((c) => (TIME_COLUMNS.has(c) ? `${d.timeSelect(c)} AS ${c}` : c === 'result' ? `${d.resultText} AS result` : c)).join(', ')
}

export function dialectOf(columns: Map<string, string>, shown: string): PgDialect {
  const kind = formatOfColumns([...columns.keys()], shown)
  const base = DIALECTS[kind]
  const timeKind = timeKindOf(columns.get('created_at'))
  if (!timeKind) throw new AppError('INCOMPATIBLE_SCHEMA', `${shown}: created_at is ${columns.get('created_at')}, which is not a time this app reads (bigint seconds, text, timestamptz).`)
  const resultType = columns.get('result') ?? 'text'
  const resultKind = resultType === 'jsonb' || resultType === 'json' ? 'jsonb' : resultType === 'bytea' ? 'bytea' : 'text'
  const resultText = resultKind === 'text' ? 'result' : resultKind === 'jsonb' ? 'result::text' : `encode(result, 'base64')`
  const encodeTime = (s: number): number | string => (timeKind === 'epoch' ? s : timeKind === 'text' ? toUtcText(s) : new Date(s * 1000).toISOString())
  const errorExpr = kind === 'seed' ? (resultKind === 'jsonb' ? SEED_ERROR_JSONB : resultKind === 'text' ? SEED_ERROR_TEXT : `CASE WHEN status = 'error' THEN '(no details)' END`) : base.errorExpr
  return {
    ...base,
    errorExpr,
    textColumns: kind === 'seed' ? [resultText] : base.textColumns,
    likeOperator: 'ILIKE',
    encodeTime,
    decodeTime: (v) => (typeof v === 'number' ? v : typeof v === 'string' ? fromUtcText(v) : null),
    timeKind,
    resultKind,
    resultText,
    timeSelect: (c) => (timeKind === 'timestamptz' ? `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : c),
    timeCursor: (c) => (timeKind === 'timestamptz' ? `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : c),
    keyRow: `(${base.keyColumns.join(', ')})`,
    suggestedIndexes: base.suggestedIndexes
  }
}
