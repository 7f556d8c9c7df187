import { type Store, rowidRange } from './store'
import type { WindowProgress } from '../../../shared/results'
import type { SqlFragment } from '../model/sql-fragment'

// Pages by a time column that no index orders — the files the seed module and the backend write have only their
// keys. There, `ORDER BY created_at DESC LIMIT 101` is one full scan and sort holding the read lock: 0.5 s at 1 M rows,
// and a backend's commit waited 335 ms behind it. Instead the table is read in rowid windows, each its own statement
// of about 25 ms returning only its best (sort value, rowid) pairs, and the pairs are merged here; the page's rows are
// then read by rowid. Between two windows no lock is held, so a waiting writer commits (its PENDING lock holds back
// the next window's read until it has). The walk starts at the end of the table most likely to hold the answer (the
// newest rowids for a newest-first page) so that, within a budget, its best-so-far is usually the answer already —
// but it is marked partial until every window is read: without an index nothing proves the rest holds no better row,
// and files do hold rows out of time order.
//
// Later pages continue from a cache of the walk's best 2,000 pairs, kept while the file is unchanged (no commit by
// anyone: data_version and this connection's total_changes()), so scrolling 2,000 rows costs one walk, not one a page.
// A jump (skip) is found in two walks: counts per hour of the sort value, then the pairs of the hour it lands in.

type SortValue = number | string | bigint | Buffer | null
export interface Pair {
  v: SortValue
  r: number
}

/**
 * A window's statement time. A backend that starts waiting during one waits for the rest of it, its busy handler's
 * next look (≤ 25 ms early on) and its own commit: 25 ms windows keep that under 100 ms.
 */
const WINDOW_TARGET_MS = 25
const FIRST_SPAN = 20_000
const MAX_SPAN = 2_000_000
/** Pairs kept per walk, for the pages after the first. */
const KEEP = 2000

/** SQLite's order of values: NULL, then numbers, then text (binary; ASCII times compare alike in UTF-16), then blobs. */
function rank(v: SortValue): number {
  if (v === null) return 0
  if (typeof v === 'number' || typeof v === 'bigint') return 1
  if (typeof v === 'string') return 2
  return 3
}
export function compareSortValues(a: SortValue, b: SortValue): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  if (ra === 0) return 0
  if (ra === 3) return Buffer.compare(a as Buffer, b as Buffer)
  return a! < b! ? -1 : a! > b! ? 1 : 0
}

/** Tests use tiny windows and a small cache to cross many windows and walks; benchmarks time each window. */
export interface WalkTuning {
  span?: number
  keep?: number
  onWindow?: (ms: number) => void
}

export interface UnindexedRequest {
  where: SqlFragment
  /** The keyset condition for rows after the page cursor, if any (the same fragment the indexed path uses). */
  after: SqlFragment | null
  cursor: Pair | null
  column: string
  dir: 'asc' | 'desc'
  limit: number
}

/**
 * Rowid windows over the table, from the end a sort in `dir` most likely finds its first rows at, each sized to about
 * 25 ms. (windows.ts's WindowWalk does the same for counts, newest first only and running past its budget by up to a
 * window; a first page needs both ends and a 50 ms first answer.) `each` reads one window [from, to) and is timed.
 */
class RowidWindows {
  private readonly lo: number
  private readonly hi: number
  private edge: number
  private span: number
  private readonly minSpan: number
  private msPerRow = 0

  constructor(
    store: Store,
    private readonly fromEnd: boolean,
    private readonly tuning: WalkTuning
  ) {
    const range = rowidRange(store)
    this.lo = range?.lo ?? 1
    this.hi = range?.hi ?? 0
    this.edge = fromEnd ? this.hi + 1 : this.lo
    this.span = tuning.span ?? FIRST_SPAN
    this.minSpan = Math.min(1000, this.span)
  }

  get done(): boolean {
    return this.fromEnd ? this.edge <= this.lo : this.edge > this.hi
  }

  /** The share of the table read, 0…1. */
  get fraction(): number {
    const all = this.hi - this.lo + 1
    if (all <= 0) return 1
    return Math.min(1, (this.fromEnd ? this.hi + 1 - this.edge : this.edge - this.lo) / all)
  }

