import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import { DIALECTS, formatOfColumns, type Dialect } from '../model/dialect'

/**
 * Decides which format a file's `tasks` table has. Returns null when there is no such table; throws
 * INCOMPATIBLE_SCHEMA (naming what is missing) when there is one of neither shape.
 */
export function detectSchema(db: Database.Database, file: string): Dialect | null {
  const entry = db.prepare(`SELECT type FROM sqlite_schema WHERE name = 'tasks' COLLATE NOCASE`).get() as
    | { type: string }
    | undefined
  if (!entry) return null
  if (entry.type !== 'table')
    throw new AppError('INCOMPATIBLE_SCHEMA', `${file}: "tasks" is a ${entry.type}, not a table; this app edits the tasks table itself.`)
  const withoutRowid = db.prepare(`SELECT wr FROM pragma_table_list WHERE name = 'tasks' AND schema = 'main'`).get() as
    | { wr: number }
    | undefined
  if (withoutRowid?.wr) throw new AppError('INCOMPATIBLE_SCHEMA', `${file}: the tasks table is WITHOUT ROWID, which this app does not support.`)
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('tasks')`).all() as { name: string }[]).map((c) =>
    c.name.toLowerCase()
  )
  return DIALECTS[formatOfColumns(columns, file)]
}
