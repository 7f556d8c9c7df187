// pgpass (the module node-postgres itself uses for ~/.pgpass) ships no types.
declare module 'pgpass' {
  interface ConnInfo {
    host?: string
    port?: number | string
    database?: string
    user?: string
  }
  function pgpass(conn: ConnInfo, callback: (password: string | undefined) => void): void
  export default pgpass
}
