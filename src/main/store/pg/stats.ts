import type { DailyCount } from '../../../shared/contract'
import { localDay } from '../model/time'
import type { IndexState, StoreStats } from '../../../shared/results'
import { pgError } from './errors'
import { FacetScan } from './facets'
import { frag, rows } from './sql'
import type { PgStore } from './store'
import { countTasks } from './tasks'
import { indexedColumns, reg } from './catalog'
import { rowEstimate } from './windows'
import { requireWritable } from '../model/rules'
import { DailyTally } from '../model/daily'
import { shardFigures } from './citus-catalog'

// Stats, daily counts, compaction and indexes on PostgreSQL (SQLite's are in ../sqlite/stats.ts and ../sqlite/maintenance.ts).

/** The suggested indexes as PostgreSQL names them (per table: a schema may hold several task tables). */
function suggested(store: PgStore): { name: string; columns: string }[] {
  const table = store.table.replace(/"/g, '').split('.').pop()!
  return store.dialect.suggestedIndexes.map((i) => {
    const columns = /\(([^)]*)\)\s*$/.exec(i.sql)![1]!.replace(/\s+/g, '')
    return { name: `${table}_${columns.replace(/,/g, '_')}_idx`, columns }
  })
}

/** A suggested index is present when any index of the table starts with its columns, whatever its name. */
export async function presentIndexes(store: PgStore): Promise<IndexState[]> {
  const leading = await indexedColumns(store)
  return suggested(store).map((s) => ({ name: s.name, present: leading.some((l) => l === s.columns || l.startsWith(`${s.columns},`)) }))
}

export async function storeStats(store: PgStore): Promise<StoreStats> {
  try {
    const d = store.dialect
    const facets = new FacetScan(store, {}, 0, 'counts')
    await facets.run()
    const { status: by_status, type: by_type } = facets.result()
    // On Citus the coordinator's part of a distributed table is empty: its sizes are the shards' (citus_*_size).
    const [total, heap] = store.citus ? ['citus_total_relation_size', 'citus_table_size'] : ['pg_total_relation_size', 'pg_relation_size']
    const [size] = await rows<Record<string, unknown>>(store.pool, [
      `SELECT ${total}(r) AS total, ${heap}(r) AS heap, current_setting('block_size')::int AS block, current_setting('server_version') AS version,
              s.n_live_tup AS live, s.n_dead_tup AS dead, greatest(s.last_vacuum, s.last_autovacuum) AS vacuumed, greatest(s.last_analyze, s.last_autoanalyze) AS analyzed
         FROM (SELECT `,
      reg(store),
      ` AS r) x LEFT JOIN pg_stat_user_tables s ON s.relid = x.r`
    ])
    const [edges] = await rows<{ lo: unknown; hi: unknown }>(store.pool, [`SELECT ${d.timeSelect('min(created_at)')} AS lo, ${d.timeSelect('max(created_at)')} AS hi FROM ${store.table}`])
    const indexes = await presentIndexes(store)
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null)
    const shards = store.citus ? await shardFigures(store.pool, store.table) : null
    return {
      path: store.path,
      kind: d.kind,
      read_only: store.readOnly,
      total: await countTasks(store, {}, 0),
      by_status,
      by_type,
      oldest: d.decodeTime(edges!.lo),
      newest: d.decodeTime(edges!.hi),
      file_bytes: Number(size!.total),
      page_size: Number(size!.block),
      page_count: Math.round(Number(size!.heap) / Number(size!.block)),
      freelist_count: 0,
      journal_mode: 'postgres',
      sqlite_version: '',
      indexes,
      missing_indexes: indexes.filter((i) => !i.present).map((i) => i.name),
      postgres: {
        server_version: String(size!.version).split(' ')[0]!,
        live_tuples: shards?.live ?? Number(size!.live ?? 0),
        dead_tuples: shards?.dead ?? Number(size!.dead ?? 0),
        last_vacuum: shards ? shards.vacuumed : iso(size!.vacuumed),
        last_analyze: shards ? shards.analyzed : iso(size!.analyzed),
        ...(store.citus ? { citus: store.citus } : {})
      }
    }
  } catch (e) {
    throw pgError(e, store.path, 'Read')
  }
}

