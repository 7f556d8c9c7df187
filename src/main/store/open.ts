import Database from 'better-sqlite3'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { detectSchema, DIALECTS, type Dialect } from './dialect'
import { storeError } from './errors'
import { BACKEND_INDEX_SQL, BACKEND_TABLE_SQL } from './demo'
import { initDb } from './seed'
import type { SchemaKind } from '../../shared/task'

export interface Store {
  db: Database.Database
  path: string
  readOnly: boolean
  dialect: Dialect
  /** True when this open created the tasks table (so the app may add its indexes without asking). */
  created: boolean
}

export interface OpenOptions {
  readOnly?: boolean
  create?: boolean
  /** How long a statement waits for the backend's lock before giving up (ms). The backend itself uses 5 s. */
  busyTimeoutMs?: number
  /** Where better-sqlite3's native module lives when it is not the default (Electron keeps its own build). */
  nativeBinding?: string
  /** The table format to create when `create` finds no tasks table (default: the seed's). */
  schema?: SchemaKind
}

const SQLITE_MAGIC = 'SQLite format 3\u0000'

/** Checks the path before SQLite touches it, so that a wrong file is refused without a single byte written. */
function inspectPath(file: string, create: boolean): 'missing' | 'empty' | 'sqlite' {
  let size: number
  try {
    const st = statSync(file)
    if (st.isDirectory()) throw new AppError('NOT_A_FILE', `${file} is a folder, not a database file.`)
    if (!st.isFile()) throw new AppError('NOT_A_FILE', `${file} is not a regular file.`)
    size = st.size
  } catch (e) {
    if (e instanceof AppError) throw e
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (create) return 'missing'
      throw new AppError('NOT_FOUND', `${file} does not exist. Choose an existing database, or create a new one.`)
    }
    throw storeError(e, file, 'Open')
  }
  if (size === 0) {
    if (create) return 'empty'
    throw new AppError('NOT_SQLITE', `${file} is empty: it is not a SQLite database yet.`)
  }
  const header = Buffer.alloc(16)
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (e) {
    throw storeError(e, file, 'Open')
  }
  try {
    readSync(fd, header, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  if (header.toString('latin1') !== SQLITE_MAGIC)
    throw new AppError('NOT_SQLITE', `${file} is not a SQLite database (or it is encrypted): its header is not SQLite's.`)
  return 'sqlite'
}

/**
 * Opens a task database. Refuses (with a typed error naming the file) anything that is not a SQLite file with a
 * compatible tasks table, leaving the file untouched. Creates the seed table only when `create` is asked; never
 * changes the journal mode, page size or schema of an existing table.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  const { readOnly = false, create = false, busyTimeoutMs = 5000, nativeBinding, schema = 'seed' } = options
  const memory = file === ':memory:'
  const state = memory ? 'missing' : inspectPath(file, create)
  if (readOnly && state !== 'sqlite' && !memory)
    throw new AppError('NOT_FOUND', `${file} does not exist, and a database opened read-only cannot be created.`)
  let db: Database.Database
  try {
    db = new Database(file, { readonly: readOnly, fileMustExist: !create, timeout: busyTimeoutMs, nativeBinding })
  } catch (e) {
    throw storeError(e, file, 'Open')
  }
  try {
    // Reading the schema is the first real page read: it is where encrypted or damaged files show themselves.
    let dialect = detectSchema(db, file)
    let created = false
    if (!dialect) {
      if (!create || readOnly) {
        throw new AppError(
          'INCOMPATIBLE_SCHEMA',
          `${file} has no tasks table. It is not a DocuSnap task database${readOnly ? '' : ' (use "init" to add one)'}.`
        )
      }
      const addTable = db.transaction(() => {
        if (schema === 'seed') initDb(db)
        else {
          db.exec(BACKEND_TABLE_SQL)
          db.exec(BACKEND_INDEX_SQL)
        }
        for (const index of DIALECTS[schema].suggestedIndexes) db.exec(index.sql)
      })
      addTable.immediate()
      dialect = DIALECTS[schema]
      created = true
    }
    return { db, path: file, readOnly, dialect, created }
  } catch (e) {
    db.close()
    throw storeError(e, file, 'Open')
  }
}

export function closeStore(store: Store): void {
  if (store.db.open) store.db.close()
}