  /**
   * Reads windows until all are read or `budgetMs` is spent: at least one window, and no window that the last one's
   * pace says would end after the deadline.
   */
  run(budgetMs: number, each: (from: number, to: number) => void): void {
    const deadline = performance.now() + budgetMs
    let first = true
    while (!this.done) {
      if (!first && performance.now() + this.span * this.msPerRow > deadline) break
      first = false
      const from = this.fromEnd ? Math.max(this.lo, this.edge - this.span) : this.edge
      const to = this.fromEnd ? this.edge : Math.min(this.hi + 1, this.edge + this.span)
      const t = performance.now()
      each(from, to)
      const ms = performance.now() - t
      this.tuning.onWindow?.(ms)
      this.msPerRow = ms / Math.max(1, to - from)
      this.edge = this.fromEnd ? from : to
      this.span = Math.max(this.minSpan, Math.min(MAX_SPAN, Math.round(this.span * Math.min(2, Math.max(0.5, WINDOW_TARGET_MS / Math.max(ms, 0.5))))))
    }
  }
}

/** The page order of (value, rowid) pairs. */
function pageOrder(dir: 'asc' | 'desc') {
  return (a: Pair, b: Pair) => {
    const c = compareSortValues(a.v, b.v) || a.r - b.r
    return dir === 'asc' ? c : -c
  }
}

function conditions(req: Pick<UnindexedRequest, 'where' | 'after'>): SqlFragment {
  return { sql: [req.where.sql, ...(req.after ? [req.after.sql] : [])].join(' AND '), params: [...req.where.params, ...(req.after?.params ?? [])] }
}

/**
 * The walk for one page request: resumable, so a caller with a budget gets the best pairs found so far (partial) and
 * asks again until it is complete.
 */
export class SortWalk {
  private best: Pair[] = []
  private readonly windows: RowidWindows
  private readonly keep: number
  private readonly read: (from: number, to: number) => void
  /** The file as the walk began: the walk is kept under this version, so one that saw a commit half-way is never reused. */
  private readonly version: string

  constructor(
    private readonly store: Store,
    private readonly req: UnindexedRequest,
    private readonly tuning: WalkTuning = {}
  ) {
    this.keep = Math.max(req.limit + 1, tuning.keep ?? KEEP)
    this.version = fileVersion(store)
    this.windows = new RowidWindows(store, req.dir === 'desc', tuning)
    const order = req.dir === 'asc' ? 'ASC' : 'DESC'
    const where = conditions(req)
    const window = store.db
      .prepare(`SELECT ${req.column} AS v, rowid AS r FROM tasks WHERE rowid >= ? AND rowid < ? AND ${where.sql} ORDER BY ${req.column} ${order}, rowid ${order} LIMIT ?`)
      .raw()
    const better = pageOrder(req.dir)
    this.read = (from, to) => {
      const rows = window.all(from, to, ...where.params, this.keep) as [SortValue, number][]
      if (rows.length) this.best = [...this.best, ...rows.map(([v, r]) => ({ v, r }))].sort(better).slice(0, this.keep)
    }
  }

  run(budgetMs = Number.POSITIVE_INFINITY): WindowProgress {
    if (!this.windows.done) this.windows.run(budgetMs, this.read)
    if (this.windows.done) remember(this.store, this.req, this.best, this.keep, this.version)
    return { complete: this.windows.done, coveredFrom: null, fraction: this.windows.fraction }
  }

  /** The page's pairs (plus one, to know whether more follow), best first. */
  pairs(): Pair[] {
    return this.best.slice(0, this.req.limit + 1)
  }
}

interface Walked {
  key: string
  version: string
  /** The best pairs after the walk's cursor (itself first, when it had one), in page order. */
  pairs: Pair[]
  /** The walk began at the top (no cursor): only such a walk answers a request without a cursor. */
  fromTop: boolean
  complete: boolean
}
const walks = new WeakMap<Store, Walked>()

