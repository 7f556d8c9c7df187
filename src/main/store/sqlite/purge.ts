import type { Counts, Target, PurgePreview, PurgeResult } from '../../../shared/results'
import type { Store } from './store'
import { runChunked, takeSnapshot, targetParts, deleteChunk } from './chunked'
import type { ChunkOptions } from '../model/chunking'
import { nowSeconds } from '../model/time'
import { storeError } from '../model/errors'

/** What a purge would delete: how many, the oldest and newest, per status. Read-only. */
export function previewTarget(store: Store, target: Target, now = nowSeconds()): PurgePreview {
  try {
    const snapshot = takeSnapshot(store, now)
    const by_status: Counts = {}
    let count = 0
    let lo: unknown = null
    let hi: unknown = null
    // Stored times compare as stored (numbers, or fixed-width UTC text); NULLs take no part, as in min() and max().
    const less = (a: unknown, b: unknown) => (a as number | string) < (b as number | string)
    for (const where of targetParts(store, target, snapshot)) {
      for (const r of store.db.prepare(`SELECT status AS k, count(*) AS n FROM tasks WHERE ${where.sql} GROUP BY status`).all(...where.params) as {
        k: string
        n: number
      }[]) {
        by_status[r.k] = (by_status[r.k] ?? 0) + r.n
        count += r.n
      }
      const range = store.db.prepare(`SELECT min(created_at) AS lo, max(created_at) AS hi FROM tasks WHERE ${where.sql}`).get(...where.params) as {
        lo: unknown
        hi: unknown
      }
      if (range.lo !== null && (lo === null || less(range.lo, lo))) lo = range.lo
      if (range.hi !== null && (hi === null || less(hi, range.hi))) hi = range.hi
    }
    return { count, oldest: store.dialect.decodeTime(lo), newest: store.dialect.decodeTime(hi), by_status, snapshot }
  } catch (e) {
    throw storeError(e, store.path, 'Preview')
  }
}

/** Deletes the target in short chunks; returns exactly how many rows were deleted. */
export async function purgeTasks(store: Store, target: Target, options: ChunkOptions = {}): Promise<PurgeResult> {
  const outcome = await runChunked(
    store,
    target,
    'Delete tasks in',
    deleteChunk(store),
    options
  )
  return { deleted: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}
