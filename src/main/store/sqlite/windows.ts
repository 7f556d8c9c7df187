import type { Statement } from 'better-sqlite3'
import { type Store, rowidRange } from './store'
import type { SqlFragment } from '../model/sql-fragment'
import type { WindowProgress } from '../../../shared/results'

/**
 * Which column the windows follow: creation time where an index makes each window a range seek (counts per status
 * and type, error groups), or the rowid where every row must be read anyway (text and id searches): rowid windows
 * read the table in storage order.
 */
export type WindowKey = 'created_at' | 'rowid'

interface Bounds {
  /** Encoded creation times (or rowids): windows cover [low, high). The "seconds" are rowids for rowid windows. */
  low: number | string
  high: number | string
  lowSeconds: number
  highSeconds: number
}

export const WINDOW_TARGET_MS = 40

export interface WindowOptions {
  key?: WindowKey
  targetMs?: number
  /** The first window's span (seconds, or rows for rowid windows); tests use tiny ones to get many windows. */
  firstStep?: number
}
const REST = ['created_at IS NULL', 'created_at < ?', 'created_at >= ?'] as const

/** The stored creation time at one end of the table: an index seek (min and max in one statement scan everything). */
export function createdEdge(store: Store, dir: 'ASC' | 'DESC'): unknown {
  return (store.db.prepare(`SELECT created_at AS v FROM tasks WHERE created_at IS NOT NULL ORDER BY created_at ${dir} LIMIT 1`).get() as { v: unknown } | undefined)?.v ?? null
}

/**
 * One prepared statement per window shape (a range, or one of the rest), built from the window's SQL: a walk runs
 * hundreds of windows with a handful of distinct statements.
 */
export function perWindow(store: Store, sql: (window: SqlFragment) => string): (window: SqlFragment) => Statement {
  const cache = new Map<string, Statement>()
  return (window) => {
    let stmt = cache.get(window.sql)
    if (!stmt) cache.set(window.sql, (stmt = store.db.prepare(sql(window))))
    return stmt
  }
}

/** The range present at the start (creation times from the index on created_at when there is one). */
function bounds(store: Store, key: WindowKey): Bounds | null {
  if (key === 'rowid') {
    const r = rowidRange(store)
    return r && { low: r.lo, high: r.hi + 1, lowSeconds: r.lo, highSeconds: r.hi + 1 }
  }
  const d = store.dialect
  const lo = d.decodeTime(createdEdge(store, 'ASC'))
  const hi = d.decodeTime(createdEdge(store, 'DESC'))
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return null
  const lowSeconds = Math.floor(lo)
  const highSeconds = Math.floor(hi) + 1
  return { low: d.encodeTime(lowSeconds), high: d.encodeTime(highSeconds), lowSeconds, highSeconds }
}

/**
 * A resumable walk over creation-time windows. `visit` runs the window's statements and merges what they return;
 * the walk adapts each window's span so a window takes about WINDOW_TARGET_MS.
 */
export class WindowWalk {
  private readonly range: Bounds | null
  /** Upper edge (encoded) of the next window; windows move down towards range.low. */
  private edge: number | string | null
  private edgeSeconds: number
  private stepSeconds: number
  private restDone = false
  private started = false

  private readonly key: WindowKey
  private readonly targetMs: number

  constructor(
    private readonly store: Store,
    private readonly visit: (window: SqlFragment) => void,
    options: WindowOptions = {}
  ) {
    this.key = options.key ?? 'created_at'
    this.targetMs = options.targetMs ?? WINDOW_TARGET_MS
    this.range = bounds(store, this.key)
    this.edge = this.range?.high ?? null
    this.edgeSeconds = this.range?.highSeconds ?? 0
    // Start small (the newest minute, or 1,000 rows) and let the measured cost set the pace, at most doubling per
    // window: the time range says nothing about where the rows are (one stray 1970 timestamp stretches it over decades).
    this.stepSeconds = options.firstStep ?? (this.key === 'rowid' ? 1000 : 60)
  }

