import { AppError } from '../../../shared/errors'
import type { SchemaKind, SortField, TaskRow } from '../../../shared/task'

/**
 * What differs between the two `tasks` formats, in one place. Everything else in the store speaks in logical terms
 * (created, updated, key, error) and asks the dialect for the column or expression.
 */
export interface Dialect {
  kind: SchemaKind
  /** Columns that identify a row, in key order. */
  keyColumns: readonly string[]
  /** Column shown as "updated": the seed's updated_at, the backend's last_accessed. */
  updatedColumn: 'updated_at' | 'last_accessed'
  /** Extra stored columns carried on list rows (besides the common ones). */
  extraColumns: readonly string[]
  /** SQL for a task's error group (code or message), NULL for tasks that are not errors. */
  errorExpr: string
  /** Columns searched by the id filter. */
  idColumns: readonly string[]
  /** Columns searched by the text filter. */
  textColumns: readonly string[]
  /** A stored time for a unix-seconds bound, so comparisons run on the column as stored (and can use its index). */
  encodeTime(seconds: number): number | string
  decodeTime(stored: unknown): number | null
  /** Stored units per second of a numeric time column: 1 (the seed's seconds), 1000 when read as milliseconds (time-unit.ts). */
  timeScale: number
  keyOf(raw: Record<string, unknown>): string
  parseKey(key: string): unknown[]
  sortColumn(field: SortField): string
  suggestedIndexes: readonly { name: string; sql: string }[]
  resultIsCiphertext: boolean
  /** The case-insensitive LIKE of the engine (SQLite's LIKE by default; ILIKE on PostgreSQL). */
  likeOperator?: 'LIKE' | 'ILIKE'
}

// The seed module's error results are JSON it chose; read the common shapes ({error:{code}}, {error_code}, {code},
// {error:"msg"}, {message}) and fall back to the start of the text.
const SEED_ERROR_EXPR = `CASE WHEN status = 'error' THEN coalesce(
  CASE WHEN json_valid(result) AND json_type(result) = 'object' THEN coalesce(
    json_extract(result, '$.error.code'), json_extract(result, '$.error_code'), json_extract(result, '$.code'),
    json_extract(result, '$.error.message'), json_extract(result, '$.error'), json_extract(result, '$.message')) END,
  CASE WHEN json_valid(result) AND json_type(result) = 'text' THEN json_extract(result, '$') END,
  substr(CAST(result AS TEXT), 1, 120),
  '(no details)') END`

