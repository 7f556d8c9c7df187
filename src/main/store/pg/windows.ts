import type { WindowProgress } from '../../../shared/results'
import type { SqlFragment } from '../model/sql-fragment'
import { frag, rows, keyBound } from './sql'
import type { PgStore } from './store'
import { shardFigures } from './citus-catalog'

// Long reads on PostgreSQL in bounded pieces, as windows.ts does on SQLite: windows over the primary key (the one
// order every engine of this family keeps: Citus and CockroachDB have no ctid), each one a short statement of its
// own, so a caller with a time budget gets an honest partial answer and goes on later where it stopped.

const TARGET_MS = 40

export class KeyWindows {
  private after: unknown[] | null = null
  private size = 20_000
  private read = 0
  private estimate: number | null = null
  complete = false

  constructor(
    private readonly store: PgStore,
    /** Counts one window: the rows whose key satisfies `window`. */
    private readonly count: (window: SqlFragment) => Promise<void>
  ) {}

  /** Runs windows until the budget is spent (at least one), or to the end without a budget. */
  async run(budgetMs = Infinity): Promise<WindowProgress> {
    const store = this.store
    const started = performance.now()
    const keys = store.dialect.keyColumns.join(', ')
    if (this.estimate === null) {
      this.estimate = (await rowEstimate(store)) ?? 0
      // On Citus a window's far end (ORDER BY key OFFSET size - 1) makes every shard send its first `size` keys to the
      // coordinator: the first window is a shard's share of the usual one (20 k keys over 32 shards cost a second at
      // 1 M rows, so a budgeted first answer came after 1.3 s), and grows from there as its time allows.
      if (store.citus) this.size = Math.max(1000, Math.round(this.size / store.citus.shards))
    }
    while (!this.complete) {
      const t = performance.now()
      const lower = this.after ? keyBound(store.dialect, '>', this.after) : frag('1 = 1')
      const [edge] = await rows<Record<string, unknown>>(store.pool, [`SELECT ${keys} FROM ${store.table} WHERE `, lower, ` ORDER BY ${keys} OFFSET `, frag('?', this.size - 1), ' LIMIT 1'])
      const upper = edge ? store.dialect.keyColumns.map((c) => edge[c]) : null
      const window = upper ? { sql: `${lower.sql} AND ${keyBound(store.dialect, '<=', upper).sql}`, params: [...lower.params, ...upper] } : lower
      await this.count(window)
      this.read += this.size
      if (upper) this.after = upper
      else this.complete = true
      const ms = performance.now() - t
      // Keep each window near the target whatever the disk does: grow while quick, shrink when slow.
      this.size = Math.max(1000, Math.min(500_000, Math.round(this.size * Math.min(2, Math.max(0.25, TARGET_MS / Math.max(ms, 1))))))
      if (performance.now() - started >= budgetMs) break
    }
    const fraction = this.complete ? 1 : Math.min(0.99, this.read / Math.max(this.estimate || 1, this.read + 1))
    return { complete: this.complete, coveredFrom: null, fraction }
  }
}

/**
 * How long a budgeted read tries its whole statement before it answers window by window: the whole budget on one
 * server; half on Citus, where the first window after a failed try costs more (a statement over every shard, and its
 * far end read from each), so that the first answer still comes within the budget.
 */
export const wholeTryMs = (store: PgStore, budgetMs: number) => (store.citus ? budgetMs / 2 : budgetMs)

/** The planner's row count (pg_class.reltuples; on Citus the shards' sum), or null before the table was first analyzed. */
export async function rowEstimate(store: PgStore): Promise<number | null> {
  if (store.citus) return (await shardFigures(store.pool, store.table)).reltuples
  const [r] = await rows<{ n: number }>(store.pool, ['SELECT reltuples::bigint AS n FROM pg_class WHERE oid = to_regclass(', frag('?', store.table), ')'])
  return r && r.n >= 0 ? r.n : null
}
