import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { TaskFilter, TaskSort } from '../src/shared/filter'
import { copyTasks } from '../src/main/store/copy'
import { openEngine } from '../src/main/store/open-engine'
import type { PgEngine } from '../src/main/store/pg/engine'
import { addIndexes as pgAddIndexes } from '../src/main/store/pg/stats'
import { buildShapedDb, type BenchShape } from './build-db'
import { startCluster, type PgCluster } from '../test/pg-cluster'
import { startCitusCluster } from '../test/citus-cluster'

// npm run bench -- --engine postgres|citus [--sizes 100k,1m] [--pg-url postgres://…]
// The SQLite bench's table on PostgreSQL: the same seed-format tasks (copied across with the copy command's code),
// the same operations through the app's PostgreSQL engine, each beside psql running the same statement (process start
// included, as the sqlite3 shell's figures are); then a purge of half the rows — by creation time, on the sequential
// file and on uuid ids in no key order — against psql's single DELETE on an identical copy, each with a writer
// committing every 20 ms (an insert and an update of a random existing task, as the backend does), its worst wait.
// Without --pg-url a throwaway cluster is started with the server's default durability (fsync on); with --engine citus,
// a Citus coordinator and two workers on loopback, every table distributed by id, and the writer's update routed by
// its key (it finishes a task it created), as the backend's is.

export interface PgBenchRow {
  size: string
  op: string
  app_ms: number
  psql_ms: number | null
  ratio: number | null
  note?: string
}

export interface PgPurgeRow {
  size: string
  shape: BenchShape
  deleted: number
  app_s: number
  psql_s: number
  ratio: number
  worst_tx_ms: number
  writer_app_max_ms: number
  writer_psql_max_ms: number
  writer_commits: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN
const round = (x: number) => Math.round(x * 10) / 10

// The writer in a process of its own (so neither side's event loop flatters the other), with node-postgres.
const WRITER = `
const { Client } = require('pg')
;(async () => {
  const c = new Client({ connectionString: process.env.URL })
  await c.connect()
  const t = process.env.TABLE
  let stop = false
  process.on('SIGTERM', () => (stop = true))
  process.stdout.write('ready\\n')
  const waits = []
  let i = 0
  while (!stop) {
    const s = performance.now()
    await c.query('BEGIN')
    await c.query('INSERT INTO ' + t + " (id, type, status, created_at) VALUES ($1, 'document', 'pending', $2)", ['w-' + process.pid + '-' + i++, Math.floor(Date.now() / 1000)])
    const near = Math.floor(Math.random() * Number(process.env.RANGE)).toString(16).padStart(8, '0')
    if (process.env.ROUTED) {
      // On Citus the writer does what the backend does, each statement on one shard: it creates a task and finishes
      // one it created before, by its key (a lookup of a random key would be a query of every shard each 20 ms).
      if (i > 2) await c.query('UPDATE ' + t + " SET status = 'completed', updated_at = $1 WHERE id = $2", [Math.floor(Date.now() / 1000), 'w-' + process.pid + '-' + (i - 3)])
    } else await c.query('UPDATE ' + t + ' SET updated_at = $1 WHERE id = (SELECT id FROM ' + t + ' WHERE id >= $2 ORDER BY id LIMIT 1)', [Math.floor(Date.now() / 1000), near])
    await c.query('COMMIT')
    waits.push(performance.now() - s)
    await new Promise((r) => setTimeout(r, 20))
  }
  await c.end()
  process.stdout.write(JSON.stringify({ commits: waits.length, max_ms: Math.max(0, ...waits) }) + '\\n')
})().catch((e) => { process.stderr.write(String(e)); process.exit(1) })`

/** Starts the writer; resolves once it commits, with a stop() that ends it and gives its commits and worst wait. */
function startWriter(root: string, url: string, table: string, range: number, routed: boolean): Promise<{ stop(): Promise<{ commits: number; max_ms: number }> }> {
  return new Promise((ready, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER], { cwd: root, env: { ...process.env, URL: url, TABLE: table, RANGE: String(range), ...(routed ? { ROUTED: '1' } : {}) } })
    let out = ''
    let err = ''
    const done = new Promise<{ commits: number; max_ms: number }>((resolve, fail) =>
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!) as { commits: number; max_ms: number }) : fail(new Error(`writer: ${err}`))))
    )
    child.stdout.on('data', (c) => {
      out += String(c)
      if (out.startsWith('ready')) ready({ stop: () => (child.kill('SIGTERM'), done) })
    })
    child.stderr.on('data', (c) => (err += String(c)))
    done.catch(reject)
  })
}

