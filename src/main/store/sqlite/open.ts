import Database from 'better-sqlite3'
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../../shared/errors'
import { DIALECTS } from '../model/dialect'
import { detectSchema } from './detect-schema'
import { storeError } from '../model/errors'
import { BACKEND_INDEX_SQL, BACKEND_TABLE_SQL } from './backend-schema'
import { initDb } from './seed'
import { inTimeUnit } from '../model/time-unit'
import { openPinned } from './file-identity'
import type { OpenOptions } from '../model/open-options'
import type { Store } from './store'

const SQLITE_MAGIC = 'SQLite format 3\u0000'

/** Checks the path before SQLite touches it, so that a wrong file is refused without a single byte written. */
type PathState = 'missing' | 'empty' | 'sqlite' | 'sqlite-wal'

function inspectPath(file: string, create: boolean): PathState {
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
  return readWalFlag(file) ? 'sqlite-wal' : 'sqlite'
}

/** Bytes 18-19 of the header are 2 for a database in WAL mode. */
function readWalFlag(file: string): boolean {
  const bytes = Buffer.alloc(2)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, bytes, 0, 2, 18)
  } finally {
    closeSync(fd)
  }
  return bytes[0] === 2 && bytes[1] === 2
}

/**
 * Opens a task database. Refuses (with a typed error naming the file) anything that is not a SQLite file with a
 * compatible tasks table, leaving the file untouched. Creates the seed table only when `create` is asked; never
 * changes the journal mode, page size or schema of an existing table.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  const { readOnly = false, create = false, busyTimeoutMs = 5000, nativeBinding, schema = 'seed', pin, timeUnit } = options
  const memory = file === ':memory:'
  const state = memory ? 'missing' : inspectPath(file, create)
  // Looked at before opening: opening a WAL-mode file creates an empty -wal beside it.
  const walMissing = state === 'sqlite-wal' && !existsSync(`${file}-wal`)
  if (readOnly && state !== 'sqlite' && state !== 'sqlite-wal' && !memory)
    throw new AppError('NOT_FOUND', `${file} does not exist, and a database opened read-only cannot be created.`)
  let db: Database.Database
  try {
    const open = () => new Database(file, { readonly: readOnly, fileMustExist: !create, timeout: busyTimeoutMs, nativeBinding })
    db = pin && !memory ? openPinned(file, pin, open, (d) => d.close()) : open()
  } catch (e) {
    if (e instanceof AppError) throw e
    throw storeError(e, file, 'Open')
  }
  try {
    // Someone else's file: functions in its triggers, views and index expressions run only if marked innocuous, and
    // better-sqlite3's defensive mode (on by default) keeps its schema from being written through PRAGMAs.
    db.pragma('trusted_schema = OFF')
    // Reading the schema is the first real page read: it is where encrypted or damaged files show themselves.
    let dialect = detectSchema(db, file)
    let created = false
    if (!dialect) {
      if (walMissing)
        throw new AppError(
          'INCOMPATIBLE_SCHEMA',
          `${file} is in WAL mode and its ${basename(file)}-wal file is missing, so its tables may be in that file. Put the -wal file back beside it and open again.`
        )
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
    // SQLite opens a file it may not write read-only without saying so; say it, so writes are offered nowhere.
    return { db, path: file, readOnly: readOnly || !memory && !writable(file), dialect: inTimeUnit(dialect, timeUnit), created }
  } catch (e) {
    db.close()
    throw storeError(e, file, 'Open')
  }
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK)
    return true
  } catch {
    return false
  }
}

export function closeStore(store: Store): void {
  if (store.db.open) store.db.close()
}
