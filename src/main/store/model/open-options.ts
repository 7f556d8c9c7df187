import type { SchemaKind, TimeUnit } from '../../../shared/task'

// How a database is opened, on either engine (the SQLite-only fields are ignored by PostgreSQL).

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

/** A file's identity as the policy saw it (sqlite/file-identity.ts). */
export interface FileIdentity {
  dev: number
  ino: number
}
