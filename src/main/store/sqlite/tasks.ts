import { AppError } from '../../../shared/errors'
import { DEFAULT_SORT, readsRows, type PageRequest, type TaskFilter, type TaskSort } from '../../../shared/filter'
import { keysIn, afterCursor, listColumns, remaining, batchEnd } from './keyset'
import { GROUPED_SORTS, groupedPage, groupedSkip } from './grouped'
import { toTaskRow } from '../model/dialect'
import type { Store } from './store'
import { nowSeconds } from '../model/time'
import { withFoundSnippets, snippetExpr } from '../model/snippets'
import { compileFilter } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import { SortWalk, unindexedPairs, unindexedSkip, type Pair, type UnindexedRequest, type WalkTuning } from './unindexed'
import { hasAnyIndexOn } from './windows'
import type { WindowProgress, TaskPage } from '../../../shared/results'
import { type CursorValue, type Cursor, encodeCursor, decodeCursor } from '../model/cursor'

/**
 * One page in keyset order (no OFFSET): cost does not grow with how far the user has scrolled. A text search's rows
 * carry a snippet of the text around the first match, so people see why a task matched.
 */
export function listTasks(
  store: Store,
  filter: TaskFilter = {},
  sort: TaskSort = DEFAULT_SORT,
  page: PageRequest = { limit: 100 },
  now = nowSeconds(),
  options: ListOptions = {}
): TaskPage {
  const result = listPage(store, filter, sort, page, now, options)
  return filter.text ? withSnippets(store, result, filter.text) : result
}

/** The text around the first match of `text` in each task's searched column (model/snippets.ts). */
function withSnippets(store: Store, page: TaskPage, text: string): TaskPage {
  const column = store.dialect.textColumns[0]
  if (!column || page.tasks.length === 0) return page
  const rows = keysIn(store, page.tasks.map((t) => t.key))
  const sql = `SELECT ${store.dialect.keyColumns.join(', ')}, ${snippetExpr(column, 'sqlite')} AS snippet FROM tasks WHERE ${rows.sql}`
  return withFoundSnippets(store.dialect, page, store.db.prepare(sql).all(text, ...rows.params) as Record<string, unknown>[])
}

export interface ListOptions {
  budgetMs?: number
  batch?: number
  skipStep?: number
  /** Pages by a time column no index holds (unindexed.ts): window sizes and cache, for tests. */
  unindexed?: WalkTuning
}

function listPage(store: Store, filter: TaskFilter, sort: TaskSort, page: PageRequest, now: number, options: ListOptions): TaskPage {
  const d = store.dialect
  const column = d.sortColumn(sort.field)
  const time = column === 'created_at' || column === d.updatedColumn
  if (page.skip && readsRows(filter))
    throw new AppError('INVALID_INPUT', 'A search cannot jump ahead: it reads its results in order, page by page.')
  if (options.budgetMs !== undefined && readsRows(filter) && time)
    return searchPage(store, filter, column, sort.dir, page, now, options.budgetMs, options.batch)
  const where = compileFilter(d, filter, now, undefined, { sortedBy: column })
  // By type or status: the groups in order, the newest first within each (grouped.ts).
  if (GROUPED_SORTS.has(sort.field)) {
    if (page.skip) {
      const from = groupedSkip(store, where, column, sort.dir, page.after ?? null, page.skip, options.skipStep ?? SKIP_STEP)
      if (from === undefined) return { tasks: [], next: null }
      page = { limit: page.limit, after: from }
    }
    return groupedPage(store, where, column, sort.dir, page)
  }
  const unindexed = time && !hasAnyIndexOn(store, column)
  if (page.skip && unindexed) {
    const cursor = page.after ? decodeCursor(page.after) : null
    const from = unindexedSkip(store, unindexedRequest(where, column, sort.dir, cursor, page.limit), page.skip, options.unindexed)
    if (from === undefined) return { tasks: [], next: null }
    page = { limit: page.limit, after: from && encodeCursor(asCursor(from)) }
  } else if (page.skip) {
    const from = skipRows(store, where, column, sort.dir, page.after ? decodeCursor(page.after) : null, page.skip, time, options.skipStep)
    if (from === undefined) return { tasks: [], next: null }
    page = { limit: page.limit, after: from && encodeCursor(from) }
  }
  if (unindexed) return unindexedPage(store, where, column, sort.dir, page, options.unindexed)
  if (time) return timePage(store, where, column, sort.dir, page)
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
  return pageOf(store, store.db.prepare(sql).all(...params, page.limit + 1) as Record<string, unknown>[], page.limit)
}

/** The most rows one statement of a skip passes over (about 20 ms), so a long jump never holds the file for long. */
export const SKIP_STEP = 250_000

/**
 * The position `skip` rows after `from` (null: the start), in steps of at most SKIP_STEP rows, each an index walk
 * inside SQLite (LIMIT 1 OFFSET n) with the read lock released between them: half of 1 M rows in about 25 ms, half
 * of 10 M in about 200. Undefined when fewer rows than that remain.
 */
