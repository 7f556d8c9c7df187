import { statSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import { runChunked, type ChunkOptions, type Target } from './chunked'
import { storeError } from '../model/errors'
import { deleteChunk } from './purge'
import type { Store } from './open'
import { presentIndexes } from './stats'
import { nowSeconds } from '../model/time'
import type { SchemaKind } from '../../../shared/task'

function requireWritable(store: Store, action: string): void {
  if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; ${action} is not possible.`)
}

export interface RequeueResult {
  requeued: number
  total: number
  cancelled: boolean
}

/**
 * The seed's retry: tasks back to `pending` with updated_at = now (update_task_result without a result), for the
 * module's worker to pick up again. Not for DocuSnap-Backend files: see forgetAnswers.
 */
export async function requeueTasks(store: Store, target: Target, options: ChunkOptions = {}, now = nowSeconds()): Promise<RequeueResult> {
  requireWritable(store, 'requeue')
  if (store.dialect.kind !== 'seed') throw new AppError('INVALID_INPUT', NOT_REQUEUE_ON_BACKEND)
  const outcome = await runChunked(
    store,
    target,
    'Requeue tasks in',
    (where, table) => store.db.prepare(`UPDATE ${table} SET status = 'pending', updated_at = ? WHERE ${where.sql}`).run(store.dialect.encodeTime(now), ...where.params).changes,
    options
  )
  return { requeued: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

// DocuSnap-Backend answers a submission from its row whenever one exists and keeps the submitted content only in an
// in-memory queue, so a row set back to `processing` is never worked on again (its cleanup later marks it
// PROCESSING_TIMEOUT). Its own way to retry is to forget the row (/clear with client, sha256 and type).
const NOT_REQUEUE_ON_BACKEND =
  'On DocuSnap-Backend files a task set back to processing is never worked on again (the backend keeps its input only in memory). ' +
  'Retry instead: it forgets the stored answer, so the client’s next submission is processed afresh.'

export interface RetryResult {
  forgotten: number
  total: number
  cancelled: boolean
}

/**
 * DocuSnap-Backend's retry: forget the stored answers of exactly the target's rows (deleted by their full key, as its
 * /clear does), so each client's next submission of that document is queued and processed again.
 */
export async function forgetAnswers(store: Store, target: Target, options: ChunkOptions = {}): Promise<RetryResult> {
  requireWritable(store, 'retry')
  if (store.dialect.kind !== 'backend')
    throw new AppError('INVALID_INPUT', 'Retry by forgetting the stored answer is for DocuSnap-Backend files; this file uses the seed format, where requeue sets tasks back to pending.')
  const outcome = await runChunked(store, target, 'Retry tasks in', deleteChunk(store), options)
  return { forgotten: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

export interface TimeoutResult {
  timed_out: number
  total: number
  cancelled: boolean
}

/** The backend's stuck-work rule for a cutoff: processing tasks created before it. */
export function stuckTarget(store: { dialect: { kind: SchemaKind } }, minutes: number, now = nowSeconds()): Target {
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
    (where, table) =>
      store.db.prepare(`UPDATE ${table} SET status = 'error', error_detail = 'PROCESSING_TIMEOUT' WHERE status = 'processing' AND ${where.sql}`).run(...where.params).changes,
    options
  )
  return { timed_out: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
}

/** The backend's expiry rule for a cutoff: tasks last accessed before now - minutes (NULL never expires, as in SQL). */
export function expiryTarget(store: { dialect: { kind: SchemaKind } }, minutes: number, now = nowSeconds()): Target {
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
