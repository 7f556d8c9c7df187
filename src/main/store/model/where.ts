import type { TaskFilter } from '../../../shared/filter'
import type { Dialect } from './dialect'
import type { SqlFragment } from './sql-fragment'

/** A facet dimension whose own selection is left out when counting that facet (so other options stay visible). */
export type FacetDimension = 'statuses' | 'types' | 'errors' | 'clients'

/** Escapes LIKE's wildcards so user text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function inList(column: string, values: readonly string[], out: string[], params: unknown[]): void {
  out.push(`${column} IN (${values.map(() => '?').join(', ')})`)
  params.push(...values)
}

function contains(columns: readonly string[], text: string, out: string[], params: unknown[], like: string): void {
  const pattern = `%${escapeLike(text)}%`
  out.push(`(${columns.map((c) => `${c} ${like} ? ESCAPE '\\'`).join(' OR ')})`)
  for (let i = 0; i < columns.length; i++) params.push(pattern)
}

/**
 * Compiles a filter into a WHERE clause over the stored columns. Every value is a parameter; time bounds are encoded
 * in the column's stored form so that indexes apply and text timestamps compare correctly. `now` fixes "older than".
 */
export function compileFilter(d: Dialect, filter: TaskFilter, now: number, omit?: FacetDimension, options: { sortedBy?: string; window?: 'created_at' | 'rowid' } = {}): SqlFragment {
  const out: string[] = []
  const params: unknown[] = []
  // A page sorted by a column other than created_at is fastest walking that column's index and skipping rows; without
  // statistics SQLite prefers the (status|type, created_at) index and then sorts every match (5 s vs 1 ms on 1 M rows).
  // A unary + keeps it off those indexes for this query only. Counts and facets keep them: they are covering there.
  const viaSortIndex = options.sortedBy !== undefined && options.sortedBy !== 'created_at'
  // A read in windows (windows.ts) must be driven by its window: by creation time, no index without created_at may
  // drive it (a count by update time searched idx_tasks_updated_at for every window, 35,000 rows each, and ran for
  // over 15 minutes on 200 k tasks); by rowid, no index at all. The unary + takes a column out of the running.
  const offWindow = (c: string) => options.window === 'rowid' || (options.window === 'created_at' && c !== 'created_at' && c !== 'status' && c !== 'type')
  const col = (c: string) => (viaSortIndex || offWindow(c) ? `+${c}` : c)
  if (filter.statuses?.length && omit !== 'statuses') inList(col('status'), filter.statuses, out, params)
  if (filter.types?.length && omit !== 'types') inList(col('type'), filter.types, out, params)
  if (filter.clients?.length && omit !== 'clients' && d.kind === 'backend') inList(col('client_id'), filter.clients, out, params)
  if (filter.errors?.length && omit !== 'errors') {
    inList(`(${d.errorExpr})`, filter.errors, out, params)
    // Only error tasks have an error group (the expression is NULL for the others): said outright, the status index
    // can serve the search (without it, SQLite scanned the whole table for each window of a count).
    if (!(filter.statuses?.length && omit !== 'statuses')) inList(col('status'), ['error'], out, params)
  }
  // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE is the same search there.
  const like = d.likeOperator ?? 'LIKE'
  if (filter.id) contains(d.idColumns, filter.id, out, params, like)
  if (filter.text) contains(d.textColumns, filter.text, out, params, like)
  const range = (column: string, from: number | undefined, to: number | undefined) => {
    if (from !== undefined) {
      out.push(`${column} >= ?`)
      params.push(d.encodeTime(from))
    }
    if (to !== undefined) {
      out.push(`${column} < ?`)
      params.push(d.encodeTime(to))
    }
  }
  const created = options.window === 'rowid' ? '+created_at' : 'created_at'
  const updated = offWindow(d.updatedColumn) ? `+${d.updatedColumn}` : d.updatedColumn
  range(created, filter.createdFrom, filter.createdTo)
  range(updated, filter.updatedFrom, filter.updatedTo)
  if (filter.createdWithin !== undefined) range(created, now - filter.createdWithin, undefined)
  if (filter.updatedWithin !== undefined) range(updated, now - filter.updatedWithin, undefined)
  if (filter.olderThanDays !== undefined) {
    // The seed's cleanup rule: created_at < now - days * 86400.
    out.push(`${created} < ?`)
    params.push(d.encodeTime(now - Math.round(filter.olderThanDays * 86_400)))
  }
  // '1 = 1' rather than SQLite's bare 1: PostgreSQL wants a boolean.
  return { sql: out.length ? out.join(' AND ') : '1 = 1', params }
}

/** The WHERE clause selecting one task by its key (the format's key columns, from the key the page was given). */
export function keyWhere(d: Pick<Dialect, 'parseKey' | 'keyColumns'>, key: string): SqlFragment {
  return { sql: d.keyColumns.map((c) => `${c} = ?`).join(' AND '), params: d.parseKey(key) }
}
