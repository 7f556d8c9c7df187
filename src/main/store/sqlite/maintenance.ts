import { statSync } from 'node:fs'
import { runChunked, deleteChunk } from './chunked'
import type { ChunkOptions } from '../model/chunking'
import type { Target, RequeueResult, RetryResult, TimeoutResult } from '../../../shared/results'
import { storeError } from '../model/errors'
import type { Store } from './store'
import { presentIndexes } from './catalog'
import { requireFormat, requireWritable } from '../model/rules'
import { nowSeconds } from '../model/time'

/**
 * The seed's retry: tasks back to `pending` with updated_at = now (update_task_result without a result), for the
 * module's worker to pick up again. Not for DocuSnap-Backend files: see forgetAnswers.
 */
export async function requeueTasks(store: Store, target: Target, options: ChunkOptions = {}, now = nowSeconds()): Promise<RequeueResult> {
  requireWritable(store, 'requeue')
  requireFormat(store.dialect.kind, 'requeue')
  const outcome = await runChunked(
    store,
    target,
    'Requeue tasks in',
    (where, table) => store.db.prepare(`UPDATE ${table} SET status = 'pending', updated_at = ? WHERE ${where.sql}`).run(store.dialect.encodeTime(now), ...where.params).changes,
    options
  )
  return { requeued: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/**
 * DocuSnap-Backend's retry: forget the stored answers of exactly the target's rows (deleted by their full key, as its
 * /clear does), so each client's next submission of that document is queued and processed again.
 */
export async function forgetAnswers(store: Store, target: Target, options: ChunkOptions = {}): Promise<RetryResult> {
  requireWritable(store, 'retry')
  requireFormat(store.dialect.kind, 'retry')
  const outcome = await runChunked(store, target, 'Retry tasks in', deleteChunk(store), options)
  return { forgotten: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/**
 * DocuSnap-Backend's own rule, by hand: processing tasks of the target become `error` with error_detail
 * PROCESSING_TIMEOUT (the backend changes nothing else). Only tasks still processing are touched.
 */
export async function markTimedOut(store: Store, target: Target, options: ChunkOptions = {}): Promise<TimeoutResult> {
  requireWritable(store, 'marking stuck tasks')
  requireFormat(store.dialect.kind, 'markStuck')
  const outcome = await runChunked(
    store,
    target,
    'Mark stuck tasks in',
    (where, table) =>
      store.db.prepare(`UPDATE ${table} SET status = 'error', error_detail = 'PROCESSING_TIMEOUT' WHERE status = 'processing' AND ${where.sql}`).run(...where.params).changes,
    options
  )
  return { timed_out: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
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
