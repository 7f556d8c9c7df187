import { parse as parseConnectionString } from 'pg-connection-string'
import { userInfo } from 'node:os'
import { AppError } from '../../../shared/errors'
import { redactSecrets } from '../../../shared/redact'

// A PostgreSQL "database" is named by a URL where a SQLite one is named by a path:
//   postgres://user[:password]@host[:port]/dbname?table=[schema.]tasks&sslmode=require
// Everything that libpq would take from the environment (PGHOST, PGUSER, PGPASSWORD, ~/.pgpass…) may be left out.
// The password is a secret: what the app shows, logs, remembers or puts in an error is the URL without it.

export function isPgUrl(text: string): boolean {
  // A URL pasted with spaces around it is still one (the URL parser drops them too).
  return /^\s*postgres(ql)?:\/\//i.test(text)
}

/** A URL of another kind (SQLAlchemy's postgresql+psycopg2://, mysql://…): not a file path, and not ours to open. */
export function isForeignUrl(text: string): boolean {
  return /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(text) && !isPgUrl(text) && !/^\s*file:/i.test(text)
}

export interface PgTarget {
  /** The URL without password and without `table`, to hand to the driver with the password separately. */
  connectionString: string
  password?: string
  /** [schema, table]; schema null means the connection's search_path decides, as it would for psql. */
  table: [string | null, string]
  /** The URL as shown and remembered: no password; `table` kept. */
  shown: string
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/

function parseTable(value: string | null): [string | null, string] {
  const text = value ?? 'tasks'
  const parts = text.split('.')
  if (parts.length > 2 || !parts.every((p) => IDENT.test(p)))
    throw new AppError('INVALID_INPUT', `"${text.slice(0, 80)}" is not a table name this app accepts: give table or schema.table, letters, digits and _ only.`)
  return parts.length === 2 ? [parts[0]!, parts[1]!] : [null, parts[0]!]
}

export function parsePgUrl(text: string): PgTarget {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new AppError('INVALID_INPUT', 'This PostgreSQL URL cannot be read: write it as postgres://user@host:5432/dbname?table=tasks.')
  }
  if (!isPgUrl(text)) throw new AppError('INVALID_INPUT', 'A PostgreSQL URL starts with postgres:// or postgresql://.')
  // libpq also takes the password as a query parameter: used for the login like the userinfo one, and never shown.
  const query = url.searchParams.get('password')
  const password = url.password ? decodeURIComponent(url.password) : (query ?? undefined)
  const table = parseTable(url.searchParams.get('table'))
  url.password = ''
  url.searchParams.delete('password')
  const sslPassword = url.searchParams.get('sslpassword')
  url.searchParams.delete('sslpassword')
  const shown = url.toString()
  // The key's passphrase goes to the driver (pg-connection-string reads it from the connection string), not to the screen.
  if (sslPassword !== null) url.searchParams.set('sslpassword', sslPassword)
  url.searchParams.delete('table')
  return { connectionString: url.toString(), password, table, shown }
}

/** Any text with URLs in it, their passwords replaced: for messages that may quote what the user typed. */
export const redactUrls = redactSecrets

/** Whether a URL carries a password of its own (in its userinfo or its query string). */
export function hasPassword(text: string): boolean {
  try {
    return isPgUrl(text) && parsePgUrl(text).password !== undefined
  } catch {
    return false
  }
}

/** Where a URL connects, with libpq's defaults filled in as the login will fill them (PG* variables, the OS user). */
export interface PgEndpoint {
  host: string
  port: number
  database: string
  user: string
  /** [schema.]table */
  table: string
}

export function pgEndpoint(text: string, env: NodeJS.ProcessEnv = process.env, osUser: () => string = () => userInfo().username): PgEndpoint {
  const target = parsePgUrl(text)
  const params = parseConnectionString(target.connectionString)
  const user = params.user || env.PGUSER || osUser()
  return {
    host: params.host || env.PGHOST || 'localhost',
    port: Number(params.port || env.PGPORT || 5432),
    database: params.database || env.PGDATABASE || user,
    user,
    table: target.table.filter(Boolean).join('.')
  }
}