/** Tasks created per day (UTC days; local days for the seed's epoch seconds, as on SQLite) per status. */
export async function dailyCounts(store: PgStore, days: number, now: number): Promise<DailyCount[]> {
  const d = store.dialect
  const since = frag('created_at >= ?', d.encodeTime(now - days * 86_400))
  const tally = new DailyTally()
  if (d.timeKind === 'epoch') {
    for (const r of await rows<{ q: number; status: string; n: number }>(store.pool, [`SELECT created_at / 900 AS q, status, count(*) AS n FROM ${store.table} WHERE `, since, ' GROUP BY 1, 2']))
      tally.add(localDay(r.q * 900), r.status, r.n)
  } else {
    const day = d.timeKind === 'text' ? 'substr(created_at, 1, 10)' : `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    for (const r of await rows<{ day: string | null; status: string; n: number }>(store.pool, [`SELECT ${day} AS day, status, count(*) AS n FROM ${store.table} WHERE `, since, ' GROUP BY 1, 2']))
      if (r.day) tally.add(r.day, r.status, r.n)
  }
  return tally.days()
}

const totalSize = async (store: PgStore) =>
  (await rows<{ n: number }>(store.pool, [`SELECT ${store.citus ? 'citus' : 'pg'}_total_relation_size(`, reg(store), ') AS n']))[0]!.n

/**
 * Maintenance the user asked for and waits for (the dialog says it is working): not stopped by the connection’s 60 s statement
 * timeout, which guards everything else. Outside a transaction, as VACUUM and CREATE INDEX CONCURRENTLY must be.
 */
async function unbounded(store: PgStore, sql: string): Promise<void> {
  const client = await store.pool.connect()
  try {
    await client.query('SET statement_timeout = 0')
    await client.query(sql)
  } finally {
    await client.query('RESET statement_timeout').catch(() => undefined)
    client.release()
  }
}

/** Compact = VACUUM (ANALYZE): dead rows' space made reusable and the planner's statistics refreshed; sizes before and after. */
export async function vacuumStore(store: PgStore): Promise<{ bytes_before: number; bytes_after: number }> {
  requireWritable(store, 'compacting')
  try {
    const before = await totalSize(store)
    await unbounded(store, `VACUUM (ANALYZE) ${store.table}`)
    return { bytes_before: before, bytes_after: await totalSize(store) }
  } catch (e) {
    throw pgError(e, store.path, 'Compact')
  }
}

/** The missing suggested indexes, built with CREATE INDEX CONCURRENTLY: the backend's writes go on meanwhile. */
export async function addIndexes(store: PgStore): Promise<{ added: string[] }> {
  requireWritable(store, 'adding indexes')
  const present = new Set((await presentIndexes(store)).filter((i) => i.present).map((i) => i.name))
  const added: string[] = []
  try {
    for (const s of suggested(store)) {
      if (present.has(s.name)) continue
      await unbounded(store, `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${s.name}" ON ${store.table} (${s.columns})`)
      added.push(s.name)
    }
  } catch (e) {
    throw pgError(e, store.path, 'Add indexes to')
  }
  return { added }
}

/**
 * What changes when someone writes to the table, read without changing the database (no trigger, no LISTEN): its
 * change counters in pg_stat_user_tables, and its newest creation and update times where an index makes reading them
 * a seek. The counters cover deletes but reach other sessions only when those flush their statistics (at most
 * every second, and up to 10 s after a session's previous flush; on Citus the coordinator's are those of its empty
 * local part, so the shards' are summed on the workers); the newest times show a new or updated task at once. Null
 * when the table is gone.
 */
export async function changeSignature(store: PgStore): Promise<string | null> {
  const [r] = await rows<{ exists: string | null; n: number | null }>(store.pool, [
    'SELECT x.r::text AS exists, s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS n FROM (SELECT ',
    reg(store),
    ' AS r) x LEFT JOIN pg_stat_user_tables s ON s.relid = x.r'
  ])
  if (!r?.exists) return null
  if (store.citus) r.n = (await shardFigures(store.pool, store.table)).changes
  const d = store.dialect
  const indexed = new Set((await indexedColumns(store)).map((c) => c.split(',')[0]))
  const edges = ['created_at', d.updatedColumn].filter((c) => indexed.has(c)).map((c) => `${d.timeCursor(`max(${c})`)} AS ${c}`)
  const newest = edges.length ? (await rows<Record<string, unknown>>(store.pool, [`SELECT ${edges.join(', ')} FROM ${store.table}`]))[0] : {}
  return JSON.stringify([r.n ?? 0, Object.values(newest ?? {})])
}

/** The planner's row estimate (pg_class.reltuples) once the table has been analyzed; an exact count before that. */
export async function sizeHint(store: PgStore): Promise<{ tasks: number; estimate: boolean }> {
  const estimate = await rowEstimate(store)
  if (estimate !== null) return { tasks: estimate, estimate: true }
  return { tasks: await countTasks(store, {}, 0), estimate: false }
}
