import { AppError } from '../../../shared/errors'
import { pythonReformat } from '../../../shared/python-json'
import type { SeedTaskStatus, TaskDetail } from '../../../shared/task'
import { keepsStoredResult } from '../model/edit'
import type { EditOutcome } from '../../../shared/results'
import { nowSeconds } from '../model/time'
import { pgError, sqlState } from './errors'
import { frag, rows } from './sql'
import type { PgStore } from './store'
import { getTask } from './tasks'
import { requireFormat, requireWritable } from '../model/rules'

// The seed module's functions on a seed-shaped PostgreSQL table (SQLite's are in ../sqlite/seed.ts and ../sqlite/edit.ts), with the
// same semantics: create_task_record inserts a pending task (updated_at left empty), update_task_result sets the
// status and updated_at and the result only when it is truthy in Python's eyes, stored as the module would write it.

function requireSeedWrite(store: PgStore, action: string): void {
  requireWritable(store, action.toLowerCase())
  requireFormat(store.dialect.kind, 'edit', 'table', action)
}

export async function createTaskRecord(store: PgStore, id: string, type: string, now = nowSeconds()): Promise<void> {
  try {
    await rows(store.pool, [`INSERT INTO ${store.table} (id, type, status, created_at) VALUES `, frag("(?, ?, 'pending', ?)", id, type, now)])
  } catch (e) {
    if (sqlState(e) === '23505') throw new AppError('INVALID_INPUT', `Creating task record failed: a task with id "${id}" already exists.`)
    throw pgError(e, store.path, 'Create a task in')
  }
}

export async function createTask(store: PgStore, id: string, type: string): Promise<TaskDetail | null> {
  requireSeedWrite(store, 'Creating a task')
  await createTaskRecord(store, id, type)
  return getTask(store, id)
}

/** update_task_result(id, status, result) with the result as JSON text (kept as written: 1.0 stays 1.0). */
export async function updateTaskResult(store: PgStore, id: string, status: string, json?: string, now = nowSeconds()): Promise<number> {
  let stored: string | null = null
  if (json !== undefined) {
    let reformatted: { json: string; truthy: boolean }
    try {
      reformatted = pythonReformat(json)
    } catch (e) {
      throw new AppError('INVALID_INPUT', `Updating task result failed: the result is not valid JSON (${(e as Error).message}).`)
    }
    if (reformatted.truthy) stored = reformatted.json
  }
  const cast = store.dialect.resultKind === 'jsonb' ? '::jsonb' : ''
  try {
    const set = stored !== null ? frag(`status = ?, result = ?${cast}, updated_at = ?`, status, stored, now) : frag('status = ?, updated_at = ?', status, now)
    const q = await rows<{ id: string }>(store.pool, [`UPDATE ${store.table} SET `, set, ' WHERE ', frag('id = ?', id), ' RETURNING id'])
    return q.length
  } catch (e) {
    if (sqlState(e) === '22P02' || sqlState(e) === '22030')
      throw new AppError('INVALID_INPUT', `Updating task result failed: this table stores results as jsonb, which cannot hold this value (${(e as Error).message}).`)
    throw pgError(e, store.path, 'Update a task in')
  }
}

export async function editTask(store: PgStore, key: string, status: string, result?: string): Promise<EditOutcome> {
  requireSeedWrite(store, 'Editing a task')
  const resultKept = keepsStoredResult(result)
  const updated = await updateTaskResult(store, key, status, result)
  if (updated === 0) throw new AppError('NO_SUCH_TASK', `No task with id ${key}: it may have been deleted meanwhile.`)
  return { updated, resultKept }
}

export async function duplicateTask(store: PgStore, key: string, newId: string): Promise<TaskDetail | null> {
  requireSeedWrite(store, 'Duplicating a task')
  const [row] = await rows<{ type: string }>(store.pool, [`SELECT type FROM ${store.table} WHERE `, frag('id = ?', key)])
  if (!row) throw new AppError('NO_SUCH_TASK', `No task with id ${key}: it may have been deleted meanwhile.`)
  await createTaskRecord(store, newId, row.type)
  return getTask(store, newId)
}

function requireSeedTable(store: PgStore, action: string): void {
  if (store.dialect.kind !== 'seed') throw new AppError('INVALID_INPUT', `${action} is one of the seed module's functions; this table uses DocuSnap-Backend's format.`)
}

/** get_task_status: status and times, or null. */
export async function seedStatus(store: PgStore, id: string): Promise<SeedTaskStatus | null> {
  requireSeedTable(store, 'Reading a task status')
  const [r] = await rows<SeedTaskStatus>(store.pool, [`SELECT status, created_at, updated_at FROM ${store.table} WHERE `, frag('id = ?', id)])
  return r ?? null
}

/** get_task_result's row: the stored result as text (a jsonb result as PostgreSQL writes it), or null. */
export async function seedResult(store: PgStore, id: string): Promise<(SeedTaskStatus & { resultText: string | null }) | null> {
  requireSeedTable(store, 'Reading a task result')
  const [r] = await rows<SeedTaskStatus & { result: string | null }>(store.pool, [`SELECT status, ${store.dialect.resultText} AS result, created_at, updated_at FROM ${store.table} WHERE `, frag('id = ?', id)])
  if (!r) return null
  return { status: r.status, created_at: r.created_at, updated_at: r.updated_at, resultText: r.result ? String(r.result) : null }
}
