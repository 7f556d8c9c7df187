import { partialFailure } from '../../../shared/errors'
import type { TaskFilter } from '../../../shared/filter'
import { storeError } from '../model/errors'
import { immediateTransaction } from './lock-wait'
import { type Store, rowidRange } from './store'
import { nowSeconds } from '../model/time'
import { gapAfter, Pacer } from '../model/pacing'
import { chooseWalk, keyWalk, rowidWalk, taskIndexes, type Walk } from './walk'
import { ChunkOptions, ChunkOutcome, CHUNK_BOUND_MS, MAINTENANCE_BOUND_MS } from '../model/chunking'
import { compileFilter } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import type { Target, Snapshot } from '../../../shared/results'
import { requireWritable } from '../model/rules'
import { keysIn } from './keyset'
import { makeSnapshot, rowidBound } from '../model/snapshot'

export function takeSnapshot(store: Store, now = nowSeconds()): Snapshot {
  const row = store.db.prepare('SELECT max(rowid) AS m FROM tasks').get() as { m: number | null }
  return makeSnapshot(now, row.m ?? 0)
}

/** WHERE clause for a filter target, limited to the snapshot's rows. */
function filterWhere(store: Store, filter: TaskFilter, snapshot: Snapshot): SqlFragment {
  const f = compileFilter(store.dialect, filter, snapshot.at)
  return { sql: `rowid <= ? AND (${f.sql})`, params: [rowidBound(snapshot), ...f.params] }
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

function keysWhere(store: Store, keys: readonly string[], snapshot: Snapshot): SqlFragment {
  const inKeys = keysIn(store, keys)
  return { sql: `rowid <= ? AND ${inKeys.sql}`, params: [rowidBound(snapshot), ...inKeys.params] }
}

export function countTarget(store: Store, target: Target, snapshot: Snapshot): number {
  let n = 0
  for (const where of targetParts(store, target, snapshot))
    n += (store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }).n
  return n
}

const KEYS_PER_CHUNK = 500
/** Page cache while a job writes: a window's dirty pages fit, so SQLite does not spill them (an extra fsync) mid-way. */
const WRITE_CACHE_KIB = 128 * 1024
const MAINTENANCE_CACHE_KIB = 512 * 1024

const yieldToEventLoop = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)))

/**
 * Applies `mutate` (a DELETE or UPDATE over a WHERE clause) to the target in short transactions. Each chunk is its
 * own BEGIN IMMEDIATE transaction, so a kill or a cancel leaves only whole chunks done; the signal is checked between
 * chunks. A filter target is walked in windows of matching rows (walk.ts picks the order that dirties the fewest
 * pages), each window's size set by the pacer from what the transactions before it cost (model/pacing.ts); key targets go
 * 500 keys at a time. In a maintenance window the bound is 2 s and there is no gap, until another process commits.
 */
