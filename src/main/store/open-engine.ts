import { AppError } from '../../shared/errors'
import { redactSecrets } from '../../shared/redact'
import type { TaskEngine } from './engine'
import type { OpenOptions } from './model/open-options'
import { openPgEngine } from './pg/engine'
import { isForeignUrl, isPgUrl } from './pg/url'
import { SqliteEngine } from './sqlite/engine'

/** Opens a database by its name: a postgres:// URL with PostgreSQL, anything else as a SQLite file path. */
export async function openEngine(path: string, options: OpenOptions): Promise<TaskEngine> {
  if (isForeignUrl(path))
    throw new AppError('INVALID_INPUT', `${redactSecrets(path.trim()).slice(0, 200)} is a URL this app does not open: name a SQLite file, or a PostgreSQL table as postgres://user@host:5432/dbname?table=tasks.`)
  return isPgUrl(path) ? openPgEngine(path.trim(), options) : SqliteEngine.open(path, options)
}
