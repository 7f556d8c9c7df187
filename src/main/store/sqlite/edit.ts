import { AppError } from '../../../shared/errors'
import type { TaskDetail } from '../../../shared/task'
import type { Store } from './store'
import { createTaskRecord, updateTaskResult } from './seed'
import { getTask } from './task-detail'
import { nowSeconds } from '../model/time'
import type { EditOutcome } from '../../../shared/results'
import { keepsStoredResult } from '../model/edit'
import { requireFormat, requireWritable } from '../model/rules'

// Local debugging on seed-format files, through the seed module's own functions (create_task_record,
// update_task_result), so what the app writes is what the module would have written. DocuSnap-Backend's results are
// ciphertext and its rows are answers to clients: not edited here.

/** Now in the file's unit (the seed's seconds, or milliseconds where the user reads the file so: time-unit.ts). */
const nowIn = (store: Store) => store.dialect.encodeTime(nowSeconds()) as number

function requireSeedWrite(store: Store, action: string): void {
  requireWritable(store, action.toLowerCase())
  requireFormat(store.dialect.kind, 'edit', 'file', action)
}

/** create_task_record: a new pending task. Returns it as the detail panel shows it. */
export function createTask(store: Store, id: string, type: string): TaskDetail | null {
  requireSeedWrite(store, 'Creating a task')
  createTaskRecord(store.db, id, type, nowIn(store))
  return getTask(store, id)
}

/** update_task_result(id, status, result): the status always; the result only when it is truthy, as the seed does. */
export function editTask(store: Store, key: string, status: string, result?: string): EditOutcome {
  requireSeedWrite(store, 'Editing a task')
  const resultKept = keepsStoredResult(result)
  const updated = updateTaskResult(store.db, key, status, result === undefined ? undefined : { json: result }, nowIn(store))
  if (updated === 0) throw new AppError('NO_SUCH_TASK', `No task with id ${key}: it may have been deleted meanwhile.`)
  return { updated, resultKept }
}

/** A new pending task of the same type under a new id (create_task_record), to run the same kind of work again. */
export function duplicateTask(store: Store, key: string, newId: string): TaskDetail | null {
  requireSeedWrite(store, 'Duplicating a task')
  const row = store.db.prepare('SELECT type FROM tasks WHERE id = ?').get(key) as { type: string } | undefined
  if (!row) throw new AppError('NO_SUCH_TASK', `No task with id ${key}: it may have been deleted meanwhile.`)
  createTaskRecord(store.db, newId, row.type, nowIn(store))
  return getTask(store, newId)
}
