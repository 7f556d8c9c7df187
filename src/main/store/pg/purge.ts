import type { ChunkOptions } from '../model/chunking'
import type { Target, Counts, RequeueResult, RetryResult, TimeoutResult, PurgePreview, PurgeResult } from '../../../shared/results'
import { requireFormat } from '../model/rules'
import { nowSeconds } from '../model/time'
import type { SqlFragment } from '../model/sql-fragment'
import { pgError } from './errors'
import { runChunked, takeSnapshot, targetParts } from './chunked'
import { rows } from './sql'
import type { PgStore } from './store'

// Preview, purge, requeue, retry and mark stuck on PostgreSQL (SQLite's are in ../sqlite/purge.ts and ../sqlite/maintenance.ts),
// with the same rules: what may be done to which shape, what the preview promises, what each changes.

/** What a purge would delete: how many, the oldest and newest, per status. Read-only. */
export async function previewTarget(store: PgStore, target: Target, now = nowSeconds()): Promise<PurgePreview> {
  try {
    const snapshot = takeSnapshot(now)
    const by_status: Counts = {}
    let count = 0
    let lo: number | null = null
    let hi: number | null = null
    const d = store.dialect
    for (const where of targetParts(store, target, snapshot)) {
      for (const r of await rows<{ k: string; n: number }>(store.pool, [`SELECT status AS k, count(*) AS n FROM ${store.table} WHERE `, where, ' GROUP BY status'])) {
        by_status[r.k] = (by_status[r.k] ?? 0) + r.n
        count += r.n
      }
      const [range] = await rows<{ lo: unknown; hi: unknown }>(store.pool, [`SELECT ${d.timeSelect('min(created_at)')} AS lo, ${d.timeSelect('max(created_at)')} AS hi FROM ${store.table} WHERE `, where])
      const a = d.decodeTime(range!.lo)
      const b = d.decodeTime(range!.hi)
      if (a !== null && (lo === null || a < lo)) lo = a
      if (b !== null && (hi === null || b > hi)) hi = b
    }
    return { count, oldest: lo, newest: hi, by_status, snapshot }
  } catch (e) {
    throw pgError(e, store.path, 'Preview')
  }
}

const deleting = (store: PgStore) => (where: SqlFragment): SqlFragment => ({ sql: `DELETE FROM ${store.table} WHERE ${where.sql}`, params: where.params })

export async function purgeTasks(store: PgStore, target: Target, options: ChunkOptions = {}): Promise<PurgeResult> {
  const outcome = await runChunked(store, target, 'Delete tasks in', deleting(store), options)
  return { deleted: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** The seed's retry: back to pending with updated_at = now. */
export async function requeueTasks(store: PgStore, target: Target, options: ChunkOptions = {}, now = nowSeconds()): Promise<RequeueResult> {
  requireFormat(store.dialect.kind, 'requeue', 'table')
  const outcome = await runChunked(
    store,
    target,
    'Requeue tasks in',
    (where) => ({ sql: `UPDATE ${store.table} SET status = 'pending', updated_at = ? WHERE ${where.sql}`, params: [store.dialect.encodeTime(now), ...where.params] }),
    options
  )
  return { requeued: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** DocuSnap-Backend's retry: forget the stored answers (delete exactly those rows by key). */
export async function forgetAnswers(store: PgStore, target: Target, options: ChunkOptions = {}): Promise<RetryResult> {
  requireFormat(store.dialect.kind, 'retry', 'table')
  const outcome = await runChunked(store, target, 'Retry tasks in', deleting(store), options)
  return { forgotten: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** DocuSnap-Backend's stuck-work rule: processing tasks of the target → error PROCESSING_TIMEOUT. */
export async function markTimedOut(store: PgStore, target: Target, options: ChunkOptions = {}): Promise<TimeoutResult> {
  requireFormat(store.dialect.kind, 'markStuck', 'table')
  const outcome = await runChunked(
    store,
    target,
    'Mark stuck tasks in',
    (where) => ({ sql: `UPDATE ${store.table} SET status = 'error', error_detail = 'PROCESSING_TIMEOUT' WHERE status = 'processing' AND ${where.sql}`, params: where.params }),
    options
  )
  return { timed_out: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}
