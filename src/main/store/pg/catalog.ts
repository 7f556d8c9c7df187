import { frag, rows } from './sql'
import type { PgStore } from './store'

// What the catalog says about the table: its indexes and the planner's row count.

/** Whether an index of the table starts with this column. */
export async function pgHasLeadingIndex(store: PgStore, column: string): Promise<boolean> {
  return (await pgIndexedColumns(store)).some((c) => c.split(',')[0] === column)
}

/** The leading columns of each index of the table, as "a" or "a,b". */
export async function pgIndexedColumns(store: PgStore): Promise<string[]> {
  const defs = await rows<{ def: string }>(store.pool, ['SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = ', reg(store)])
  return defs.map((d) => (/\(([^)]*)\)/.exec(d.def)?.[1] ?? '').replace(/\s+/g, '').replace(/"/g, ''))
}

// Stats, daily counts, compaction and indexes on PostgreSQL (SQLite's are in ../stats.ts and ../maintenance.ts).

/** The table as a regclass parameter (a name the catalog resolves, never spliced into SQL). */
export const reg = (store: PgStore) => frag('to_regclass(?)', store.table)
