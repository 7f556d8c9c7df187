import { AppError } from '../../../shared/errors'

// A PostgreSQL "database" is named by a URL where a SQLite one is named by a path:
//   postgres://user[:password]@host[:port]/dbname?table=[schema.]tasks&sslmode=require
// Everything that libpq would take from the environment (PGHOST, PGUSER, PGPASSWORD, ~/.pgpass…) may be left out.
// The password is a secret: what the app shows, logs, remembers or puts in an error is the URL without it.

export function isPgUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text)
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
  const password = url.password ? decodeURIComponent(url.password) : undefined
  const table = parseTable(url.searchParams.get('table'))
  url.password = ''
  const shown = url.toString()
  url.searchParams.delete('table')
  return { connectionString: url.toString(), password, table, shown }
}

/** Any text with PostgreSQL URLs in it, their passwords replaced: for messages that may quote what the user typed. */
export function redactUrls(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1@')
}
