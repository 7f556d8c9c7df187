import type Database from 'better-sqlite3'
import type { Dialect } from '../model/dialect'

/** An open SQLite task database: the connection, how it was opened, and the format of its tasks table. */

export interface Store {
  db: Database.Database
  path: string
  readOnly: boolean
  dialect: Dialect
  /** True when this open created the tasks table (so the app may add its indexes without asking). */
  created: boolean
}