const seedDialect: Dialect = {
  kind: 'seed',
  keyColumns: ['id'],
  updatedColumn: 'updated_at',
  extraColumns: [],
  errorExpr: SEED_ERROR_EXPR,
  idColumns: ['id'],
  textColumns: ['result'],
  encodeTime: (s) => s,
  timeScale: 1,
  decodeTime: (v) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : null),
  keyOf: (raw) => String(raw.id),
  parseKey: (key) => [key],
  sortColumn: (field) => field,
  suggestedIndexes: [
    { name: 'idx_tasks_created_at', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_created_at ON tasks (created_at)' },
    { name: 'idx_tasks_updated_at', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_updated_at ON tasks (updated_at)' },
    { name: 'idx_tasks_status_created', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_status_created ON tasks (status, created_at)' },
    { name: 'idx_tasks_type_created', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_type_created ON tasks (type, created_at)' }
  ],
  resultIsCiphertext: false
}

const backendDialect: Dialect = {
  kind: 'backend',
  keyColumns: ['client_id', 'sha256', 'type'],
  updatedColumn: 'last_accessed',
  extraColumns: ['client_id', 'sha256', 'error_detail', 'last_accessed'],
  errorExpr: `CASE WHEN status = 'error' THEN coalesce(nullif(error_detail, ''), '(no details)') END`,
  idColumns: ['client_id', 'sha256'],
  textColumns: ['error_detail'],
  encodeTime: (s) => toUtcText(s),
  timeScale: 1,
  decodeTime: (v) => (typeof v === 'string' ? fromUtcText(v) : null),
  keyOf: (raw) => JSON.stringify([raw.client_id, raw.sha256, raw.type]),
  parseKey: (key) => {
    let parts: unknown
    try {
      parts = JSON.parse(key)
    } catch {
      parts = null
    }
    if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string'))
      throw new AppError('INVALID_INPUT', `"${key.slice(0, 80)}" is not a task key of this database (expected [client_id, sha256, type]).`)
    return parts
  },
  sortColumn: (field) => (field === 'updated_at' ? 'last_accessed' : field === 'id' ? 'client_id' : field),
  suggestedIndexes: [
    { name: 'idx_tasks_created_at', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_created_at ON tasks (created_at)' },
    { name: 'idx_tasks_last_accessed', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_last_accessed ON tasks (last_accessed)' },
    { name: 'idx_tasks_status_created', sql: 'CREATE INDEX IF NOT EXISTS idx_tasks_status_created ON tasks (status, created_at)' }
  ],
  resultIsCiphertext: true
}

export const DIALECTS: Record<SchemaKind, Dialect> = { seed: seedDialect, backend: backendDialect }

/** Builds a TaskRow from a raw list row (rowid, common columns, the dialect's extras, result_bytes, error). */
export function toTaskRow(d: Dialect, raw: Record<string, unknown>): TaskRow {
  const updatedRaw = raw[d.updatedColumn] as number | string | null
  const row: TaskRow = {
    key: d.keyOf(raw),
    id: d.kind === 'seed' ? String(raw.id) : String(raw.sha256),
    type: String(raw.type),
    status: String(raw.status),
    created_at: (raw.created_at as number | string | null) ?? null,
    updated_at: updatedRaw ?? null,
    created: d.decodeTime(raw.created_at),
    updated: d.decodeTime(updatedRaw),
    result_bytes: Number(raw.result_bytes ?? 0),
    error: (raw.error as string | null) ?? null
  }
  if (d.kind === 'backend') {
    row.client_id = String(raw.client_id)
    row.sha256 = String(raw.sha256)
    row.error_detail = (raw.error_detail as string | null) ?? null
    row.last_accessed = (raw.last_accessed as string | null) ?? null
  }
  return row
}

/** The stored columns of each format, in the table's order: the seed module's table and DocuSnap-Backend's. */
export const FORMAT_COLUMNS: Record<SchemaKind, readonly string[]> = {
  seed: ['id', 'type', 'status', 'result', 'created_at', 'updated_at'],
  backend: ['client_id', 'sha256', 'type', 'status', 'result', 'error_detail', 'created_at', 'last_accessed']
}

/** The columns that hold times, in either format. */
export const TIME_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'last_accessed'])

/**
 * Which format a table with these columns (lower case) has; INCOMPATIBLE_SCHEMA naming what each format misses when
 * it is neither. `shown` names the table (a path, or a URL without password).
 */
export function formatOfColumns(columns: readonly string[], shown: string): SchemaKind {
  const missing = (kind: SchemaKind) => FORMAT_COLUMNS[kind].filter((c) => !columns.includes(c))
  const seedMissing = missing('seed')
  const backendMissing = missing('backend')
  if (seedMissing.length === 0) return 'seed'
  if (backendMissing.length === 0) return 'backend'
  throw new AppError(
    'INCOMPATIBLE_SCHEMA',
    `${shown}: the tasks table has columns (${columns.join(', ')}), which match neither known format. ` +
      `Seed format is missing: ${seedMissing.join(', ')}; DocuSnap-Backend format is missing: ${backendMissing.join(', ')}.`
  )
}

export function toUtcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

export function fromUtcText(text: string): number | null {
  const m = UTC_TEXT.exec(text.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}

export const UTC_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/
