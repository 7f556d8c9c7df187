import { AppError } from '../../../shared/errors'
import type { CitusTable, Distribution } from '../../../shared/results'
import { citusTable, citusVersion } from './citus-catalog'
import { pgError } from './errors'
import { frag, rows } from './sql'
import type { PgStore } from './store'

// Citus (distributed PostgreSQL): the one thing the app does to a table on a coordinator — distribute an empty one
// before a copy fills it. Everything else runs as on PostgreSQL; where Citus answers differently (sizes, row
// statistics and the planner's row count live in the shards, not in the coordinator's empty local table) the callers
// ask `store.citus` and read the shards (./citus-catalog.ts).

/** The distribution columns a shape allows: a column of its key, so the key stays unique across shards. */
const COLUMN_OF: Record<'seed' | 'backend', string> = { seed: 'id', backend: 'client_id' }

/**
 * Distributes the table before a copy loads it: by a column of its key (`id` for the seed's tasks, `client_id` for
 * the backend's) or as a reference table (a copy on every node). An empty local table is distributed; a table already
 * distributed the same way is kept; anything else is refused with why, and nothing is changed.
 */
export async function distribute(store: PgStore, by: Distribution): Promise<CitusTable> {
  const kind = store.dialect.kind
  const column = COLUMN_OF[kind]
  const shape = kind === 'seed' ? 'seed-format' : 'DocuSnap-Backend'
  if (by !== 'reference' && by !== column)
    throw new AppError('INVALID_INPUT', `${store.path}: ${shape} tasks are distributed by ${column} (a column of their key) or as a reference table, not by ${by}.`)
  try {
    if (!(await citusVersion(store.pool)))
      throw new AppError('INVALID_INPUT', `${store.path} is not a Citus coordinator (no citus extension in this database); a table can be distributed only there.`)
    const now = await citusTable(store.pool, store.table)
    const wanted = by === 'reference' ? 'as a reference table' : `by ${by}`
    if (now) {
      const has = now.distribution === 'reference' ? 'as a reference table' : `by ${now.column}`
      if (has === wanted) return (store.citus = now)
      throw new AppError('INVALID_INPUT', `${store.path} is already distributed ${has}; it keeps that distribution. Copy without --distribute-by, or into a new table (?table=…).`)
    }
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(store.pool, [`SELECT count(*) AS n FROM (SELECT 1 FROM ${store.table} LIMIT 1) x`])
    if (n > 0)
      throw new AppError('INVALID_INPUT', `${store.path} already holds tasks in the coordinator's local table; only an empty table is distributed here (nothing was changed). Copy into a new table (?table=…).`)
    const call = by === 'reference' ? frag('SELECT create_reference_table(?::regclass)', store.table) : frag('SELECT create_distributed_table(?::regclass, ?)', store.table, by)
    await rows(store.pool, [call])
    return (store.citus = (await citusTable(store.pool, store.table))!)
  } catch (e) {
    throw e instanceof AppError ? e : pgError(e, store.path, 'Distribute')
  }
}
