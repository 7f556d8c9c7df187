import type { Store } from './open'
import type { SqlFragment } from './where'

// A page by a time column that no index orders — the files the seed module and the backend write have only their
// keys. There, `ORDER BY created_at DESC LIMIT 101` is one full scan and sort holding the read lock: 0.5 s at 1 M rows,
// and a backend's commit waited 335 ms behind it. Instead the table is read in rowid windows, each its own statement
// of about 40 ms returning only its best (sort value, rowid) pairs, and the pairs are merged here; the page's rows are
// then read by rowid. Between two windows no lock is held, so a waiting writer commits (its PENDING lock holds back
// the next window's read until it has). The walk starts at the end of the table most likely to hold the answer (the
// newest rowids for a newest-first page), but reads every window: without an index nothing proves the rest cannot
// hold a better row, and files do hold rows out of time order.
//
// Later pages continue from a cache of the walk's best 2,000 pairs, kept while the file is unchanged (no commit by
// anyone: data_version and this connection's total_changes()), so scrolling 2,000 rows costs one walk, not one a page.

type SortValue = number | string | bigint | Buffer | null
interface Pair {
  v: SortValue
  r: number
}

const WINDOW_TARGET_MS = 40
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

interface Walked {
  key: string
  version: string
  /** The best pairs after the request's cursor, in page order; `complete` when fewer exist. */
  pairs: Pair[]
  complete: boolean
}
const walks = new WeakMap<Store, Walked>()

function fileVersion(store: Store): string {
  const v = store.db.pragma('data_version', { simple: true })
  const own = (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  return `${String(v)}:${own}`
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

/** Tests use tiny windows and a small cache to cross many windows and walks; benchmarks time each window. */
export interface WalkTuning {
  span?: number
  keep?: number
  onWindow?: (ms: number) => void
}

/**
 * The (sort value, rowid) pairs of the page's rows plus one (to know whether more follow), in page order, by windows.
 */
export function unindexedPairs(store: Store, req: UnindexedRequest, tuning: WalkTuning = {}): Pair[] {
  const want = req.limit + 1
  const key = JSON.stringify([req.where, req.column, req.dir])
  const version = fileVersion(store)
  const cached = walks.get(store)
  if (cached && cached.key === key && cached.version === version) {
    // Continue within the cached walk: the cursor is one of its pairs (the last row of the previous page).
    const at = req.cursor ? cached.pairs.findIndex((p) => p.r === req.cursor!.r && compareSortValues(p.v, req.cursor!.v) === 0) : -1
    if (req.cursor === null || at >= 0) {
      const rest = cached.pairs.slice(at + 1)
      if (rest.length >= want || cached.complete) return rest.slice(0, want)
    }
  }
  const keep = Math.max(want, tuning.keep ?? KEEP)
  const order = req.dir === 'asc' ? 'ASC' : 'DESC'
  const better = (a: Pair, b: Pair) => {
    const c = compareSortValues(a.v, b.v) || a.r - b.r
    return req.dir === 'asc' ? c : -c
  }
  const { db } = store
  const lo = (db.prepare('SELECT min(rowid) AS v FROM tasks').get() as { v: number | null }).v
  const hi = (db.prepare('SELECT max(rowid) AS v FROM tasks').get() as { v: number | null }).v
  let best: Pair[] = []
  if (lo !== null && hi !== null) {
    const conditions = [req.where.sql, ...(req.after ? [req.after.sql] : [])].join(' AND ')
    const params = [...req.where.params, ...(req.after?.params ?? [])]
    const window = db
      .prepare(`SELECT ${req.column} AS v, rowid AS r FROM tasks WHERE rowid >= ? AND rowid < ? AND ${conditions} ORDER BY ${req.column} ${order}, rowid ${order} LIMIT ?`)
      .raw()
    // Newest first reads from the end of the table; oldest first from its start.
    const fromEnd = req.dir === 'desc'
    let edge = fromEnd ? hi + 1 : lo
    let span = tuning.span ?? FIRST_SPAN
    const minSpan = Math.min(1000, span)
    while (fromEnd ? edge > lo : edge <= hi) {
      const from = fromEnd ? Math.max(lo, edge - span) : edge
      const to = fromEnd ? edge : Math.min(hi + 1, edge + span)
      const t = performance.now()
      const rows = window.all(from, to, ...params, keep) as [SortValue, number][]
      const ms = performance.now() - t
      tuning.onWindow?.(ms)
      if (rows.length) best = [...best, ...rows.map(([v, r]) => ({ v, r }))].sort(better).slice(0, keep)
      edge = fromEnd ? from : to
      span = Math.max(minSpan, Math.min(MAX_SPAN, Math.round(span * Math.min(2, Math.max(0.5, WINDOW_TARGET_MS / Math.max(ms, 0.5))))))
    }
  }
  // Cached as a walk that begins at the cursor, so the next page's cursor (this page's last row) is found in it.
  walks.set(store, { key, version, pairs: req.cursor ? [req.cursor, ...best] : best, complete: best.length < keep })
  return best.slice(0, want)
}
