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

/** Puts tasks back to `pending` with updated_at = now (the seed's update_task_result without a result). */
export async function requeueTasks(store: Store, target: Target, options: ChunkOptions = {}, now = nowSeconds()): Promise<RequeueResult> {
  requireWritable(store, 'requeue')
  if (store.dialect.kind === 'backend')
    throw new AppError(
      'INVALID_INPUT',
      'DocuSnap-Backend re-runs a task when its client submits it again; requeueing in the file would not reach its workers. ' +
        'Delete the failed tasks instead, so the next submission is processed afresh.'
    )
  const outcome = await runChunked(
    store,
    target,
    'Requeue tasks in',
    (where) =>
      store.db
        .prepare(`UPDATE tasks SET status = 'pending', updated_at = ? WHERE ${where.sql}`)
        .run(now, ...where.params).changes,
    options
  )
  return { requeued: outcome.done, total: outcome.total, cancelled: outcome.cancelled }
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
