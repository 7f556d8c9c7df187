/** A piece of SQL with its parameters in order (`?` placeholders; PostgreSQL numbers them when it sends: pg/sql.ts). */
export interface SqlFragment {
  sql: string
  params: unknown[]
}
