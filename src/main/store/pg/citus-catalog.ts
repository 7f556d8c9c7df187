import type pg from 'pg'
import type { CitusTable } from '../../../shared/results'

// What the Citus catalog says of a table on a coordinator (./citus.ts distributes one): how it is spread, and the
// figures only its shards hold — the coordinator's part of a distributed table is empty, so its sizes, row counts,
// change counters and the planner's row count are the shards'. A leaf: the store reads it at open, windows.ts sizes
// by it.

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** The citus extension's version in this database (e.g. 13.2-1), or null: not a Citus coordinator. */
export async function citusVersion(on: Queryable): Promise<string | null> {
  return (await on.query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'")).rows[0]?.v ?? null
}

/** How the table is distributed, or null: not on Citus, or a plain (local) table of the coordinator. */
export async function citusTable(on: Queryable, table: string): Promise<CitusTable | null> {
  const version = await citusVersion(on)
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

/**
 * The shards' figures, summed — one statement per worker (run_command_on_workers, the workers at once), each reading
 * the statistics of the table's shards it holds; a reference table's placements are copies, so one node's are taken.
 * (run_command_on_shards, a statement per shard, took 400 ms for 32 shards here: too slow for live refresh's poll.)
 */
export async function shardFigures(on: Queryable, table: string): Promise<ShardFigures> {
  const per = `SELECT json_build_object('live', sum(s.n_live_tup), 'dead', sum(s.n_dead_tup), 'changes', sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del),
      'rel', sum(greatest(c.reltuples, 0)), 'analyzed_all', bool_and(c.reltuples >= 0),
      'vac', max(greatest(s.last_vacuum, s.last_autovacuum)), 'ana', max(greatest(s.last_analyze, s.last_autoanalyze)))
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid IN (SELECT to_regclass(n) FROM unnest(%L::text[]) n)`
  const got = await on.query<{ success: boolean; result: string; reference: boolean }>(
    `SELECT w.success, w.result, p.partmethod = 'n' AS reference
       FROM pg_dist_partition p,
            LATERAL (SELECT array_agg(shard_name(p.logicalrelid, d.shardid)) AS names FROM pg_dist_shard d WHERE d.logicalrelid = p.logicalrelid) s,
            LATERAL run_command_on_workers(format($1, s.names)) w
      WHERE p.logicalrelid = to_regclass($2)`,
    [per, table]
  )
  const sum: ShardFigures = { live: 0, dead: 0, changes: 0, reltuples: null, vacuumed: null, analyzed: null }
  const later = (a: string | null, b: string | null) => (b && (!a || Date.parse(b) > Date.parse(a)) ? new Date(b).toISOString() : a)
  for (const g of got.rows) {
    if (!g.success) continue
    const f = JSON.parse(g.result) as { live: number | null; dead: number | null; changes: number | null; rel: number | null; analyzed_all: boolean | null; vac: string | null; ana: string | null }
    if (f.analyzed_all === null) continue // this worker holds none of the shards
    sum.live += f.live ?? 0
    sum.dead += f.dead ?? 0
    sum.changes += f.changes ?? 0
    if (f.analyzed_all || (f.rel ?? 0) > 0) sum.reltuples = Math.round((sum.reltuples ?? 0) + (f.rel ?? 0))
    sum.vacuumed = later(sum.vacuumed, f.vac)
    sum.analyzed = later(sum.analyzed, f.ana)
    if (g.reference) break
  }
  return sum
}
