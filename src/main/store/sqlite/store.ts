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

/** The table's first and last rowid, null when it is empty. Two seeks: min() and max() in one statement read it all. */
export function rowidRange(store: Store): { lo: number; hi: number } | null {
  const lo = (store.db.prepare('SELECT min(rowid) AS v FROM tasks').get() as { v: number | null }).v
  const hi = (store.db.prepare('SELECT max(rowid) AS v FROM tasks').get() as { v: number | null }).v
  return lo === null || hi === null ? null : { lo, hi }
}
