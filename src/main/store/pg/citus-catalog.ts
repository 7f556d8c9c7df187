import type pg from 'pg'
import type { CitusTable } from '../../../shared/results'

// What the Citus catalog says of a table on a coordinator (./citus.ts distributes one): how it is spread, and the
// figures only its shards hold — the coordinator's part of a distributed table is empty, so its sizes, row counts,
// change counters and the planner's row count are the shards'. A leaf: the store reads it at open, windows.ts sizes
// by it.

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** How the table is distributed, or null: not on Citus, or a plain (local) table of the coordinator. */
export async function citusTable(on: Queryable, table: string): Promise<CitusTable | null> {
  const ext = await on.query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'")
  const version = ext.rows[0]?.v
  if (!version) return null
  const got = await on.query<{ method: string; col: string | null; shards: number; nodes: number }>(
    `SELECT p.partmethod AS method, column_to_column_name(p.logicalrelid, p.partkey) AS col,
            (SELECT count(DISTINCT shardid) FROM citus_shards s WHERE s.table_name = p.logicalrelid) AS shards,
            (SELECT count(DISTINCT (nodename, nodeport)) FROM citus_shards s WHERE s.table_name = p.logicalrelid) AS nodes
       FROM pg_dist_partition p WHERE p.logicalrelid = to_regclass($1)`,
    [table]
  )
  const t = got.rows[0]
  // 'h': hash-distributed; 'n' on several nodes: a reference table ('n' on one node is a Citus-managed local table).
  if (!t || (t.method !== 'h' && !(t.method === 'n' && Number(t.nodes) > 1))) return null
  return { version, distribution: t.method === 'h' ? 'hash' : 'reference', column: t.col || null, shards: Number(t.shards), nodes: Number(t.nodes) }
}

export interface ShardFigures {
  live: number
  dead: number
  /** Rows inserted, updated and deleted since the statistics were reset: what live refresh compares. */
  changes: number
  /** The planner's row count; null before any shard was analyzed. */
  reltuples: number | null
  vacuumed: string | null
  analyzed: string | null
}

/** The shards' figures, summed (a reference table's placements are copies: one is read); each shard on its worker. */
export async function shardFigures(on: Queryable, table: string): Promise<ShardFigures> {
  const per = `SELECT json_build_object('live', s.n_live_tup, 'dead', s.n_dead_tup, 'rel', c.reltuples, 'changes', s.n_tup_ins + s.n_tup_upd + s.n_tup_del,
      'vac', greatest(s.last_vacuum, s.last_autovacuum), 'ana', greatest(s.last_analyze, s.last_autoanalyze))
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = '%s'::regclass`
  const got = await on.query<{ success: boolean; result: string }>('SELECT success, result FROM run_command_on_shards(to_regclass($1), $2)', [table, per])
  const sum: ShardFigures = { live: 0, dead: 0, changes: 0, reltuples: null, vacuumed: null, analyzed: null }
  const later = (a: string | null, b: string | null) => (b && (!a || Date.parse(b) > Date.parse(a)) ? new Date(b).toISOString() : a)
  for (const g of got.rows) {
    if (!g.success) continue
    const f = JSON.parse(g.result) as { live: number | null; dead: number | null; changes: number | null; rel: number; vac: string | null; ana: string | null }
    sum.live += f.live ?? 0
    sum.dead += f.dead ?? 0
    sum.changes += f.changes ?? 0
    if (f.rel >= 0) sum.reltuples = Math.round((sum.reltuples ?? 0) + f.rel)
    sum.vacuumed = later(sum.vacuumed, f.vac)
    sum.analyzed = later(sum.analyzed, f.ana)
  }
  return sum
}
