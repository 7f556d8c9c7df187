import type { TaskFilter } from '../../../shared/filter'
import { CLIENT_GROUPS, ERROR_GROUPS, sortedByName, top } from '../model/facets'
import type { Counts, FacetPart, Facets, WindowProgress } from '../../../shared/results'
import { compileFilter, type FacetDimension } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import { rows, withinBudget, type Queryable } from './sql'
import type { PgStore } from './store'
import { KeyWindows, wholeTryMs } from './windows'

// Facet counts on PostgreSQL (SQLite's are in ../sqlite/facets.ts): one GROUP BY per facet, each leaving out its own
// selection; within a budget, all of them in one read-only transaction the server stops at the budget, and if it
// had to, the same statements window by window over the primary key.

interface Dimension {
  /** Where each grouped column's counts go, in the order of `exprs`. */
  into: ('status' | 'type' | 'client' | 'error')[]
  exprs: string[]
  where: SqlFragment
}

function dimensions(store: PgStore, filter: TaskFilter, now: number, part: FacetPart): Dimension[] {
  const d = store.dialect
  const f = (omit: FacetDimension, extra: TaskFilter = {}) => compileFilter(d, { ...filter, ...extra }, now, omit)
  const backend = d.kind === 'backend'
  const out: Dimension[] = []
  const ownSelections = filter.statuses?.length || filter.types?.length || filter.clients?.length
  if (part !== 'errors' && !ownSelections) {
    // Nothing to leave out per facet: one pass over the rows serves status, type (and client) together.
    out.push({ into: backend ? ['status', 'type', 'client'] : ['status', 'type'], exprs: backend ? ['status', 'type', 'client_id'] : ['status', 'type'], where: compileFilter(d, filter, now) })
  } else if (part !== 'errors') {
    out.push({ into: ['status'], exprs: ['status'], where: f('statuses') })
    out.push({ into: ['type'], exprs: ['type'], where: f('types') })
    if (backend) out.push({ into: ['client'], exprs: ['client_id'], where: f('clients') })
  }
  if (part !== 'counts') out.push({ into: ['error'], exprs: [`(${d.errorExpr})`], where: f('errors', { statuses: ['error'] }) })
  return out
}

export class FacetScan {
  private readonly counts: Record<string, Counts> = { status: {}, type: {}, client: {}, error: {} }
  private windows: KeyWindows | null = null
  private readonly dims: Dimension[]

  constructor(
    private readonly store: PgStore,
    filter: TaskFilter,
    now: number,
    private readonly part: FacetPart
  ) {
    this.dims = dimensions(store, filter, now, part)
  }

  private async countInto(on: Queryable, window: SqlFragment | null, into: Record<string, Counts>): Promise<void> {
    for (const dim of this.dims) {
      const select = dim.exprs.map((e, i) => `${e} AS k${i}`).join(', ')
      const groups = dim.exprs.map((_, i) => i + 1).join(', ')
      const parts = [`SELECT ${select}, count(*) AS n FROM ${this.store.table} WHERE `, ...(window ? [window, ' AND '] : []), '(', dim.where, `) GROUP BY ${groups}`]
      for (const r of await rows<Record<string, unknown> & { n: number }>(on, parts))
        dim.into.forEach((name, i) => {
          const k = r[`k${i}`]
          if (k === null || k === undefined) return
          const bucket = into[name]!
          bucket[String(k)] = (bucket[String(k)] ?? 0) + r.n
        })
    }
  }

  async run(budgetMs = Infinity): Promise<WindowProgress> {
    if (!this.windows) {
      if (budgetMs === Infinity) {
        await this.countInto(this.store.pool, null, this.counts)
        return { complete: true, coveredFrom: null, fraction: 1 }
      }
      const whole: Record<string, Counts> = { status: {}, type: {}, client: {}, error: {} }
      if (await withinBudget(this.store, wholeTryMs(this.store, budgetMs), async (c) => (await this.countInto(c, null, whole), true))) {
        Object.assign(this.counts, whole)
        return { complete: true, coveredFrom: null, fraction: 1 }
      }
      this.windows = new KeyWindows(this.store, (window) => this.countInto(this.store.pool, window, this.counts))
      return this.windows.run(0)
    }
    return this.windows.run(budgetMs)
  }

  result(): Facets {
    const facets: Facets = { status: {}, type: {} }
    if (this.part !== 'errors') {
      facets.status = sortedByName(this.counts.status!)
      facets.type = sortedByName(this.counts.type!)
      if (this.store.dialect.kind === 'backend') facets.client = top(this.counts.client!, CLIENT_GROUPS)
    }
    if (this.part !== 'counts') facets.error = top(this.counts.error!, ERROR_GROUPS)
    return facets
  }
}