  get complete(): boolean {
    return this.restDone
  }

  progress(): WindowProgress {
    const r = this.range
    const byTime = this.key === 'created_at'
    if (this.restDone) return { complete: true, coveredFrom: byTime && r ? r.lowSeconds : null, fraction: byTime ? null : 1 }
    if (!r || !this.started) return { complete: false, coveredFrom: null, fraction: byTime ? null : 0 }
    if (byTime) return { complete: false, coveredFrom: this.edgeSeconds, fraction: null }
    return { complete: false, coveredFrom: null, fraction: Math.min(0.99, (r.highSeconds - this.edgeSeconds) / Math.max(1, r.highSeconds - r.lowSeconds)) }
  }

  /** Walks windows until done or until `budgetMs` has passed (at least one window runs per call). */
  run(budgetMs = Infinity): WindowProgress {
    const deadline = performance.now() + budgetMs
    do {
      this.step()
    } while (!this.restDone && performance.now() < deadline)
    return this.progress()
  }

  private step(): void {
    const r = this.range
    this.started = true
    if (!r || this.edge === null || this.edgeSeconds <= r.lowSeconds) {
      // Everything outside [low, high): NULL, values out of range or of another type; three windows, each one an
      // index seek (one OR of the three would scan the table). Rowids are never NULL and all fall in the range.
      if (!r) this.visit({ sql: '1', params: [] })
      else if (this.key === 'created_at') for (const rest of REST) this.visit({ sql: rest, params: rest === REST[0] ? [] : [rest === REST[1] ? r.low : r.high] })
      this.restDone = true
      return
    }
    const fromSeconds = Math.max(r.lowSeconds, this.edgeSeconds - this.stepSeconds)
    const from = fromSeconds === r.lowSeconds ? r.low : this.key === 'rowid' ? fromSeconds : this.store.dialect.encodeTime(fromSeconds)
    const t = performance.now()
    this.visit({ sql: `(${this.key} >= ? AND ${this.key} < ?)`, params: [from, this.edge] })
    const ms = performance.now() - t
    this.edge = from
    this.edgeSeconds = fromSeconds
    // Grow or shrink the next window towards the target, at most 2× either way per step.
    const factor = ms <= 0.5 ? 2 : Math.min(2, Math.max(0.5, this.targetMs / ms))
    this.stepSeconds = Math.max(1, Math.round(this.stepSeconds * factor))
  }
}

/**
 * The windows a read should follow: creation time only where an index starts with created_at (else every window
 * would read the whole table); rowid otherwise.
 */
export function windowKey(store: Store, wanted: WindowKey): WindowKey {
  return wanted === 'created_at' && hasLeadingIndex(store, 'created_at') ? 'created_at' : 'rowid'
}

/** True when an index on tasks starts with this column (so per-value counts are index range counts). */
export function hasLeadingIndex(store: Store, column: string): boolean {
  return indexHas(store, column, true)
}

/** True when some index on tasks holds this column anywhere (a page sorted by it can seek, or at least narrow). */
export function hasAnyIndexOn(store: Store, column: string): boolean {
  return indexHas(store, column, false)
}

function indexHas(store: Store, column: string, leading: boolean): boolean {
  const row = store.db
    .prepare(`SELECT 1 AS ok FROM pragma_index_list('tasks') AS il, pragma_index_info(il.name) AS ii WHERE ${leading ? 'ii.seqno = 0 AND ' : ''}ii.name = ? LIMIT 1`)
    .get(column) as { ok: number } | undefined
  return row !== undefined
}

/** The distinct values of an indexed column, by skipping through the index (a few lookups per value, not a scan). */
export function distinctValues(store: Store, column: string): unknown[] {
  const rows = store.db
    .prepare(
      `WITH RECURSIVE v(x) AS (SELECT min(${column}) FROM tasks UNION ALL SELECT (SELECT min(${column}) FROM tasks WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
       SELECT x FROM v WHERE x IS NOT NULL`
    )
    .all() as { x: unknown }[]
  return rows.map((r) => r.x)
}
