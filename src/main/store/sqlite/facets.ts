import type { TaskFilter } from '../../../shared/filter'
import type { Store } from './store'
import { nowSeconds } from '../model/time'
import { compileFilter, type FacetDimension } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import { distinctValues, hasLeadingIndex, perWindow, windowKey, WindowWalk, type WindowKey, type WindowOptions } from './windows'
import type { WindowProgress, Counts, Facets, FacetPart } from '../../../shared/results'
import { ERROR_GROUPS, CLIENT_GROUPS, sortedByName, top } from '../model/facets'
/** Above this many distinct values a facet is grouped per window instead of counted value by value. */
const MAX_VALUES = 50

/** One facet's count for one window; merged into `into`. */
type Counter = (window: SqlFragment, into: Counts) => void

/**
 * Counts for one facet under the filter, ignoring the facet's own selection (the usual faceted-search rule, so a user
 * who picked "error" still sees how many tasks the other statuses would add). On an indexed column each value is an
 * index range count (status = ? AND created_at in the window); otherwise one GROUP BY per window.
 */
function counter(store: Store, column: string, filter: TaskFilter, omit: FacetDimension, now: number, key: WindowKey): Counter {
  const where = compileFilter(store.dialect, filter, now, omit, { window: key })
  // Per-value index counts pay off with time windows; rowid windows read the rows in storage order instead.
  const values = key === 'created_at' && hasLeadingIndex(store, column) ? distinctValues(store, column) : null
  if (values && values.length <= MAX_VALUES) {
    const statement = perWindow(store, (window) => `SELECT count(*) AS n FROM tasks WHERE ${column} = ? AND (${window.sql}) AND ${where.sql}`)
    return (window, into) => {
      const stmt = statement(window)
      for (const v of values) {
        const { n } = stmt.get(v, ...window.params, ...where.params) as { n: number }
        if (n) into[String(v)] = (into[String(v)] ?? 0) + n
      }
    }
  }
  return grouped(store, column, where)
}

function grouped(store: Store, expr: string, where: SqlFragment): Counter {
  const statement = perWindow(store, (window) => `SELECT ${expr} AS k, count(*) AS n FROM tasks WHERE (${window.sql}) AND ${where.sql} GROUP BY k`)
  return (window, into) => {
    for (const row of statement(window).all(...window.params, ...where.params) as { k: unknown; n: number }[]) {
      if (row.k === null) continue
      const k = String(row.k)
      into[k] = (into[k] ?? 0) + row.n
    }
  }
}

/** Status, type (and client) counts of a window in one statement, when the filter selects none of them. */
function together(store: Store, where: SqlFragment, counts: { status: Counts; type: Counts; client: Counts }): Counter {
  const backend = store.dialect.kind === 'backend'
  const statement = perWindow(
    store,
    (window) => `SELECT status AS s, type AS t, ${backend ? 'client_id' : 'NULL'} AS c, count(*) AS n FROM tasks WHERE (${window.sql}) AND ${where.sql} GROUP BY s, t, c`
  )
  const add = (into: Counts, k: unknown, n: number) => {
    if (k !== null) into[String(k)] = (into[String(k)] ?? 0) + n
  }
  return (window) => {
    for (const row of statement(window).all(...window.params, ...where.params) as { s: unknown; t: unknown; c: unknown; n: number }[]) {
      add(counts.status, row.s, row.n)
      add(counts.type, row.t, row.n)
      if (backend) add(counts.client, row.c, row.n)
    }
  }
}

/**
 * Facet counts computed window by window (see windows.ts): resumable, so a caller with a time budget gets what has
 * been counted so far and continues later; without a budget it runs to the end in one go.
 */
export class FacetScan {
  private readonly counts: { status: Counts; type: Counts; client: Counts; error: Counts } = { status: {}, type: {}, client: {}, error: {} }
  private readonly walk: WindowWalk
  private readonly part: FacetPart
  private readonly backend: boolean

  constructor(store: Store, filter: TaskFilter = {}, now = nowSeconds(), part: FacetPart = 'all', options: Omit<WindowOptions, 'key'> = {}) {
    const d = store.dialect
    this.part = part
    this.backend = d.kind === 'backend'
    // A text or id search reads every row anyway: in storage order. The error groups stay on the status index.
    const key: WindowKey = windowKey(store, (filter.text || filter.id) && part !== 'errors' ? 'rowid' : 'created_at')
    const counters: [Counter, Counts][] = []
    const ownSelections = filter.statuses?.length || filter.types?.length || filter.clients?.length
    if (part !== 'errors' && key === 'rowid' && !ownSelections) {
      // Nothing to leave out per facet: one pass over each window's rows serves every facet.
      counters.push([together(store, compileFilter(d, filter, now, undefined, { window: key }), this.counts), {}])
    } else if (part !== 'errors') {
      counters.push([counter(store, 'status', filter, 'statuses', now, key), this.counts.status])
      counters.push([counter(store, 'type', filter, 'types', now, key), this.counts.type])
      // +client_id: grouped through idx_client_sha, each window would walk that whole index (in client order) instead of its own rows.
      if (this.backend) counters.push([grouped(store, '+client_id', compileFilter(d, filter, now, 'clients', { window: key })), this.counts.client])
    }
    // Error groups exist only for error tasks: ask for those (through the status index) rather than test every row.
    if (part !== 'counts') counters.push([grouped(store, `(${d.errorExpr})`, compileFilter(d, { ...filter, statuses: ['error'] }, now, 'errors', { window: key })), this.counts.error])
    this.walk = new WindowWalk(
      store,
      (window) => {
        for (const [count, into] of counters) count(window, into)
      },
      { ...options, key }
    )
  }

  run(budgetMs = Infinity): WindowProgress {
    return this.walk.run(budgetMs)
  }

  get complete(): boolean {
    return this.walk.complete
  }

  result(): Facets {
    const facets: Facets = { status: {}, type: {} }
    if (this.part !== 'errors') {
      facets.status = sortedByName(this.counts.status)
      facets.type = sortedByName(this.counts.type)
      if (this.backend) facets.client = top(this.counts.client, CLIENT_GROUPS)
    }
    if (this.part !== 'counts') facets.error = top(this.counts.error, ERROR_GROUPS)
    return facets
  }
}

/** Counts per facet under the filter, to the end. */
export function facetTasks(store: Store, filter: TaskFilter = {}, now = nowSeconds(), part: FacetPart = 'all'): Facets {
  const scan = new FacetScan(store, filter, now, part)
  scan.run()
  return scan.result()
}
