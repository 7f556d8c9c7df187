import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import type { SeedTaskResult, SeedTaskStatus } from '../../../shared/task'
import { pythonDumps, pythonLoads, pythonReformat, pythonTruthy } from '../../../shared/python-json'
import { nowSeconds } from '../model/time'

// A port of the seed's cache module (../shared/seed): init_db, create_task_record, update_task_result,
// get_task_status, get_task_result and cleanup_expired_tasks, with the same SQL and the same semantics, so a database
// written here and one written by the Python module are the same database. Each write is its own transaction.

/** The seed's DDL, with its whitespace: SQLite stores this text in sqlite_schema, so it must match byte for byte. */
export const SEED_TABLE_SQL = `CREATE TABLE IF NOT EXISTS tasks (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            result TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER
        )`

function fail(what: string, error: unknown): never {
  if (error instanceof AppError) throw error
  const detail = error instanceof Error ? error.message : String(error)
  throw new AppError('INTERNAL', `${what}: ${detail}`)
}

export function initDb(db: Database.Database): void {
  try {
    db.exec(SEED_TABLE_SQL)
  } catch (e) {
    fail('Database initialisation failed', e)
  }
}

export function createTaskRecord(db: Database.Database, taskId: string, taskType: string, now = nowSeconds()): void {
  try {
    db.prepare('INSERT INTO tasks (id, type, status, created_at) VALUES (?, ?, ?, ?)').run(taskId, taskType, 'pending', now)
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
      throw new AppError('INVALID_INPUT', `Creating task record failed: a task with id "${taskId}" already exists.`)
    fail('Creating task record failed', e)
  }
}

/**
 * Result given as a JS value, or as JSON text (`{ json }`) to keep Python's number identity (1.0 stays a float).
 * As in the seed, a falsy result (None, {}, [], "", 0, False) leaves the stored result as it was.
 */
export type SeedResultInput = { json: string } | unknown

export function updateTaskResult(
  db: Database.Database,
  taskId: string,
  status: string,
  result?: SeedResultInput,
  now = nowSeconds()
): number {
  let stored: string | null = null
  try {
    if (result !== null && typeof result === 'object' && 'json' in result && typeof (result as { json: unknown }).json === 'string') {
      const { json, truthy } = pythonReformat((result as { json: string }).json)
      if (truthy) stored = json
    } else if (pythonTruthy(result)) {
      stored = pythonDumps(result)
    }
  } catch (e) {
    throw new AppError('INVALID_INPUT', `Updating task result failed: the result is not valid JSON (${(e as Error).message}).`)
  }
  try {
    const info =
      stored !== null
        ? db.prepare('UPDATE tasks SET status = ?, result = ?, updated_at = ? WHERE id = ?').run(status, stored, now, taskId)
        : db.prepare('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?').run(status, now, taskId)
    return info.changes
  } catch (e) {
    fail('Updating task result failed', e)
  }
}

interface SeedRow {
  status: string
  result?: string | null
  created_at: number
  updated_at: number | null
}

export function getTaskStatus(db: Database.Database, taskId: string): SeedTaskStatus | null {
  try {
    const row = db.prepare('SELECT status, created_at, updated_at FROM tasks WHERE id = ?').get(taskId) as SeedRow | undefined
    return row ? { status: row.status, created_at: row.created_at, updated_at: row.updated_at } : null
  } catch (e) {
    fail('Getting task status failed', e)
  }
}

/** As get_task_result: `result` parsed (as json.loads: NaN and Infinity too) when the stored text is non-empty, else null; malformed JSON is an error. */
export function getTaskResult(db: Database.Database, taskId: string): (SeedTaskResult & { resultText: string | null }) | null {
  try {
    const row = db.prepare('SELECT status, result, created_at, updated_at FROM tasks WHERE id = ?').get(taskId) as
      | SeedRow
      | undefined
    if (!row) return null
    const text = row.result ? String(row.result) : null
    return {
      status: row.status,
      result: text === null ? null : pythonLoads(text),
      resultText: text,
      created_at: row.created_at,
      updated_at: row.updated_at
    }
  } catch (e) {
    fail('Getting task result failed', e)
  }
}

/** The seed's rule in one statement: DELETE FROM tasks WHERE created_at < now - days*86400. Returns the count. */
export function cleanupExpiredTasks(db: Database.Database, maxAgeDays = 7, now = nowSeconds()): number {
  try {
    const expiration = now - maxAgeDays * 24 * 60 * 60
    return db.prepare('DELETE FROM tasks WHERE created_at < ?').run(expiration).changes
  } catch (e) {
    fail('Cleaning up expired tasks failed', e)
  }
}
