import { statSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { runChunked, type ChunkOptions, type Target } from './chunked'
import { storeError } from './errors'
import type { Store } from './open'
import { presentIndexes } from './stats'
import { nowSeconds } from './time'

function requireWritable(store: Store, action: string): void {
  if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; ${action} is not possible.`)
}

export interface RequeueResult {
  requeued: number
  total: number
  cancelled: boolean
}

/**
 * Puts tasks back to their first state. Seed: `pending` with updated_at = now (update_task_result without a result).
 * Backend: `processing` as a new request is, with error_detail cleared and both times set to now (UTC text, as the
 * backend writes them), so its timeout rule does not fail the task again at once.
 */
export async function requeueTasks(store: Store, target: Target, options: ChunkOptions = {}, now = nowSeconds()): Promise<RequeueResult> {
  requireWritable(store, 'requeue')
  const d = store.dialect
  const set =
    d.kind === 'seed'
      ? { sql: `status = 'pending', updated_at = ?`, params: [now] }
      : { sql: `status = 'processing', error_detail = NULL, created_at = ?, last_accessed = ?`, params: [d.encodeTime(now), d.encodeTime(now)] }
  const outcome = await runChunked(
    store,
    target,
    'Requeue tasks in',
    (where) => store.db.prepare(`UPDATE tasks SET ${set.sql} WHERE ${where.sql}`).run(...set.params, ...where.params).changes,
    options
  )
  return { requeued: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

export interface TimeoutResult {
  timed_out: number
  total: number
  cancelled: boolean
}

/** The backend's stuck-work rule for a cutoff: processing tasks created before it. */
export function stuckTarget(store: Store, minutes: number, now = nowSeconds()): Target {
  if (store.dialect.kind !== 'backend') throw new AppError('INVALID_INPUT', 'Marking stuck work is DocuSnap-Backend maintenance; this file uses the seed format.')
  return { filter: { statuses: ['processing'], createdTo: now - Math.round(minutes * 60) } }
}

/**
 * DocuSnap-Backend's own rule, by hand: processing tasks of the target become `error` with error_detail
 * PROCESSING_TIMEOUT (the backend changes nothing else). Only tasks still processing are touched.
 */
export async function markTimedOut(store: Store, target: Target, options: ChunkOptions = {}): Promise<TimeoutResult> {
  requireWritable(store, 'marking stuck tasks')
  if (store.dialect.kind !== 'backend') throw new AppError('INVALID_INPUT', 'Marking stuck work is DocuSnap-Backend maintenance; this file uses the seed format.')
  const outcome = await runChunked(
    store,
    target,
    'Mark stuck tasks in',
    (where) =>
      store.db.prepare(`UPDATE tasks SET status = 'error', error_detail = 'PROCESSING_TIMEOUT' WHERE status = 'processing' AND ${where.sql}`).run(...where.params).changes,
    options
  )
  return { timed_out: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** The backend's expiry rule for a cutoff: tasks last accessed before now - minutes (NULL never expires, as in SQL). */
export function expiryTarget(store: Store, minutes: number, now = nowSeconds()): Target {
  if (store.dialect.kind !== 'backend') throw new AppError('INVALID_INPUT', 'Expiry by last access is DocuSnap-Backend maintenance; this file uses the seed format.')
  return { filter: { updatedTo: now - Math.round(minutes * 60) } }
}

function sizeOnDisk(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** VACUUM: rewrites the file without free pages. Needs free disk space about the size of the file. */
export function vacuumStore(store: Store): { bytes_before: number; bytes_after: number } {
  requireWritable(store, 'compacting')
  const before = sizeOnDisk(store.path)
  try {
    store.db.exec('VACUUM')
  } catch (e) {
    throw storeError(e, store.path, 'Compact')
  }
  return { bytes_before: before, bytes_after: sizeOnDisk(store.path) }
}

/** Adds the suggested indexes that are missing (only when the user asks: the file may be someone else's). */
export function addIndexes(store: Store): { added: string[] } {
  requireWritable(store, 'adding indexes')
  const missing = new Set(presentIndexes(store).filter((i) => !i.present).map((i) => i.name))
  const toAdd = store.dialect.suggestedIndexes.filter((i) => missing.has(i.name))
  try {
    store.db.transaction(() => {
      for (const index of toAdd) store.db.exec(index.sql)
    }).immediate()
  } catch (e) {
    throw storeError(e, store.path, 'Add indexes to')
  }
  return { added: toAdd.map((i) => i.name) }
}