export async function runChunked(
  store: Store,
  target: Target,
  action: string,
  mutate: (where: SqlFragment, table: string) => number,
  options: ChunkOptions = {}
): Promise<ChunkOutcome> {
  requireWritable(store, action)
  const { signal, onProgress } = options
  const snapshot = options.snapshot ?? takeSnapshot(store)
  let total: number
  try {
    total = countTarget(store, target, snapshot)
  } catch (e) {
    throw storeError(e, store.path, action)
  }
  let done = 0
  let maintenance = options.maintenance === true
  let waiting = false
  const report = () => onProgress?.({ done, total, ...(options.maintenance ? { maintenance } : {}), ...(waiting ? { waiting: 'lock' as const } : {}) })
  /** Told by the lock's wait (lock-wait.ts): the progress says so until the next chunk is written. */
  const waitingForLock = () => {
    waiting = true
    report()
  }
  report()
  const { db } = store
  const boundMs = () => (maintenance ? MAINTENANCE_BOUND_MS : (options.targetMs ?? CHUNK_BOUND_MS))
  // Fairness to a backend waiting for the lock: after each transaction, a pause its busy handler is sure to look in
  // (gapAfter; measured: without the gap, a writer starved past its 5 s timeout during a 1 M-row purge). A
  // maintenance window has nobody to make room for. Tests and the stress run may set the pause.
  const gapMs = (ms: number) => options.gapMs ?? (maintenance ? 0 : gapAfter(ms))
  const pacer = new Pacer({ boundMs: boundMs(), maxRows: options.maxRows })
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number
  const fail = (e: unknown) => partialFailure(storeError(e, store.path, action), done, total)
  let walk: Walk | null = null
  let chunks: SqlFragment[] | null = null
  try {
    db.pragma(`cache_size = -${maintenance ? MAINTENANCE_CACHE_KIB : WRITE_CACHE_KIB}`)
    if ('keys' in target) chunks = targetParts(store, target, snapshot)
    else {
      const base = filterWhere(store, target.filter, snapshot)
      const range = rowidRange(store)
      const rows = range ? range.hi - range.lo + 1 : 0
      const kind = chooseWalk(taskIndexes(store), store.dialect.keyColumns, rows > 0 ? total / rows : 0)
      walk = kind === 'key' ? keyWalk(store, base, store.dialect.keyColumns) : rowidWalk(store, base, rowidBound(snapshot))
    }
    options.onWalk?.(walk?.kind ?? 'keys')
    let version = Number(db.pragma('data_version', { simple: true }))
    for (let i = 0; ; i++) {
      if (signal?.aborted) return { done, total, cancelled: true }
      // Everything counted at the start is done: nothing more to do.
      if (walk && done >= total) return { done, total, cancelled: false }
      let window: SqlFragment
      let table = 'tasks'
      let last: boolean
      if (walk) {
        const reading = performance.now()
        const next = walk.next(pacer.next())
        if (!next) return { done, total, cancelled: false }
        ;({ where: window, table, last } = next)
        // Before taking the write lock, read the window's rows (results too, overflow pages and all) and their key
        // index entries, so the transaction finds its pages in memory instead of waiting for the disk with the lock.
        const warm = db.prepare(`SELECT count(*) AS c, sum(length(result)) AS b FROM ${table} WHERE ${window.sql}`).get(...window.params) as { c: number }
        options.onReadAhead?.(performance.now() - reading)
        if (warm.c === 0) {
          walk.advance()
          if (last) return { done, total, cancelled: false }
          continue
        }
      } else {
        const chunk = chunks![i]
        if (!chunk) return { done, total, cancelled: false }
        window = chunk
        last = i === chunks!.length - 1
      }
      // Another process committed since the last look: the backend is running after all.
      const seen = Number(db.pragma('data_version', { simple: true }))
      if (seen !== version) {
        version = seen
        if (maintenance) {
          maintenance = false
          pacer.setBound(boundMs())
          db.pragma(`cache_size = -${WRITE_CACHE_KIB}`)
          report()
        }
      }
      // The clock starts once the write lock is ours: waiting for a backend's commit is not holding the lock, and
      // counted in it misled the pacer (a first transaction of 200 rows "took" 260 ms).
      let changed = 0
      let started = 0
      await immediateTransaction(
        db,
        () => {
          started = performance.now()
          changed = mutate(window, table)
        },
        waitingForLock
      )
      const ms = performance.now() - started
      waiting = false
      done += changed
      walk?.advance()
      pacer.observe(changed, ms)
      options.onChunk?.(ms, changed)
      report()
      if (last) return { done, total, cancelled: false }
      await yieldToEventLoop(gapMs(ms))
      // A backend that got in during the pause may still be between its write and its commit; the next window's
      // read-ahead would hold a read lock its commit must wait for (its wait was measured at 430 ms that way). An empty
      // BEGIN IMMEDIATE waits for it to commit first; it writes nothing itself.
      if (!maintenance) await immediateTransaction(db, () => undefined, waitingForLock)
    }
  } catch (e) {
    throw fail(e)
  } finally {
    if (db.open) db.pragma(`cache_size = ${cacheBefore}`)
  }
}

/** One chunk of a delete: the rows of one window of the target. */
export const deleteChunk = (store: Store) => (where: SqlFragment, table: string) => store.db.prepare(`DELETE FROM ${table} WHERE ${where.sql}`).run(...where.params).changes
