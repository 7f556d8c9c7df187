export interface SqlFragment {
  sql: string
  params: unknown[]
}
