import { AppError } from '../../shared/errors'
import { DEFAULT_SORT, type PageRequest, type TaskFilter, type TaskSort } from '../../shared/filter'
import type { ResultView, TaskDetail, TaskRow } from '../../shared/task'
import { toTaskRow } from './dialect'
import type { Store } from './open'
import { nowSeconds } from './time'
import { compileFilter, type SqlFragment } from './where'

export interface TaskPage {
  tasks: TaskRow[]
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null
}

type CursorValue = number | string | null
interface Cursor {
  v: CursorValue
  r: number
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.r])).toString('base64url')
}

function decodeCursor(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || typeof parsed[0] === 'number' || typeof parsed[0] === 'string') &&
      Number.isSafeInteger(parsed[1])
    )
      return { v: parsed[0] as CursorValue, r: parsed[1] as number }
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'The page cursor is not valid; start again from the first page.')
}

/**
 * Rows strictly after the cursor in (column, rowid) order. SQLite sorts NULL lowest, so in descending order NULLs come
 * last and in ascending order first; the conditions below follow that so no row is skipped or repeated.
 */
function afterCursor(column: string, dir: 'asc' | 'desc', c: Cursor): SqlFragment {
  if (dir === 'desc') {
    if (c.v === null) return { sql: `(${column} IS NULL AND rowid < ?)`, params: [c.r] }
    return { sql: `(${column} < ? OR (${column} = ? AND rowid < ?) OR ${column} IS NULL)`, params: [c.v, c.v, c.r] }
  }
  if (c.v === null) return { sql: `((${column} IS NULL AND rowid > ?) OR ${column} IS NOT NULL)`, params: [c.r] }
  return { sql: `(${column} > ? OR (${column} = ? AND rowid > ?))`, params: [c.v, c.v, c.r] }
}

/** The columns a list row needs: everything but the result body, whose size is read instead. */
export function listColumns(store: Store): string {
  const d = store.dialect
  const common = ['rowid AS _rowid', 'type', 'status', 'created_at', d.updatedColumn]
  const keys = d.kind === 'seed' ? ['id'] : []
  return [...keys, ...common, ...d.extraColumns.filter((c) => c !== d.updatedColumn), 'octet_length(result) AS result_bytes', `(${d.errorExpr}) AS error`]
    .filter((c, i, all) => all.indexOf(c) === i)
    .join(', ')
}

/** One page in keyset order (no OFFSET): cost does not grow with how far the user has scrolled. */
export function listTasks(
  store: Store,
  filter: TaskFilter = {},
  sort: TaskSort = DEFAULT_SORT,
  page: PageRequest = { limit: 100 },
  now = nowSeconds()
): TaskPage {
  const d = store.dialect
  const column = d.sortColumn(sort.field)
  const where = compileFilter(d, filter, now, undefined, { sortedBy: column })
  const parts = [where.sql]
  const params = [...where.params]
  if (page.after) {
    const after = afterCursor(column, sort.dir, decodeCursor(page.after))
    parts.push(after.sql)
    params.push(...after.params)
  }
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC'
  const sql = `SELECT ${listColumns(store)}, ${column} AS _sort FROM tasks WHERE ${parts.join(' AND ')}
    ORDER BY ${column} ${dir}, rowid ${dir} LIMIT ?`
  const raw = store.db.prepare(sql).all(...params, page.limit + 1) as Record<string, unknown>[]
  const more = raw.length > page.limit
  const rows = more ? raw.slice(0, page.limit) : raw
  const last = rows[rows.length - 1]
  return {
    tasks: rows.map((r) => toTaskRow(d, r)),
    next: more && last ? encodeCursor({ v: last._sort as CursorValue, r: Number(last._rowid) }) : null
  }
}

export function countTasks(store: Store, filter: TaskFilter = {}, now = nowSeconds()): number {
  const where = compileFilter(store.dialect, filter, now)
  const row = store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }
  return row.n
}

export function keyWhere(store: Store, key: string): SqlFragment {
  const d = store.dialect
  const values = d.parseKey(key)
  return { sql: d.keyColumns.map((c) => `${c} = ?`).join(' AND '), params: values }
}

const PREVIEW_BYTES = 2048

function viewResult(store: Store, value: unknown): ResultView {
  if (value === null || value === undefined) return { kind: 'none' }
  if (Buffer.isBuffer(value)) {
    return { kind: 'binary', bytes: value.length, preview: value.subarray(0, 64).toString('hex') }
  }
  const text = String(value)
  if (text === '') return { kind: 'none' }
  if (store.dialect.resultIsCiphertext)
    return { kind: 'encrypted', bytes: Buffer.byteLength(text), preview: text.slice(0, 120) }
  try {
    JSON.parse(text)
    return { kind: 'json', text }
  } catch {
    return { kind: 'malformed', text: text.length > PREVIEW_BYTES * 512 ? text.slice(0, PREVIEW_BYTES * 512) : text }
  }
}

/** One task with its full result. Malformed JSON comes back raw with a flag; it is never thrown. */
export function getTask(store: Store, key: string): TaskDetail | null {
  const where = keyWhere(store, key)
  const d = store.dialect
  const raw = store.db
    .prepare(`SELECT ${listColumns(store)}, result FROM tasks WHERE ${where.sql}`)
    .get(...where.params) as Record<string, unknown> | undefined
  if (!raw) return null
  return { ...toTaskRow(d, raw), result: viewResult(store, raw.result) }
}