function fileVersion(store: Store): string {
  const v = store.db.pragma('data_version', { simple: true })
  const own = (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  return `${String(v)}:${own}`
}
const walkKey = (req: UnindexedRequest) => JSON.stringify([req.where, req.column, req.dir])

function remember(store: Store, req: UnindexedRequest, best: Pair[], keep: number, version: string): void {
  // Cached as a walk that begins at the cursor, so the next page's cursor (this page's last row) is found in it.
  walks.set(store, { key: walkKey(req), version, pairs: req.cursor ? [req.cursor, ...best] : best, fromTop: req.cursor === null, complete: best.length < keep })
}

/** The `count` pairs after the request's cursor from the cached walk, when it holds them and the file is unchanged. */
function fromCache(store: Store, req: UnindexedRequest, skip: number, count: number): Pair[] | null {
  const cached = walks.get(store)
  if (!cached || cached.key !== walkKey(req) || cached.version !== fileVersion(store)) return null
  const at = req.cursor ? cached.pairs.findIndex((p) => p.r === req.cursor!.r && compareSortValues(p.v, req.cursor!.v) === 0) : -1
  if (req.cursor ? at < 0 : !cached.fromTop) return null
  const rest = cached.pairs.slice(at + 1)
  return rest.length >= skip + count || cached.complete ? rest.slice(skip, skip + count) : null
}

/** The page's pairs (plus one), from the cached walk or a whole new one. */
export function unindexedPairs(store: Store, req: UnindexedRequest, tuning: WalkTuning = {}): Pair[] {
  const cached = fromCache(store, req, 0, req.limit + 1)
  if (cached) return cached
  const walk = new SortWalk(store, req, tuning)
  walk.run()
  return walk.pairs()
}

/**
 * The position `skip` rows after the request's cursor, for a jump: from the cached walk when it reaches that far;
 * else in two walks, each window a short statement — counts per hour of the sort value (text times by their first 13
 * characters, 'YYYY-MM-DD HH'), then the pairs of the hour the position falls in, sorted here. Null: the position is
 * the start (skip 0 with no cursor); undefined: fewer rows remain.
 */
export function unindexedSkip(store: Store, req: UnindexedRequest, skip: number, tuning: WalkTuning = {}): Pair | null | undefined {
  if (skip <= 0) return req.cursor
  const cached = fromCache(store, req, skip - 1, 1)
  if (cached) return cached[0]
  const where = conditions(req)
  const c = req.column
  // A bucket: (type rank, hour). NULLs, numbers, text and blobs in SQLite's order; within numbers and text, by hour.
  const bucket = `CASE typeof(${c}) WHEN 'null' THEN 0 WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 ELSE 3 END AS t,
    CASE typeof(${c}) WHEN 'integer' THEN CAST(floor(${c} / 3600.0) AS INTEGER) WHEN 'real' THEN CAST(floor(${c} / 3600.0) AS INTEGER) WHEN 'text' THEN substr(${c}, 1, 13) END AS h`
  const histogram = store.db.prepare(`SELECT ${bucket}, count(*) AS n FROM tasks WHERE rowid >= ? AND rowid < ? AND ${where.sql} GROUP BY t, h`).raw()
  const counts = new Map<string, { t: number; h: SortValue; n: number }>()
  new RowidWindows(store, true, tuning).run(Number.POSITIVE_INFINITY, (from, to) => {
    for (const [t, h, n] of histogram.all(from, to, ...where.params) as [number, SortValue, number][]) {
      const k = JSON.stringify([t, h])
      const old = counts.get(k)
      if (old) old.n += n
      else counts.set(k, { t, h, n })
    }
  })
  const sign = req.dir === 'asc' ? 1 : -1
  const ordered = [...counts.values()].sort((a, b) => sign * (a.t - b.t || compareSortValues(a.h, b.h)))
  // The position is the row at index skip - 1 after the cursor (the page starts right after it): find its hour.
  let before = 0
  const hit = ordered.find((b) => (before + b.n > skip - 1 ? true : ((before += b.n), false)))
  if (!hit) return undefined
  const inBucket = store.db.prepare(`SELECT ${c} AS v, rowid AS r FROM (SELECT ${c}, rowid, ${bucket} FROM tasks WHERE rowid >= ? AND rowid < ? AND ${where.sql}) WHERE t = ? AND h IS ?`).raw()
  const pairs: Pair[] = []
  new RowidWindows(store, true, tuning).run(Number.POSITIVE_INFINITY, (from, to) => {
    for (const [v, r] of inBucket.all(from, to, ...where.params, hit.t, hit.h) as [SortValue, number][]) pairs.push({ v, r })
  })
  pairs.sort(pageOrder(req.dir))
  return pairs[skip - 1 - before]
}
