import type { SchemaKind, TimeUnit } from '../../../shared/task'

export interface OpenOptions {
  readOnly?: boolean
  create?: boolean
  /** How long a statement waits for the backend's lock before giving up (ms). The backend itself uses 5 s. */
  busyTimeoutMs?: number
  /** Where better-sqlite3's native module lives when it is not the default (Electron keeps its own build). */
  nativeBinding?: string
  /** The table format to create when `create` finds no tasks table (default: the seed's). */
  schema?: SchemaKind
  /** The file a carrier's policy checked: what SQLite opens must be this file, or it is closed again (file-identity.ts). */
  pin?: FileIdentity
  /** The unit numeric times are read in (time-unit.ts); the file is not changed by it. */
  timeUnit?: TimeUnit
}

// A path checked is not the file opened: between a policy's look at a name and SQLite's open() of it, anyone who can
// write the folder can swap the file for a symbolic link to another (renameat2 RENAME_EXCHANGE wins such races in a
// few hundred tries). So the policy pins the file's identity (device and inode) when it checks the name, and the open
// compares what SQLite actually opened with the pin, closing the database at once when they differ.

export interface FileIdentity {
  dev: number
  ino: number
}
