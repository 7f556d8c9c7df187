import { AppError } from '../../shared/errors'
import type { TaskFilter } from '../../shared/filter'
import { storeError } from './errors'
import type { Store } from './open'
import { nowSeconds } from './time'
import { compileFilter, type SqlFragment } from './where'

/**
 * What a bulk action applies to: every task matching a filter, or an explicit list of task keys — optionally only
 * those of them that also match `only` ("the errored tasks of the selection").
 */
export type Target = { filter: TaskFilter } | { keys: string[]; only?: TaskFilter }

/** Fixed when the user confirms: only rows that existed then (rowid at most maxRowid) are ever touched. */
export interface Snapshot {
  maxRowid: number
  /** Unix seconds used for relative filters ("older than N days"), so every chunk applies the same cutoff. */
  at: number
}

export interface Progress {
  done: number
  total: number
}

export interface ChunkOptions {
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
  snapshot?: Snapshot
  /** Target time one write transaction may hold the lock (ms). */
  targetMs?: number
  /** Pause between transactions so a waiting writer (the backend) gets the lock (ms). */
  gapMs?: number
  /** Told how long each write transaction held the lock (ms), for benchmarks and logs. */
  onChunk?: (ms: number) => void
}

export interface ChunkOutcome {
  done: number
  total: number
  cancelled: boolean
}

export function takeSnapshot(store: Store, now = nowSeconds()): Snapshot {
  const row = store.db.prepare('SELECT max(rowid) AS m FROM tasks').get() as { m: number | null }
  return { maxRowid: row.m ?? 0, at: now }
}

/** WHERE clause for a filter target, limited to the snapshot's rows. */
function filterWhere(store: Store, filter: TaskFilter, snapshot: Snapshot): SqlFragment {
  const f = compileFilter(store.dialect, filter, snapshot.at)
  return { sql: `rowid <= ? AND (${f.sql})`, params: [snapshot.maxRowid, ...f.params] }
}

/**
 * The target as WHERE clauses that together select it: one for a filter; for keys, one per 500 keys, because SQLite
 * takes at most 32,766 parameters in a statement and a selection may hold 100,000 tasks.
 */
export function targetParts(store: Store, target: Target, snapshot: Snapshot): SqlFragment[] {
  if ('filter' in target) return [filterWhere(store, target.filter, snapshot)]
  const only = target.only ? compileFilter(store.dialect, target.only, snapshot.at) : null
  return Array.from({ length: Math.ceil(target.keys.length / KEYS_PER_CHUNK) }, (_, i) => {
    const keys = keysWhere(store, target.keys.slice(i * KEYS_PER_CHUNK, (i + 1) * KEYS_PER_CHUNK), snapshot)
    return only ? { sql: `${keys.sql} AND (${only.sql})`, params: [...keys.params, ...only.params] } : keys
  })
}

/** The rows with these task keys (at most a few hundred: one parameter per key column). */
export function keysIn(store: Store, keys: readonly string[]): SqlFragment {
  const d = store.dialect
  if (keys.length === 0) return { sql: '0', params: [] }
  const tuples = keys.map((k) => d.parseKey(k))
  const cols = d.keyColumns.length === 1 ? d.keyColumns[0]! : `(${d.keyColumns.join(', ')})`
  const placeholder = d.keyColumns.length === 1 ? '?' : `(${d.keyColumns.map(() => '?').join(', ')})`
  const list = d.keyColumns.length === 1 ? tuples.map(() => placeholder).join(', ') : `VALUES ${tuples.map(() => placeholder).join(', ')}`
  return { sql: `${cols} IN (${list})`, params: tuples.flat() }
}

function keysWhere(store: Store, keys: readonly string[], snapshot: Snapshot): SqlFragment {
  const inKeys = keysIn(store, keys)
  return { sql: `rowid <= ? AND ${inKeys.sql}`, params: [snapshot.maxRowid, ...inKeys.params] }
}

export function countTarget(store: Store, target: Target, snapshot: Snapshot): number {
  let n = 0
  for (const where of targetParts(store, target, snapshot))
    n += (store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }).n
  return n
}

const KEYS_PER_CHUNK = 500
/** The widest rowid window one statement reads (a sparse stretch of the table is crossed in a few of them). */
const MAX_SPAN = 200_000