function skipRows(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', from: Cursor | null, skip: number, time: boolean, step = SKIP_STEP): Cursor | null | undefined {
  const order = dir === 'asc' ? 'ASC' : 'DESC'
  const segments = (c: Cursor | null): SqlFragment[] =>
    time ? remaining(column, dir, c) : [c ? afterCursor(column, dir, c) : { sql: '1', params: [] }]
  let position = from
  let left = skip
  while (left > 0) {
    let moved = false
    for (const segment of segments(position)) {
      const n = Math.min(left, step)
      const rows = { sql: `${segment.sql} AND ${where.sql}`, params: [...segment.params, ...where.params] }
      const last = nthRow(store, rows, column, order, n - 1)
      if (last) {
        position = last
        left -= n
        moved = true
        break
      }
      // This segment (the NULLs, say) ends within the step: count what it had, and go on in the next one.
      left -= (store.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM tasks WHERE ${rows.sql} LIMIT ?)`).get(...rows.params, n) as { n: number }).n
    }
    if (!moved) return undefined
  }
  return position
}

/** The row `offset` rows into those matching `rows`, in (column, rowid) order: an index walk inside SQLite. */
function nthRow(store: Store, rows: SqlFragment, column: string, order: 'ASC' | 'DESC', offset: number): Cursor | undefined {
  const found = store.db.prepare(`SELECT ${column} AS v, rowid AS r FROM tasks WHERE ${rows.sql} ORDER BY ${column} ${order}, rowid ${order} LIMIT 1 OFFSET ?`).get(...rows.params, offset) as
    | Cursor
    | undefined
  return found && { v: found.v, r: Number(found.r) }
}

/** Up to limit + 1 rows found (with _sort and _rowid) → the page, and a cursor after its last row when there are more. */
function pageOf(store: Store, found: Record<string, unknown>[], limit: number): TaskPage {
  const more = found.length > limit
  const rows = more ? found.slice(0, limit) : found
  const last = rows[rows.length - 1]
  return {
    tasks: rows.map((r) => toTaskRow(store.dialect, r)),
    next: more && last ? encodeCursor({ v: last._sort as CursorValue, r: Number(last._rowid) }) : null
  }
}

function unindexedRequest(where: SqlFragment, column: string, dir: 'asc' | 'desc', cursor: Cursor | null, limit: number): UnindexedRequest {
  return { where, after: cursor ? afterCursor(column, dir, cursor) : null, cursor, column, dir, limit }
}

/** A sort value as a cursor holds it (times are numbers or text; anything odder compares as its text). */
const asCursor = (p: Pair): Cursor => ({ v: p.v === null || typeof p.v === 'number' || typeof p.v === 'string' ? p.v : typeof p.v === 'bigint' ? Number(p.v) : p.v.toString('utf8'), r: p.r })

/**
 * A walk that answers the first page of `tasks.list` within a budget and goes on when asked again (the session keeps
 * it): null where the page is not a first page by a time column no index holds.
 */
export function progressiveSortWalk(store: Store, filter: TaskFilter, sort: TaskSort, page: PageRequest, now: number): SortWalk | null {
  const column = store.dialect.sortColumn(sort.field)
  const time = column === 'created_at' || column === store.dialect.updatedColumn
  if (!time || page.after || page.skip || readsRows(filter) || hasAnyIndexOn(store, column)) return null
  return new SortWalk(store, unindexedRequest(compileFilter(store.dialect, filter, now, undefined, { sortedBy: column }), column, sort.dir, null, page.limit))
}

/** The page a walk has so far: exact when complete, else marked `sorting` with how much of the table it has read. */
export function sortWalkPage(store: Store, walk: SortWalk, sort: TaskSort, limit: number, progress: WindowProgress): TaskPage {
  const column = store.dialect.sortColumn(sort.field)
  const page = { ...pageOfPairs(store, walk.pairs(), column, limit), withoutIndex: column }
  return progress.complete ? page : { ...page, next: null, sorting: progress }
}

/** A page by a time column no index holds: windowed (unindexed.ts), then the page's rows read by rowid. */
function unindexedPage(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', page: PageRequest, tuning?: WalkTuning): TaskPage {
  const cursor = page.after ? decodeCursor(page.after) : null
  return { ...pageOfPairs(store, unindexedPairs(store, unindexedRequest(where, column, dir, cursor, page.limit), tuning), column, page.limit), withoutIndex: column }
}

function pageOfPairs(store: Store, pairs: Pair[], column: string, limit: number): TaskPage {
  if (pairs.length === 0) return { tasks: [], next: null }
  const rows = store.db
    .prepare(`SELECT ${listColumns(store)}, ${column} AS _sort FROM tasks WHERE rowid IN (${pairs.map(() => '?').join(', ')})`)
    .all(...pairs.map((p) => p.r)) as Record<string, unknown>[]
  const byRowid = new Map<number, Record<string, unknown>>(rows.map((r) => [Number(r._rowid), r]))
  const found = pairs.flatMap((p): Record<string, unknown>[] => {
    const row = byRowid.get(p.r)
    return row ? [row] : []
  })
  return pageOf(store, found, limit)
}

/**
 * A page sorted by a time column (the default view), as index range seeks from the cursor (see `remaining`): a page
 * five million rows deep costs what the first one does (it took 230 ms at 10 M rows with the cursor as an OR).
 */
function timePage(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', page: PageRequest): TaskPage {
  const order = dir === 'asc' ? 'ASC' : 'DESC'
  const found: Record<string, unknown>[] = []
  for (const segment of remaining(column, dir, page.after ? decodeCursor(page.after) : null)) {
    const rows = store.db
      .prepare(`SELECT ${listColumns(store)}, ${column} AS _sort FROM tasks WHERE ${segment.sql} AND ${where.sql} ORDER BY ${column} ${order}, rowid ${order} LIMIT ?`)
      .all(...segment.params, ...where.params, page.limit + 1 - found.length) as Record<string, unknown>[]
    found.push(...rows)
    if (found.length > page.limit) break
  }
  return pageOf(store, found, page.limit)
}

const SEARCH_TARGET_MS = 40

function searchPage(store: Store, filter: TaskFilter, column: string, dir: 'asc' | 'desc', page: PageRequest, now: number, budgetMs: number, firstBatch = 2000): TaskPage {
  const d = store.dialect
  const where = compileFilter(d, filter, now)
  const order = dir === 'asc' ? 'ASC' : 'DESC'
  const started = performance.now()
  const deadline = started + budgetMs
  // Matches found early are shown early: after a quarter of the budget, the page goes back with what it has.
  const showBy = started + budgetMs / 4
  const found: Record<string, unknown>[] = []
  let position = page.after ? decodeCursor(page.after) : null
  let batch = firstBatch
  for (;;) {
    const left = remaining(column, dir, position)
    const t = performance.now()
    let last: Cursor | undefined
    // The next `batch` rows in sort order (an index range), then those of them the filter keeps.
    for (const segment of left) {
      // Where this batch ends; none means the segment ends within it (go on with the next one, if any).
      last = nthRow(store, segment, column, order, batch - 1)
      const candidates = `SELECT rowid FROM tasks WHERE ${segment.sql} ORDER BY ${column} ${order}, rowid ${order} LIMIT ?`
      const span = store.db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM (${candidates})`).get(...segment.params, batch) as { lo: number | null; hi: number | null; n: number }
      let rows: Record<string, unknown>[]
      if (span.lo !== null && span.hi !== null && span.hi - span.lo + 1 <= 2 * span.n) {
        // The batch's rows lie close together in the table (a backend appends tasks in time order): read that rowid
        // range straight through, about three times faster than looking each candidate up.
        const end = last ? batchEnd(column, dir, last) : { sql: '1', params: [] }
        rows = store.db
          .prepare(
            `SELECT ${listColumns(store)}, ${column} AS _sort FROM tasks NOT INDEXED WHERE rowid BETWEEN ? AND ? AND ${segment.sql} AND ${end.sql} AND ${where.sql}
             ORDER BY _sort ${order}, _rowid ${order}`
          )
          .all(span.lo, span.hi, ...segment.params, ...end.params, ...where.params) as Record<string, unknown>[]
      } else {
        // Scattered: the candidates, looked up by rowid (materialized, so SQLite does not walk the sort index to
        // test each row).
        rows = store.db
          .prepare(
            `WITH m AS MATERIALIZED (SELECT ${listColumns(store)}, ${column} AS _sort FROM tasks WHERE rowid IN (${candidates}) AND ${where.sql})
             SELECT * FROM m ORDER BY _sort ${order}, _rowid ${order}`
          )
          .all(...segment.params, batch, ...where.params) as Record<string, unknown>[]
      }
      for (const row of rows) {
        found.push(row)
        if (found.length > page.limit) break
      }
      if (last || found.length > page.limit) break
    }
    if (found.length > page.limit || !last) break
    position = last
    const at = performance.now()
    if (at >= deadline || (found.length > 0 && at >= showBy)) {
      // Out of time (or matches to show): what was found so far, and a cursor past the rows already examined.
      return { tasks: found.map((r) => toTaskRow(d, r)), next: encodeCursor(position), partial: true, reached: d.decodeTime(position.v) }
    }
    const ms = performance.now() - t
    batch = Math.max(Math.min(500, firstBatch), Math.min(200_000, Math.round(batch * (ms <= 0.5 ? 2 : Math.min(2, Math.max(0.5, SEARCH_TARGET_MS / ms))))))
  }
  return pageOf(store, found, page.limit)
}
