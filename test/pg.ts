import { inject } from 'vitest'
import pg from 'pg'

// What PostgreSQL tests share: the throwaway cluster's URL (test/pg-setup.ts), or why there is none, and a fresh
// schema per use so tests never see each other's tables.

export const pgUrl = inject('pgUrl')
export const pgSkipReason = inject('pgSkipReason')
/** A Citus coordinator with two workers (test/citus-cluster.ts), or null with the reason. */
export const citusUrl = inject('citusUrl')
export const citusSkipReason = inject('citusSkipReason')

let n = 0

/** A new empty schema (on the plain cluster, or the one `server` names); the URL of `schema.table` in it (the table itself is not created). */
export async function freshTableUrl(table = 'tasks', server = pgUrl): Promise<{ url: string; schema: string; query: (sql: string, values?: unknown[]) => Promise<pg.QueryResult>; close: () => Promise<void> }> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${n++}`
  const client = new pg.Client({ connectionString: server! })
  await client.connect()
  await client.query(`CREATE SCHEMA ${schema}`)
  return {
    url: `${server}?table=${schema}.${table}`,
    schema,
    query: (sql, values) => client.query(sql, values),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined)
      await client.end()
    }
  }
}