const yieldToEventLoop = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)))

/**
 * Applies `mutate` (a DELETE or UPDATE over a WHERE clause) to the target in short transactions, in rowid order.
 * Each chunk is its own BEGIN IMMEDIATE transaction, so a kill or a cancel leaves only whole chunks done; the
 * signal is checked between chunks; chunk size adapts so one transaction holds the lock about `targetMs`.
 */
export async function runChunked(
  store: Store,
  target: Target,
  action: string,
  mutate: (where: SqlFragment) => number,
  options: ChunkOptions = {}
): Promise<ChunkOutcome> {
  if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; ${action} is not possible.`)
  const { signal, onProgress } = options
  // Fairness to a backend waiting for the lock: its busy handler retries every 25 ms between 53 and 128 ms of waiting,
  // so with transactions of at most ~75 ms and 25 ms free after each, one of those retries always finds the lock free
  // (measured: without the gap, a writer starved past its 5 s timeout during a 1 M-row purge).
  const targetMs = options.targetMs ?? 50
  const gapMs = options.gapMs ?? 25
  const snapshot = options.snapshot ?? takeSnapshot(store)
  let total: number
  try {
    total = countTarget(store, target, snapshot)
  } catch (e) {
    throw storeError(e, store.path, action)
  }
  let done = 0
  onProgress?.({ done, total })
  const { db } = store

  const chunks: SqlFragment[] | null = 'keys' in target ? targetParts(store, target, snapshot) : null
  const base = 'filter' in target ? filterWhere(store, target.filter, snapshot) : null

  // Filter targets go through the table in rowid windows (cursor, cursor + span]: a window is a range read however
  // few rows match in it, so no statement scans far ahead looking for matches (at 10 M rows, a last chunk looking
  // for a few stray matches at the end of the table held the lock for a second). Key targets go 500 keys at a time.
  let cursor = base ? ((db.prepare('SELECT min(rowid) AS m FROM tasks').get() as { m: number | null }).m ?? 1) - 1 : 0
  let span = 500
  for (let i = 0; ; i++) {
    if (signal?.aborted) return { done, total, cancelled: true }
    // Everything counted at the start is done, or the windows passed the snapshot's last row: nothing more to do.
    if (base && (done >= total || cursor >= snapshot.maxRowid)) return { done, total, cancelled: false }
    let finished = false
    const upper = cursor + span
    if (base) {
      // Before taking the write lock, read the window's rows (results too, overflow pages and all), so the
      // transaction finds its pages in memory instead of waiting for the disk with the lock held.
      try {
        const warm = db
          .prepare(`SELECT count(*) AS c, sum(length(result)) AS b FROM tasks WHERE rowid > ? AND rowid <= ? AND ${base.sql}`)
          .get(cursor, upper, ...base.params) as { c: number }
        if (warm.c === 0) {
          // Nothing to change here: move on without writing, with a wider window (sparse stretches tend to go on).
          cursor = upper
          span = Math.min(span * 2, MAX_SPAN)
          continue
        }
      } catch {
        // Only a warm-up: the write below reports the file's problem, if there is one.
      }
    }
    const started = performance.now()
    try {
      db.transaction(() => {
        if (chunks) {
          const chunk = chunks[i]
          if (!chunk) {
            finished = true
            return
          }
          done += mutate(chunk)
          return
        }
        done += mutate({ sql: `rowid > ? AND rowid <= ? AND ${base!.sql}`, params: [cursor, upper, ...base!.params] })
      }).immediate()
    } catch (e) {
      const err = storeError(e, store.path, action)
      const note = done > 0 ? ` ${done} of ${total} were already done; running it again finishes the job.` : ''
      throw new AppError(err.code, `${err.message}${note}`)
    }
    if (base) cursor = upper
    const ms = Math.max(0.01, performance.now() - started)
    options.onChunk?.(ms)
    onProgress?.({ done, total })
    if (finished) return { done, total, cancelled: false }
    // Aim each transaction at targetMs: grow or shrink the next window by the ratio, at most 2× a step, so one
    // cold-cache window cannot run away.
    span = Math.max(50, Math.min(MAX_SPAN, Math.round(span * Math.min(2, Math.max(0.25, targetMs / ms)))))
    await yieldToEventLoop(gapMs)
  }
}
