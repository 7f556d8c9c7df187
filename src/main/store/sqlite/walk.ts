import type { Statement } from 'better-sqlite3'
import { type Store, rowidRange } from './store'
import type { SqlFragment } from '../model/sql-fragment'
import type { WalkKind } from '../model/chunking'

export interface IndexShape {
  name: string
  columns: string[]
}

const MIN_KEY_WALK_DENSITY = 0.25

/** The indexes on `tasks`, with their columns in order. */
export function taskIndexes(store: Store): IndexShape[] {
  const rows = store.db
    .prepare(`SELECT il.name AS name, ii.name AS col FROM pragma_index_list('tasks') AS il, pragma_index_info(il.name) AS ii ORDER BY il.name, ii.seqno`)
    .all() as { name: string; col: string | null }[]
  const byName = new Map<string, string[]>()
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.col ?? ''])
  return [...byName].map(([name, columns]) => ({ name, columns }))
}

/**
 * How many structures each walk scatters (pure, for tests): rowid windows scatter every index; key windows the table
 * and each index that does not start with the key's leading columns (two of them, or the one of a one-column key).
 */
export function scatteredStructures(indexes: readonly IndexShape[], keyColumns: readonly string[]): Record<WalkKind, number> {
  const lead = keyColumns.slice(0, Math.min(2, keyColumns.length))
  const followsKey = (ix: IndexShape) => lead.every((c, i) => ix.columns[i] === c)
  return { rowid: indexes.length, key: 1 + indexes.filter((ix) => !followsKey(ix)).length }
}

/** The walk for a target that holds `density` of the table's rows (0…1). Ties go to rowid windows. */
export function chooseWalk(indexes: readonly IndexShape[], keyColumns: readonly string[], density: number): WalkKind {
  if (density < MIN_KEY_WALK_DENSITY || keyColumns.length === 0) return 'rowid'
  const s = scatteredStructures(indexes, keyColumns)
  return s.key < s.rowid ? 'key' : 'rowid'
}

/**
 * One window of a walk: its WHERE clause, the table as its statements name it, and whether it is the last. The table
 * is named with the walk's own access path — `NOT INDEXED` (the rowid range drives) or `INDEXED BY` the key's index —
 * because a filter on a second column can make SQLite plan the window through that column's index instead, scanning
 * every matching row of the table inside the write transaction (a 187-row window took 1.25 s through
 * idx_tasks_type_created on 1 M rows). test/plans.test.ts checks each statement's plan.
 */
export interface Window {
  where: SqlFragment
  table: string
  last: boolean
}

/** The table of a rowid walk's statements: no index, so the rowid range is the search. */
export const ROWID_WALK_TABLE = 'tasks NOT INDEXED'

/** The read-ahead of a rowid walk: the rowid `OFFSET` matching rows past the cursor (within a span). */
export const rowidReadAhead = (base: SqlFragment) => `SELECT rowid AS r FROM ${ROWID_WALK_TABLE} WHERE rowid > ? AND rowid <= ? AND ${base.sql} ORDER BY rowid LIMIT 1 OFFSET ?`

/** The index of the primary key (SQLite's automatic one for a TEXT or composite key), for the key walk. */
export function keyIndexName(store: Store): string | null {
  const row = store.db.prepare("SELECT name FROM pragma_index_list('tasks') WHERE origin = 'pk'").get() as { name: string } | undefined
  return row?.name ?? null
}

/** The table of a key walk's statements: through the primary key's index, whatever else the filter names. */
export const keyWalkTable = (index: string | null) => (index ? `tasks INDEXED BY "${index.replace(/"/g, '""')}"` : 'tasks')

/** The read-ahead of a key walk from a key (`op` > or >=). */
export const keyReadAhead = (table: string, cols: string, op: string, tuple: string, base: SqlFragment) =>
  `SELECT ${cols} FROM ${table} WHERE (${cols}) ${op} ${tuple} AND ${base.sql} ORDER BY ${cols} LIMIT 1 OFFSET ?`

/**
 * A walk over the rows matching `base` (already limited to the snapshot), window by window. `next(rows)` reads ahead,
 * without any write lock, to where the window of `rows` matching rows ends; `advance()` moves past it once written.
 */
export interface Walk {
  kind: WalkKind
  next(rows: number): Window | null
  advance(): void
}

/** The widest rowid window one read reads (a sparse stretch of the table is crossed in a few of them). */
const MAX_SPAN = 200_000

export function rowidWalk(store: Store, base: SqlFragment, maxRowid: number): Walk {
  const { db } = store
  let cursor = (rowidRange(store)?.lo ?? 1) - 1
  let pending = cursor
  const nth = db.prepare(rowidReadAhead(base)).pluck()
  return {
    kind: 'rowid',
    next(rows) {
      if (cursor >= maxRowid) return null
      const limit = Math.min(maxRowid, cursor + MAX_SPAN)
      const end = (nth.get(cursor, limit, ...base.params, Math.max(0, rows - 1)) as number | undefined) ?? limit
      pending = end
      return { where: { sql: `rowid > ? AND rowid <= ? AND ${base.sql}`, params: [cursor, end, ...base.params] }, table: ROWID_WALK_TABLE, last: end >= maxRowid }
    },
    advance() {
      cursor = pending
    }
  }
}

export function keyWalk(store: Store, base: SqlFragment, keyColumns: readonly string[]): Walk {
  const { db } = store
  const cols = keyColumns.join(', ')
  const tuple = `(${keyColumns.map(() => '?').join(', ')})`
  const upTo = `(${cols}) <= ${tuple}`
  // Every window has a lower bound, the first one too (from the smallest key): with only an upper bound SQLite chose
  // the rowid range `rowid <= max` of the snapshot and scanned the whole table with the write lock held (266 ms).
  const table = keyWalkTable(keyIndexName(store))
  const smallest = db.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${cols} LIMIT 1`).raw().get() as unknown[] | undefined
  let lower: { op: '>=' | '>'; key: unknown[] } | null = smallest ? { op: '>=', key: smallest } : null
  let pending: unknown[] | null = null
  const nth = new Map<string, Statement>()
  const nthFrom = (op: string) => {
    let s = nth.get(op)
    if (!s) nth.set(op, (s = db.prepare(keyReadAhead(table, cols, op, tuple, base)).raw()))
    return s
  }
  return {
    kind: 'key',
    next(rows) {
      if (!lower) return null
      const end = nthFrom(lower.op).get(...lower.key, ...base.params, Math.max(0, rows - 1)) as unknown[] | undefined
      pending = end ?? null
      const parts = [`(${cols}) ${lower.op} ${tuple}`, ...(end ? [upTo] : []), `(${base.sql})`]
      return { where: { sql: parts.join(' AND '), params: [...lower.key, ...(end ?? []), ...base.params] }, table, last: !end }
    },
    advance() {
      lower = pending === null ? null : { op: '>', key: pending }
    }
  }
}
