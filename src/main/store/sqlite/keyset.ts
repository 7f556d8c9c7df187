import type { Cursor, CursorValue } from '../model/cursor'
import type { SqlFragment } from '../model/sql-fragment'
import type { Store } from './store'

/**
 * Rows strictly after the cursor in (column, rowid) order. SQLite sorts NULL lowest, so in descending order NULLs come
 * last and in ascending order first; the conditions below follow that so no row is skipped or repeated.
 */
export function afterCursor(column: string, dir: 'asc' | 'desc', c: Cursor): SqlFragment {
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

/**
 * A page of a search no index answers (text, id, error group), within a time budget: walks the sort column's index in
 * batches of candidates, keeps those the filter matches, and stops when the page is full, the table ends, or the
 * budget is spent. In the last case the page is partial and its cursor points past the last row examined, so the
 * next request goes on from there: the first matches show within the budget, and the rest stream in as the user
 * scrolls. Each batch is its own short statement, so no lock is held across batches.
 */
/**
 * What is left after a position, in sort order, as index range seeks (an OR of the cursor's cases would make SQLite
 * walk the index from the start for every batch): the non-NULL values after the cursor as a row-value range, and the
 * NULLs, which SQLite sorts lowest (last when descending, first when ascending).
 */
export function remaining(column: string, dir: 'asc' | 'desc', position: Cursor | null): SqlFragment[] {
  const values = (v: CursorValue, r: number): SqlFragment => ({ sql: `(${column}, rowid) ${dir === 'desc' ? '<' : '>'} (?, ?)`, params: [v, r] })
  const nullsAfter = (r: number): SqlFragment => ({ sql: `${column} IS NULL AND rowid ${dir === 'desc' ? '<' : '>'} ?`, params: [r] })
  const allValues = { sql: `${column} IS NOT NULL`, params: [] }
  const allNulls = { sql: `${column} IS NULL`, params: [] }
  if (dir === 'desc') {
    if (!position) return [allValues, allNulls]
    return position.v === null ? [nullsAfter(position.r)] : [values(position.v, position.r), allNulls]
  }
  if (!position) return [allNulls, allValues]
  return position.v === null ? [nullsAfter(position.r), allValues] : [values(position.v, position.r)]
}

/** The rows of a segment up to and including `last` (the end of a batch), in sort order. */
export function batchEnd(column: string, dir: 'asc' | 'desc', last: Cursor): SqlFragment {
  if (last.v === null) return { sql: `rowid ${dir === 'desc' ? '>=' : '<='} ?`, params: [last.r] }
  return { sql: `(${column}, rowid) ${dir === 'desc' ? '>=' : '<='} (?, ?)`, params: [last.v, last.r] }
}

/** The rows with these task keys (at most a few hundred: one parameter per key column). */
export function keysIn(store: Store, keys: readonly string[]): SqlFragment {
  const d = store.dialect
  if (keys.length === 0) return { sql: '0', params: [] }
  const tuples = keys.map((k) => d.parseKey(k))
  const cols = d.keyColumns.length === 1 ? d.keyColumns[0]! : `(${d.keyColumns.join(', ')})`
  const placeholder = d.keyColumns.length === 1 ? '?' : `(${d.keyColumns.map(() => '?').join(', ')})`
  const list = d.keyColumns.length === 1 ? tuples.map(() => placeholder).join(', ') : `VALUES ${tuples.map(() => placeholder).join(', ')}`
  return { sql: `${cols} IN (${list})`, params: tuples.flat() }
}
