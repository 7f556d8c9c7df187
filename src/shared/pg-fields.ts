// The Connect dialog's fields and the postgres:// URL they make, both ways. Pure, shared by the page (which builds
// the URL) and the tests. Empty fields are left out of the URL, so libpq's environment (PGHOST, PGUSER…) and
// ~/.pgpass fill them in on the side that connects.

export const SSL_MODES = ['', 'disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
export type SslMode = (typeof SSL_MODES)[number]

export interface PgFields {
  host: string
  port: string
  database: string
  user: string
  password: string
  table: string
  sslmode: SslMode
}

export const EMPTY_PG_FIELDS: PgFields = { host: '', port: '', database: '', user: '', password: '', table: 'tasks', sslmode: '' }

const TABLE = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/

/** What is wrong with the fields, or null: a table (or schema.table) is required; a port is a number. */
export function pgFieldsProblem(f: PgFields): 'table' | 'port' | null {
  if (!TABLE.test(f.table.trim())) return 'table'
  if (f.port.trim() && !/^\d{1,5}$/.test(f.port.trim())) return 'port'
  if (f.port.trim() && (Number(f.port) < 1 || Number(f.port) > 65535)) return 'port'
  return null
}

/** The URL to connect with; `withPassword: false` gives the one to show (and remember). */
export function pgUrlOf(f: PgFields, withPassword = true): string {
  const user = f.user.trim()
  const host = f.host.trim()
  const auth = user ? `${encodeURIComponent(user)}${withPassword && f.password ? `:${encodeURIComponent(f.password)}` : ''}@` : ''
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  const port = f.port.trim() ? `:${f.port.trim()}` : ''
  const query = [`table=${f.table.trim()}`, ...(f.sslmode ? [`sslmode=${f.sslmode}`] : [])].join('&')
  return `postgres://${auth}${hostPart}${port}/${encodeURIComponent(f.database.trim())}?${query}`
}

/** The fields of a URL (a recent entry: never a password in it); unknown parts are dropped. */
export function pgFieldsOf(url: string): PgFields {
  try {
    const u = new URL(url)
    const ssl = u.searchParams.get('sslmode') ?? ''
    return {
      host: decodeURIComponent(u.hostname).replace(/^\[|\]$/g, ''),
      port: u.port,
      database: decodeURIComponent(u.pathname.replace(/^\//, '')),
      user: decodeURIComponent(u.username),
      password: '',
      table: u.searchParams.get('table') ?? 'tasks',
      sslmode: (SSL_MODES as readonly string[]).includes(ssl) ? (ssl as SslMode) : ''
    }
  } catch {
    return EMPTY_PG_FIELDS
  }
}
