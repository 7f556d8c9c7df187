import { AppError } from '../../shared/errors'
import type { TaskFilter } from '../../shared/filter'
import { storeError } from './errors'
import type { Store } from './open'
import { nowSeconds } from './time'
import { compileFilter, type SqlFragment } from './where'

/** What a bulk action applies to: every task matching a filter, or an explicit list of task keys. */
export type Target = { filter: TaskFilter } | { keys: string[] }

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
  return Array.from({ length: Math.ceil(target.keys.length / KEYS_PER_CHUNK) }, (_, i) =>
    keysWhere(store, target.keys.slice(i * KEYS_PER_CHUNK, (i + 1) * KEYS_PER_CHUNK), snapshot)
  )
}

function keysWhere(store: Store, keys: readonly string[], snapshot: Snapshot): SqlFragment {
  const d = store.dialect
  if (keys.length === 0) return { sql: '0', params: [] }
  const tuples = keys.map((k) => d.parseKey(k))
  const cols = d.keyColumns.length === 1 ? d.keyColumns[0]! : `(${d.keyColumns.join(', ')})`
  const placeholder = d.keyColumns.length === 1 ? '?' : `(${d.keyColumns.map(() => '?').join(', ')})`
  const list = d.keyColumns.length === 1 ? tuples.map(() => placeholder).join(', ') : `VALUES ${tuples.map(() => placeholder).join(', ')}`
  return { sql: `rowid <= ? AND ${cols} IN (${list})`, params: [snapshot.maxRowid, ...tuples.flat()] }
}

export function countTarget(store: Store, target: Target, snapshot: Snapshot): number {
  let n = 0
  for (const where of targetParts(store, target, snapshot))
    n += (store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }).n
  return n
}

const KEYS_PER_CHUNK = 500

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

  let cursor: number | null = null
  let size = 500
  for (let i = 0; ; i++) {
    if (signal?.aborted) return { done, total, cancelled: true }
    let finished = false
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
        const lower = cursor === null ? '' : 'rowid > ? AND '
        const lowerParams = cursor === null ? [] : [cursor]
        const ids = db
          .prepare(`SELECT rowid AS r FROM tasks WHERE ${lower}${base!.sql} ORDER BY rowid LIMIT ?`)
          .pluck()
          .all(...lowerParams, ...base!.params, size) as number[]
        if (ids.length === 0) {
          finished = true
          return
        }
        const last = ids[ids.length - 1]!
        done += mutate({ sql: `${lower}rowid <= ? AND ${base!.sql}`, params: [...lowerParams, last, ...base!.params] })
        cursor = last
        if (ids.length < size) finished = true
      }).immediate()
    } catch (e) {
      const err = storeError(e, store.path, action)
      const note = done > 0 ? ` ${done} of ${total} were already done; running it again finishes the job.` : ''
      throw new AppError(err.code, `${err.message}${note}`)
    }
    const ms = Math.max(0.01, performance.now() - started)
    options.onChunk?.(ms)
    onProgress?.({ done, total })
    if (finished) return { done, total, cancelled: false }
    // Aim each transaction at targetMs: grow or shrink the next chunk by the ratio, within sane bounds.
    // Growth is at most 2× a step, and a chunk at most 25,000 rows: one cold-cache chunk cannot run away.
    size = Math.max(50, Math.min(25_000, Math.round(size * Math.min(2, Math.max(0.25, targetMs / ms)))))
    await yieldToEventLoop(gapMs)
  }
}