export async function pgBench(
  root: string,
  dataDir: string,
  sizes: { label: string; rows: number }[],
  now: number,
  runs: number,
  pgUrl: string | undefined,
  log: (s: string) => void,
  withReads = true,
  engine: 'postgres' | 'citus' = 'postgres',
  withPurges = true
) {
  const citus = engine === 'citus'
  let cluster: PgCluster | null = null
  if (!pgUrl) {
    cluster = citus ? await startCitusCluster({ durable: true }) : await startCluster({ durable: true })
    pgUrl = cluster.url
    log(`throwaway ${citus ? 'Citus cluster (a coordinator and two workers)' : 'cluster'} on port ${cluster.port} (${cluster.dir}), fsync on`)
  }
  // On Citus every table is distributed by id (the seed's key) before it is filled, as copy --distribute-by id does.
  const distributeBy = citus ? ('id' as const) : undefined
  const likeTable = (name: string, source: string) =>
    `DROP TABLE IF EXISTS ${name}; CREATE TABLE ${name} (LIKE ${source} INCLUDING ALL);${citus ? ` SELECT create_distributed_table('${name}', 'id');` : ''} INSERT INTO ${name} SELECT * FROM ${source};`
  const psqlBin = cluster ? join(cluster.binDir, 'psql') : 'psql'
  const psql = (sql: string): number => {
    const t = performance.now()
    const r = spawnSync(psqlBin, ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', pgUrl!, '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] })
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`)
    return performance.now() - t
  }
  // Each timed purge starts from a checkpoint, so neither side pays for the dirty pages and WAL the other (or the
  // copies) left. It needs the pg_checkpoint role on a server of your own (--pg-url): without it the runs go on, said once.
  let checkpoints = true
  const checkpoint = () => {
    if (!checkpoints) return
    try {
      psql('CHECKPOINT')
      if (citus) psql("SELECT run_command_on_workers('CHECKPOINT')")
    } catch (e) {
      checkpoints = false
      log(`  (no CHECKPOINT before the purges: ${String(e).trim().split('\n')[0]})`)
    }
  }
  const reads: PgBenchRow[] = []
  const purges: PgPurgeRow[] = []
  try {
    for (const { label, rows } of sizes) {
      const schema = `bench_${label.toLowerCase()}`
      const table = `${schema}.tasks`
      const url = `${pgUrl}?table=${table}`
      const file = join(dataDir, `seed-${label.toLowerCase()}.db`)
      buildShapedDb(file, 'sequential', rows, now, log)
      log(`\n${label} tasks → ${table}`)
      psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`)
      let t = performance.now()
      const copied = await copyTasks(file, url, { batch: 2000, distributeBy })
      const copySeconds = (performance.now() - t) / 1000
      log(`  copy: ${copied.copied.toLocaleString('en-US')} rows in ${round(copySeconds)} s (${Math.round(copied.copied / copySeconds).toLocaleString('en-US')} rows/s), checksums ${copied.checks.every((c) => c.same) ? 'agree' : 'DIFFER'}`)
      const engine = (await openEngine(url, {})) as PgEngine
      await pgAddIndexes(engine.store)
      psql(`VACUUM (ANALYZE) ${table}`)
      reads.push({ size: label, op: 'copy from SQLite (rows/s)', app_ms: Math.round(copied.copied / copySeconds), psql_ms: null, ratio: null, note: 'batches of 2,000, with checksums after' })
      const cols = 'id, type, status, created_at, updated_at, octet_length(result)'
      const record = (op: string, ms: number[], sql: string | null, note?: string) => {
        const app = median(ms)
        const shell = sql ? median(Array.from({ length: Math.min(runs, 3) }, () => psql(sql))) : null
        reads.push({ size: label, op, app_ms: round(app), psql_ms: shell === null ? null : round(shell), ratio: shell ? round(app / shell) : null, note })
        log(`  ${op.padEnd(40)} ${round(app).toString().padStart(8)} ms${shell !== null ? `   psql ${round(shell)} ms` : ''}`)
      }
      const timed = async (fn: () => Promise<unknown>) => {
        const out: number[] = []
        for (let i = 0; i < runs; i++) {
          const s = performance.now()
          await fn()
          out.push(performance.now() - s)
        }
        return out
      }
      const page = (filter: TaskFilter, sort: TaskSort, extra: { after?: string | null; skip?: number; budgetMs?: number } = {}) => () =>
        engine.list({ filter, sort, page: { limit: 100, after: extra.after ?? null, ...(extra.skip ? { skip: extra.skip } : {}) }, budgetMs: extra.budgetMs }, now)
      const newest: TaskSort = { field: 'created_at', dir: 'desc' }
      if (withReads) {
      record('first page', await timed(page({}, newest)), `SELECT ${cols} FROM ${table} ORDER BY created_at DESC, id DESC LIMIT 101`)
      record('page: status=error, newest first', await timed(page({ statuses: ['error'] }, newest)), `SELECT ${cols} FROM ${table} WHERE status IN ('error') ORDER BY created_at DESC, id DESC LIMIT 101`)
      record('page: type=form, by updated asc', await timed(page({ types: ['form'] }, { field: 'updated_at', dir: 'asc' })), `SELECT ${cols} FROM ${table} WHERE type IN ('form') ORDER BY updated_at ASC, id ASC LIMIT 101`)
      let cursor: string | null = null
      for (let i = 0; i < 50; i++) cursor = (await page({}, newest, { after: cursor })()).next
      record('page 51 (keyset)', await timed(page({}, newest, { after: cursor })), `SELECT ${cols} FROM ${table} ORDER BY created_at DESC, id DESC LIMIT 100 OFFSET 5000`, 'psql: OFFSET 5000')
      record('jump to the middle (skip from the top)', await timed(page({}, newest, { skip: Math.floor(rows / 2) })), `SELECT ${cols} FROM ${table} ORDER BY created_at DESC, id DESC LIMIT 100 OFFSET ${Math.floor(rows / 2)}`, 'both OFFSET')
      record('count, no filter', await timed(() => engine.count({ filter: {} })), `SELECT count(*) FROM ${table}`)
      record('count, status=error', await timed(() => engine.count({ filter: { statuses: ['error'] } })), `SELECT count(*) FROM ${table} WHERE status IN ('error')`)
      record('count, text in results', await timed(() => engine.count({ filter: { text: 'sample text 4242' } })), `SELECT count(*) FROM ${table} WHERE result ILIKE '%sample text 4242%'`)
      record('text search, first page (streamed, 400 ms)', await timed(page({ text: 'sample text 4242' }, newest, { budgetMs: 400 })), `SELECT ${cols} FROM ${table} WHERE result ILIKE '%sample text 4242%' ORDER BY created_at DESC, id DESC LIMIT 101`)
      record('facets, no filter', await timed(() => engine.facets({ filter: {}, part: 'all' }, now)), `SELECT status, count(*) FROM ${table} GROUP BY 1; SELECT type, count(*) FROM ${table} GROUP BY 1`, 'psql: status and type only')
      record('facets (status, type): first answer, 250 ms budget', await timed(() => engine.facets({ filter: {}, part: 'counts', budgetMs: 250 }, now)), null, 'partial or whole')
      record('facets (error groups): first answer, 250 ms budget', await timed(() => engine.facets({ filter: {}, part: 'errors', budgetMs: 250 }, now)), null, 'partial or whole')
      record('count, text: first answer, 250 ms budget', await timed(() => engine.count({ filter: { text: 'sample text 4242' }, budgetMs: 250 })), null, 'partial or whole')
      }
      await engine.close()

      // Purge half the rows by creation time, on this file's shape and on uuid ids in no key order.
      for (const shape of ['sequential', 'random-ids'] as const) {
        if (!withPurges || (shape === 'random-ids' && rows < 1_000_000)) continue
        const source = shape === 'sequential' ? table : `${schema}.rnd`
        if (shape === 'random-ids') {
          const rfile = join(dataDir, `random-ids-${label.toLowerCase()}.db`)
          buildShapedDb(rfile, 'random-ids', rows, now, log)
          await copyTasks(rfile, `${pgUrl}?table=${source}`, { batch: 2000, distributeBy })
          const e = (await openEngine(`${pgUrl}?table=${source}`, {})) as PgEngine
          await pgAddIndexes(e.store)
          await e.close()
        }
        psql(likeTable(`${schema}.app`, source) + likeTable(`${schema}.shell`, source))
        psql(`VACUUM (ANALYZE) ${schema}.app`)
        psql(`VACUUM (ANALYZE) ${schema}.shell`)
        const cut = Number(spawnSync(psqlBin, ['-X', '-At', pgUrl!, '-c', `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY created_at) FROM ${source}`], { encoding: 'utf8' }).stdout.trim())
        // psql's single DELETE, with the writer; then the app's purge on the identical copy, with the writer.
        // Ids start with 8 hex digits: the row number on the sequential file, random on uuid ids.
        const range = shape === 'sequential' ? rows : 2 ** 32
        checkpoint()
        const shellWriter = await startWriter(root, pgUrl!, `${schema}.shell`, range, citus)
        await new Promise((r) => setTimeout(r, 300))
        t = performance.now()
        psql(`DELETE FROM ${schema}.shell WHERE created_at < ${cut}`)
        const psqlSeconds = (performance.now() - t) / 1000
        await new Promise((r) => setTimeout(r, 300))
        const sw = await shellWriter.stop()
        checkpoint()
        const app = (await openEngine(`${pgUrl}?table=${schema}.app`, {})) as PgEngine
        const chunks: number[] = []
        const appWriter = await startWriter(root, pgUrl!, `${schema}.app`, range, citus)
        await new Promise((r) => setTimeout(r, 300))
        t = performance.now()
        const r = await app.purge({ filter: { createdTo: cut } }, { onChunk: (ms) => chunks.push(ms) })
        const appSeconds = (performance.now() - t) / 1000
        await new Promise((r) => setTimeout(r, 300))
        const aw = await appWriter.stop()
        await app.close()
        const round2 = (x: number) => Math.round(x * 100) / 100
        purges.push({ size: label, shape, deleted: r.deleted, app_s: round2(appSeconds), psql_s: round2(psqlSeconds), ratio: round2(appSeconds / psqlSeconds), worst_tx_ms: round(Math.max(...chunks)), writer_app_max_ms: round(aw.max_ms), writer_psql_max_ms: round(sw.max_ms), writer_commits: aw.commits })
        log(`  purge half (${shape}): app ${round2(appSeconds)} s vs psql DELETE ${round2(psqlSeconds)} s; worst tx ${round(Math.max(...chunks))} ms; writer worst wait ${round(aw.max_ms)} ms (during psql's DELETE: ${round(sw.max_ms)} ms)`)
        psql(`DROP TABLE ${schema}.app; DROP TABLE ${schema}.shell`)
      }
    }
  } finally {
    cluster?.stop()
  }
  return { reads, purges }
}
