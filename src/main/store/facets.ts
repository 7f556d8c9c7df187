import type { TaskFilter } from '../../shared/filter'
import type { Store } from './open'
import { nowSeconds } from './time'
import { compileFilter, type FacetDimension } from './where'

export type Counts = Record<string, number>

export interface Facets {
  status: Counts
  type: Counts
  /** Error groups (code or message) among error tasks, most frequent first, at most `ERROR_GROUPS`; absent when
   * only the quick part was asked for. */
  error?: Counts
  /** Backend schema only: tasks per client, most frequent first. */
  client?: Counts
}

export const ERROR_GROUPS = 20
export const CLIENT_GROUPS = 50

function groupCounts(store: Store, expr: string, filter: TaskFilter, omit: FacetDimension, now: number, limit?: number): Counts {
  const where = compileFilter(store.dialect, filter, now, omit)
  const sql = `SELECT ${expr} AS k, count(*) AS n FROM tasks WHERE ${where.sql} GROUP BY k
    ${limit ? `HAVING k IS NOT NULL ORDER BY n DESC, k LIMIT ${limit}` : ''}`
  const out: Counts = {}
  for (const row of store.db.prepare(sql).all(...where.params) as { k: unknown; n: number }[]) {
    if (row.k === null) continue
    out[String(row.k)] = row.n
  }
  return out
}

/**
 * Counts per facet under the filter. Each facet ignores its own selection (the usual faceted-search rule), so a user
 * who picked "error" still sees how many tasks the other statuses would add.
 */
export type FacetPart = 'all' | 'counts' | 'errors'

/**
 * `part` splits the work for a UI that wants the quick counts (status, type, client: index scans) before the error
 * groups (which read every error result's JSON, seconds on millions of rows).
 */
export function facetTasks(store: Store, filter: TaskFilter = {}, now = nowSeconds(), part: FacetPart = 'all'): Facets {
  const d = store.dialect
  const facets: Facets = { status: {}, type: {} }
  if (part !== 'errors') {
    facets.status = groupCounts(store, 'status', filter, 'statuses', now)
    facets.type = groupCounts(store, 'type', filter, 'types', now)
    if (d.kind === 'backend') facets.client = groupCounts(store, 'client_id', filter, 'clients', now, CLIENT_GROUPS)
  }
  // Error groups exist only for error tasks: ask for those (through the status index) rather than test every row.
  if (part !== 'counts') facets.error = groupCounts(store, `(${d.errorExpr})`, { ...filter, statuses: ['error'] }, 'errors', now, ERROR_GROUPS)
  return facets
}
