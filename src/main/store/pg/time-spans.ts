import type { SqlFragment } from '../model/sql-fragment'
import { frag, rows } from './sql'
import type { PgStore } from './store'

// The far ends of a dense walk by creation time on Citus. On one server a window's far end is read from the time
// index (ORDER BY created_at OFFSET n - 1 LIMIT 1); across shards that statement makes every shard send its first n
// times to the coordinator, which sorts them (at 100 k rows over 32 shards: 180 ms for a window of 33 k rows, measured),
// while a count of a range of times is answered by every shard at once from its index (10 ms). So on Citus a window is
// a span of time sized from the rows the last one held, checked by a count before it is changed: about n rows, never
// more than twice that. Epoch times only (the seed's); text and timestamptz times keep the OFFSET read.

const MAX_GROWTH = 4
const MAX_TRIES = 6

export class TimeSpans {
  /** Rows per second of creation time, as the last window found them. */
  private density: number | null = null
  private hi: number | null = null
  private lo: number | null = null

  constructor(private readonly store: PgStore) {}

  /**
   * The window after `from` (its far end, or null for the rest of the table) holding about `n` rows, and how many it
   * holds; null once nothing is left. `lower` is the walk's lower bound (the rows after `from`).
   */
  async next(lower: SqlFragment, from: number | null, n: number): Promise<{ upper: number | null; rows: number } | null> {
    const t = this.store.table
    if (this.hi === null) {
      const [r] = await rows<{ lo: number | null; hi: number | null; n: number }>(this.store.pool, [`SELECT min(created_at) AS lo, max(created_at) AS hi, count(*) AS n FROM ${t} WHERE `, lower])
      if (r?.hi === null || r?.hi === undefined) return null
      this.lo = Number(r.lo)
      this.hi = Number(r.hi)
      this.density = Math.max(1, r.n) / Math.max(1e-6, this.hi - this.lo)
    }
    let span = n / this.density!
    // Whole seconds: a bigint column takes no fraction, and a double one is cut at seconds as well as anywhere.
    const start = from ?? Math.floor(this.lo!) - 1
    if (start >= this.hi) return { upper: null, rows: await this.count(lower, null) }
    for (let tries = 0; ; tries++) {
      // The rest of the table when the span reaches past the newest time at the start (counted all the same).
      const upper = start + span >= this.hi ? null : Math.max(Math.floor(start) + 1, Math.floor(start + span))
      const held = await this.count(lower, upper)
      const width = (upper ?? this.hi) - start
      // Too many rows in the span (a burst of tasks created together): narrower, counted again — down to one second.
      if (held > 2 * n && tries < MAX_TRIES && width > 1) {
        span = width * Math.max(0.1, n / held)
        continue
      }
      // The next span from this one's density; an empty one (a gap in time) lets the next grow 4×.
      this.density = held > 0 ? held / width : this.density! / MAX_GROWTH
      return { upper, rows: held }
    }
  }

  private async count(lower: SqlFragment, upper: number | null): Promise<number> {
    const bound = upper === null ? frag('1 = 1') : frag('created_at <= ?', upper)
    return (await rows<{ n: number }>(this.store.pool, [`SELECT count(*) AS n FROM ${this.store.table} WHERE `, lower, ' AND ', bound]))[0]!.n
  }
}
