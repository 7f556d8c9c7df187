import type { Counts } from './facets'
import type { Store } from './open'
import { runChunked, takeSnapshot, targetWhere, type ChunkOptions, type Snapshot, type Target } from './chunked'
import { nowSeconds } from './time'
import { storeError } from './errors'

export interface PurgePreview {
  count: number
  oldest: number | null
  newest: number | null
  by_status: Counts
  /** Pass back to purgeTasks so that only what the user saw can be deleted. */
  snapshot: Snapshot
}

/** What a purge would delete: how many, the oldest and newest, per status. Read-only. */
export function previewTarget(store: Store, target: Target, now = nowSeconds()): PurgePreview {
  try {
    const snapshot = takeSnapshot(store, now)
    const where = targetWhere(store, target, snapshot)
    const by_status: Counts = {}
    let count = 0
    for (const r of store.db.prepare(`SELECT status AS k, count(*) AS n FROM tasks WHERE ${where.sql} GROUP BY status`).all(
      ...where.params
    ) as { k: string; n: number }[]) {
      by_status[r.k] = r.n
      count += r.n
    }
    const range = store.db
      .prepare(`SELECT min(created_at) AS lo, max(created_at) AS hi FROM tasks WHERE ${where.sql}`)
      .get(...where.params) as { lo: unknown; hi: unknown }
    return {
      count,
      oldest: store.dialect.decodeTime(range.lo),
      newest: store.dialect.decodeTime(range.hi),
      by_status,
      snapshot
    }
  } catch (e) {
    throw storeError(e, store.path, 'Preview')
  }
}

export interface PurgeResult {
  deleted: number
  total: number
  cancelled: boolean
}

/** Deletes the target in short chunks; returns exactly how many rows were deleted. */
export async function purgeTasks(store: Store, target: Target, options: ChunkOptions = {}): Promise<PurgeResult> {
  const outcome = await runChunked(
    store,
    target,
    'Delete tasks in',
    (where) => store.db.prepare(`DELETE FROM tasks WHERE ${where.sql}`).run(...where.params).changes,
    options
  )
  return { deleted: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** The seed's cleanup rule (created more than `days` ago) through the chunked purge. */
export function cleanupTarget(days: number): Target {
  return { filter: { olderThanDays: days } }
}
