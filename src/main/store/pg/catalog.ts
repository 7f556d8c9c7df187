import { frag, rows } from './sql'
import type { PgStore } from './store'

// What the catalog says about the table: its indexes (the planner's row count is in windows.ts, which sizes by it).

/** Whether an index of the table starts with this column. */
export async function hasLeadingIndex(store: PgStore, column: string): Promise<boolean> {
  return (await indexedColumns(store)).some((c) => c.split(',')[0] === column)
}

/** The leading columns of each index of the table, as "a" or "a,b". */
export async function indexedColumns(store: PgStore): Promise<string[]> {
  const defs = await rows<{ def: string }>(store.pool, ['SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = ', reg(store)])
  return defs.map((d) => (/\(([^)]*)\)/.exec(d.def)?.[1] ?? '').replace(/\s+/g, '').replace(/"/g, ''))
}

/** The table as a regclass parameter (a name the catalog resolves, never spliced into SQL). */
export const reg = (store: PgStore) => frag('to_regclass(?)', store.table)
