import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { TaskFilter, TaskSort } from '../src/shared/filter'
import { appRoot, builtPaths } from '../src/main/paths'
import { pooledHost, workerHost } from '../src/main/store/host'
import { FacetScan, facetTasks } from '../src/main/store/sqlite/facets'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { purgeTasks } from '../src/main/store/sqlite/purge'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { CountScan, countTasks } from '../src/main/store/sqlite/count'
import type { WindowProgress } from '../src/shared/results'
import { rendererBench, type RendererFigures } from './renderer'
import { BENCH_SHAPES, buildBenchDb, type BenchShape } from './build-db'
import { purgeShapesBench } from './purge-shapes'
import { unindexedReadsBench } from './unindexed-reads'
import { pgBench } from './pg-bench'
import { sqlConsoleBench } from './sql-console'
import { startWriter as startWriterIn } from './writer'

// npm run bench [-- --sizes 100k,1m,10m --runs 5 --json]
// Builds (or reuses) seed-format databases in bench-data/, times each admin operation several times, and prints the
// median and p95 per operation and size beside the sqlite3 shell's time for the same SQL on the same file. Then the
// figures that matter for sharing the file with a live backend: a Python writer committing every 20 ms while the app
// reads and purges (its commit waits and any "database is locked"), the longest write transaction, and the event-loop
// lag of a thread that hands the purge to the store worker.

const root = appRoot()
const dataDir = join(root, 'bench-data')
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean' },
    'no-shell': { type: 'boolean' },
    // Skip the purge (it copies the file twice: minutes and gigabytes at 10 M) or the browser figures.
    'no-purge': { type: 'boolean' },
    'no-renderer': { type: 'boolean' },
    // Only the purge figures (the reads take minutes at 10 M).
    'no-reads': { type: 'boolean' },
    // Only purges on the file shapes users have (purge-shapes.ts), at --sizes (default 1m); --shapes picks some.
    'purge-shapes': { type: 'boolean' },
    shapes: { type: 'string', default: BENCH_SHAPES.join(',') },
    // Only reads on files without a time index (unindexed-reads.ts), at --sizes (default 100k,1m,10m).
    unindexed: { type: 'boolean' },
    // The same reads and a purge on PostgreSQL or Citus (pg-bench.ts), beside psql; a throwaway cluster unless --pg-url.
    engine: { type: 'string', default: 'sqlite' },
    // Only the SQL console's figures (sql-console.ts): first rows of a query, a whole export beside the shell.
    sql: { type: 'boolean' },
    'pg-url': { type: 'string' }
  }
})
const runs = Math.max(1, Number(values.runs))
const parseSize = (s: string) => Math.round(Number.parseFloat(s) * (/m$/i.test(s) ? 1e6 : /k$/i.test(s) ? 1e3 : 1))
const sizes = values.sizes.split(',').map((s) => ({ label: s.trim().toUpperCase(), rows: parseSize(s.trim()) }))
const log = (s: string) => !values.json && process.stderr.write(`${s}\n`)
const haveShell = !values['no-shell'] && spawnSync('sqlite3', ['--version']).status === 0

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN
}
const round = (x: number) => Math.round(x * 10) / 10

function time(fn: () => unknown, n = runs): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    fn()
    out.push(performance.now() - t)
  }
  return out
}

/** The sqlite3 shell running the same SQL on the same file (process start included, as a user would see it). */
function shellTimes(file: string, sql: string, n = Math.min(runs, 3)): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = spawnSync('sqlite3', [file, sql], { stdio: ['ignore', 'ignore', 'pipe'] })
    if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`)
    out.push(performance.now() - t)
  }
  return out
}

interface Row {
  size: string
  op: string
  median_ms: number
  p95_ms: number
  shell_ms: number | null
  ratio: number | null
  note?: string
}

const results: Row[] = []
const record = (size: string, op: string, ms: number[], shell: number[] | null, note?: string) => {
  const median = quantile(ms, 0.5)
  const shellMedian = shell ? quantile(shell, 0.5) : null
  results.push({ size, op, median_ms: round(median), p95_ms: round(quantile(ms, 0.95)), shell_ms: shellMedian === null ? null : round(shellMedian), ratio: shellMedian ? round(median / shellMedian) : null, note })
  log(`  ${op.padEnd(34)} median ${round(median).toString().padStart(8)} ms  p95 ${round(quantile(ms, 0.95)).toString().padStart(8)} ms${shellMedian !== null ? `  sqlite3 ${round(shellMedian)} ms` : ''}`)
}

const startWriter = (file: string, seconds: number) => startWriterIn(root, file, seconds)

const writerFigures: Record<string, unknown>[] = []
const lagFigures: Record<string, unknown>[] = []
const now = Math.floor(Date.now() / 1000)
mkdirSync(dataDir, { recursive: true })

if (values.engine === 'postgres' || values.engine === 'citus') {
  const { reads, purges } = await pgBench(root, dataDir, sizes, now, runs, values['pg-url'], log, !values['no-reads'], values.engine, !values['no-purge'])
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString().slice(0, 10) }
  writeFileSync(join(dataDir, `${values.engine}.json`), JSON.stringify({ machine, reads, purges }, null, 2))
  if (values.json) process.stdout.write(`${JSON.stringify({ machine, reads, purges })}\n`)
  else {
    console.log(`\n${machine.cpus} × ${machine.cpu}, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.date}`)
    console.log('| size | operation | app ms | psql ms | ratio |')
    console.log('| --- | --- | ---: | ---: | ---: |')
    for (const r of reads) console.log(`| ${r.size} | ${r.op}${r.note ? ` (${r.note})` : ''} | ${r.app_ms.toLocaleString('en-US')} | ${r.psql_ms ?? '—'} | ${r.ratio ?? '—'} |`)
    console.log('\n| size | purge half by creation time | deleted | app s | psql DELETE s | ratio | worst tx ms | writer worst wait: app / psql ms |')
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const p of purges) console.log(`| ${p.size} | ${p.shape} | ${p.deleted.toLocaleString('en-US')} | ${p.app_s} | ${p.psql_s} | ${p.ratio} | ${p.worst_tx_ms} | ${p.writer_app_max_ms} / ${p.writer_psql_max_ms} |`)
  }
  process.exit(0)
}
if (values.engine !== 'sqlite') throw new Error('--engine: sqlite, postgres or citus')

if (values.sql) {
  const rows = await sqlConsoleBench(root, dataDir, process.argv.includes('--sizes') ? sizes : [{ label: '1M', rows: 1_000_000 }], now, runs, log)
  writeFileSync(join(dataDir, 'sql-console.json'), JSON.stringify({ rows }, null, 2))
  console.log('| size | in the view: Run to 100 rows drawn (ms) | first query, process start included (ms) | next queries (ms) | export to CSV (s) | sqlite3 .mode csv (s) | speed vs shell | console peak memory (MB) |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows) console.log(`| ${r.size} | ${r.view_ms ?? '—'} | ${r.first_query_ms} | ${r.query_ms} | ${r.export_s} | ${r.shell_export_s ?? '—'} | ${r.speed_vs_shell ?? '—'} | ${r.peak_rss_mb ?? '—'} |`)
  process.exit(0)
}

if (values.unindexed) {
  const rows = await unindexedReadsBench(root, dataDir, process.argv.includes('--sizes') ? sizes : [100_000, 1_000_000, 10_000_000].map((n) => ({ label: n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}K`, rows: n })), now, runs, log)
  writeFileSync(join(dataDir, 'unindexed-reads.json'), JSON.stringify({ rows }, null, 2))
  console.log('| file | size | operation | app ms | sqlite3 ms | backend writer: worst wait ms |')
  console.log('| --- | --- | --- | ---: | ---: | ---: |')
  for (const r of rows) console.log(`| ${r.shape === 'backend' ? 'backend' : 'seed module'} | ${r.size} | ${r.op} | ${r.median_ms} | ${r.shell_ms ?? '—'} | ${r.writer_max_wait_ms ?? '—'} |`)
  process.exit(0)
}

if (values['purge-shapes']) {
  const shapes = values.shapes.split(',').map((s) => s.trim()) as BenchShape[]
  const unknown = shapes.filter((s) => !BENCH_SHAPES.includes(s))
  if (unknown.length) throw new Error(`--shapes: unknown ${unknown.join(', ')} (known: ${BENCH_SHAPES.join(', ')})`)
  const rows = await purgeShapesBench(root, dataDir, shapes, process.argv.includes('--sizes') ? sizes : [{ label: '1M', rows: 1_000_000 }], now, log)
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString().slice(0, 10) }
  writeFileSync(join(dataDir, 'purge-shapes.json'), JSON.stringify({ machine, rows }, null, 2))
  if (values.json) process.stdout.write(`${JSON.stringify({ machine, rows })}\n`)
  else {
    console.log(`\n${machine.cpus} × ${machine.cpu}, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.date}`)
    console.log('| shape | run | deleted | s | rows/s | tx | worst tx ms | worst read-ahead ms | MB/tx | writer max wait ms |')
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const r of rows)
      console.log(`| ${r.shape} | ${r.run} | ${r.deleted.toLocaleString('en-US')} | ${r.seconds} | ${r.rows_per_s.toLocaleString('en-US')} | ${r.transactions ?? '—'} | ${r.worst_tx_ms ?? '—'} | ${r.worst_read_ms ?? '—'} | ${r.mb_per_tx ?? '—'} | ${r.writer_max_wait_ms ?? '—'}${r.writer_errors ? ` (${r.writer_errors} errors)` : ''} |`)
    console.log(`\nJSON: ${join(dataDir, 'purge-shapes.json')}`)
  }
  process.exit(0)
}

for (const { label, rows } of sizes) {
  const file = join(dataDir, `seed-${label.toLowerCase()}.db`)
  log(`\n${label} tasks (${file})`)
  buildBenchDb(file, rows, now, log)
  // (Debian's sqlite3 shell predates octet_length; length() does the same work.)
  const sqlCols = 'id, type, status, created_at, updated_at, length(result)'

  if (!values['no-reads']) {
    // Opening the file and showing the first page, as a cold start does.
    record(label, 'open + first page', time(() => {
      const s = openStore(file)
      listTasks(s)
      closeStore(s)
    }), haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 101`) : null)

    const store: Store = openStore(file)
    const page = (filter: TaskFilter, sort: TaskSort) => () => listTasks(store, filter, sort, { limit: 100 })
    record(label, 'first page', time(page({}, { field: 'created_at', dir: 'desc' })), null)
    record(label, 'page: status=error, newest first', time(page({ statuses: ['error'] }, { field: 'created_at', dir: 'desc' })),
      haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks WHERE status IN ('error') ORDER BY created_at DESC, rowid DESC LIMIT 101`) : null)
    record(label, 'page: type=form, by updated asc', time(page({ types: ['form'] }, { field: 'updated_at', dir: 'asc' })),
      haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks WHERE type IN ('form') ORDER BY updated_at ASC, rowid ASC LIMIT 101`) : null)
    // Page 50 by keyset: the cost does not grow with depth.
    let cursor: string | null = null
    for (let i = 0; i < 50; i++) cursor = listTasks(store, {}, { field: 'created_at', dir: 'desc' }, { limit: 100, after: cursor }).next
    record(label, 'page 51 (keyset)', time(() => listTasks(store, {}, { field: 'created_at', dir: 'desc' }, { limit: 100, after: cursor })),
      haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100 OFFSET 5000`) : null, 'shell: OFFSET 5000')
    // Half the table deep, by keyset: costs what the first page costs.
    {
      const mid = store.db.prepare('SELECT created_at AS v, rowid AS r FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 1 OFFSET ?').get(Math.floor(rows / 2)) as { v: number; r: number }
      const deep = Buffer.from(JSON.stringify([mid.v, mid.r])).toString('base64url')
      record(label, 'page half the table deep (keyset)', time(() => listTasks(store, {}, { field: 'created_at', dir: 'desc' }, { limit: 100, after: deep })), null)
    }
    // The grid's scrollbar dragged to the middle: no cursor there yet, so the store skips half the table to it.
    const half = Math.floor(rows / 2)
    record(label, 'jump to the middle (skip from the top)', time(() => listTasks(store, {}, { field: 'created_at', dir: 'desc' }, { limit: 200, skip: half })),
      haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 200 OFFSET ${half}`) : null, 'shell: OFFSET')
    record(label, 'jump to the middle, status=completed', time(() => listTasks(store, { statuses: ['completed'] }, { field: 'created_at', dir: 'desc' }, { limit: 200, skip: Math.floor(half * 0.9) })), null)
    record(label, 'count, no filter', time(() => countTasks(store)), haveShell ? shellTimes(file, 'SELECT count(*) FROM tasks') : null)
    record(label, 'count, status=error', time(() => countTasks(store, { statuses: ['error'] })), haveShell ? shellTimes(file, "SELECT count(*) FROM tasks WHERE status IN ('error')") : null)
    record(label, 'count, text in results', time(() => countTasks(store, { text: 'sample text 4242' })),
      haveShell ? shellTimes(file, "SELECT count(*) FROM tasks WHERE result LIKE '%sample text 4242%' ESCAPE '\\'") : null)
    record(label, 'text search, first page', time(page({ text: 'sample text 4242' }, { field: 'created_at', dir: 'desc' })),
      haveShell ? shellTimes(file, `SELECT ${sqlCols} FROM tasks WHERE result LIKE '%sample text 4242%' ESCAPE '\\' ORDER BY created_at DESC, rowid DESC LIMIT 101`) : null)
    record(label, 'facets, no filter', time(() => facetTasks(store)), haveShell ? shellTimes(file, 'SELECT status, count(*) FROM tasks GROUP BY status; SELECT type, count(*) FROM tasks GROUP BY type') : null, 'shell: status and type only')
    record(label, 'facets, created last 7 days', time(() => facetTasks(store, { createdFrom: now - 7 * 86_400 })), null)

    // A page asked for while a facet count runs: served by another connection, it does not wait for the count.
    {
      const pooled = pooledHost(builtPaths(root).worker, { watchMs: 0 })
      await pooled.call('db.open', { path: file, readOnly: true })
      const waits: number[] = []
      for (let i = 0; i < runs; i++) {
        const facets = pooled.call('tasks.facets', { filter: {}, part: 'all' })
        const t = performance.now()
        await pooled.call('tasks.list', { filter: {}, sort: { field: 'created_at', dir: 'desc' }, page: { limit: 100 } })
        waits.push(performance.now() - t)
        await facets
      }
      await pooled.close()
      record(label, 'first page while facets run', waits, null, 'through the worker threads')
    }

    // The long reads as the UI asks for them: within a budget of 250 ms a request (400 ms for a search page), answered
    // partially and continued until complete.
    const budgeted = (op: string, make: () => { run(budgetMs: number): WindowProgress }) => {
      const first: number[] = []
      const total: number[] = []
      const requests: number[] = []
      for (let i = 0; i < runs; i++) {
        const t = performance.now()
        const scan = make()
        let p = scan.run(250)
        first.push(performance.now() - t)
        let n = 1
        while (!p.complete) {
          p = scan.run(250)
          n++
        }
        total.push(performance.now() - t)
        requests.push(n)
      }
      record(label, `${op}: first answer`, first, null, 'budget 250 ms a request')
      record(label, `${op}: complete`, total, null, `${quantile(requests, 0.5)} requests`)
    }
    budgeted('facets, status and type', () => new FacetScan(store, {}, now, 'counts'))
    budgeted('facets, error groups', () => new FacetScan(store, {}, now, 'errors'))
    budgeted('facets under a text filter', () => new FacetScan(store, { text: 'sample text 4242' }, now, 'counts'))
    budgeted('count, text in results', () => new CountScan(store, { text: 'sample text 4242' }, now))
    {
      const first: number[] = []
      const firstMatch: number[] = []
      const hundred: number[] = []
      for (let i = 0; i < runs; i++) {
        const t = performance.now()
        let page = listTasks(store, { text: 'sample text 4242' }, { field: 'created_at', dir: 'desc' }, { limit: 100 }, now, { budgetMs: 400 })
        first.push(performance.now() - t)
        let found = page.tasks.length
        if (found) firstMatch.push(performance.now() - t)
        while (page.partial && page.next && found < 100) {
          page = listTasks(store, { text: 'sample text 4242' }, { field: 'created_at', dir: 'desc' }, { limit: 100, after: page.next }, now, { budgetMs: 400 })
          if (!found && page.tasks.length) firstMatch.push(performance.now() - t)
          found += page.tasks.length
        }
        hundred.push(performance.now() - t)
      }
      record(label, 'text search (streamed): first answer', first, null, 'budget 400 ms a page')
      if (firstMatch.length) record(label, 'text search (streamed): first match', firstMatch, null, 'the newest match')
      record(label, 'text search (streamed): 100 matches', hundred, null, 'or the end of the table')
    }

    // Reads while the backend writes: pages and indexed counts, then the long reads window by window.
    const readsWriter = startWriter(file, 4)
    const until = performance.now() + 3500
    while (performance.now() < until) {
      listTasks(store, { statuses: ['error'] })
      listTasks(store, {}, { field: 'created_at', dir: 'desc' }, { limit: 200, skip: Math.floor(Math.random() * rows) })
      countTasks(store, { statuses: ['completed'] })
      facetTasks(store, { createdFrom: now - 86_400 })
    }
    const rw = await readsWriter
    if (rw) writerFigures.push({ size: label, during: 'list, jumps, count, facets', commits: rw.ops, errors: rw.errors.length, locked: rw.errors.filter((e) => /locked/.test(e)).length, max_wait_ms: rw.max_wait_ms, p99_wait_ms: rw.p99_wait_ms })
    const longWriter = startWriter(file, 6)
    const longUntil = performance.now() + 5500
    while (performance.now() < longUntil) {
      const facets = new FacetScan(store, {}, now, 'all')
      while (!facets.run(250).complete && performance.now() < longUntil);
      const count = new CountScan(store, { text: 'sample text 4242' }, now)
      while (!count.run(250).complete && performance.now() < longUntil);
      listTasks(store, { text: 'sample text 4242' }, { field: 'created_at', dir: 'desc' }, { limit: 100 }, now, { budgetMs: 400 })
    }
    closeStore(store)
    const lw = await longWriter
    if (lw) writerFigures.push({ size: label, during: 'facets, text counts and searches (windowed)', commits: lw.ops, errors: lw.errors.length, locked: lw.errors.filter((e) => /locked/.test(e)).length, max_wait_ms: lw.max_wait_ms, p99_wait_ms: lw.p99_wait_ms })
  }
  if (values['no-purge']) continue

  // Purge half the rows (created more than 15 days ago) on a copy, against the shell's single DELETE on another copy.
  const copy = join(dataDir, `purge-${label.toLowerCase()}.db`)
  copyFileSync(file, copy)
  let shellPurge: number[] | null = null
  if (haveShell) {
    const shellCopy = join(dataDir, `shell-${label.toLowerCase()}.db`)
    copyFileSync(file, shellCopy)
    shellPurge = shellTimes(shellCopy, `DELETE FROM tasks WHERE created_at < ${now - 15 * 86_400}`, 1)
    rmSync(shellCopy, { force: true })
  }
  const host = workerHost(builtPaths(root).worker, {})
  await host.call('db.open', { path: copy })
  const preview = await host.call('tasks.preview', { target: { filter: { olderThanDays: 15 } } })
  const purgeWriter = startWriter(copy, 2)
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const t = performance.now()
  const r = await host.call('tasks.purge', { target: { filter: { olderThanDays: 15 } }, snapshot: preview.snapshot, jobId: 'bench' })
  const purgeMs = performance.now() - t
  lag.disable()
  await host.close()
  // The longest single transaction, measured in-process on another copy with the same machinery.
  const copy2 = join(dataDir, `purge2-${label.toLowerCase()}.db`)
  copyFileSync(file, copy2)
  const chunks: number[] = []
  const s2 = openStore(copy2)
  await purgeTasks(s2, { filter: { olderThanDays: 15 } }, { onChunk: (ms) => chunks.push(ms) })
  closeStore(s2)
  const over = chunks.filter((ms) => ms > 200).length
  record(
    label,
    `purge half (${r.deleted.toLocaleString('en-US')} rows)`,
    [purgeMs],
    shellPurge,
    `${chunks.length} transactions: p95 ${round(quantile(chunks, 0.95))} ms, longest ${round(Math.max(...chunks))} ms (#${chunks.indexOf(Math.max(...chunks)) + 1}), ${over} over 200 ms`
  )
  lagFigures.push({ size: label, during: 'purge half in the worker', max_lag_ms: round(lag.max / 1e6), p99_lag_ms: round(lag.percentile(99) / 1e6) })
  const pw = await purgeWriter
  if (pw) writerFigures.push({ size: label, during: 'purge half', commits: pw.ops, errors: pw.errors.length, locked: pw.errors.filter((e) => /locked/.test(e)).length, max_wait_ms: pw.max_wait_ms, p99_wait_ms: pw.p99_wait_ms })
  for (const f of [copy, copy2]) rmSync(f, { force: true })
}

// The renderer in a browser, on the 1 M file when it was part of this run (else the largest).
let renderer: RendererFigures | null = null
if (!values['no-renderer']) {
  const largest = [...sizes].sort((a, b) => Math.abs(a.rows - 1e6) - Math.abs(b.rows - 1e6))[0]
  if (largest) {
    log(`\nRenderer (Chromium, serve mode, ${largest.label} tasks)`)
    renderer = await rendererBench(root, join(dataDir, `seed-${largest.label.toLowerCase()}.db`), runs, log)
  }
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString().slice(0, 10) }
const report = { machine, results, writer: writerFigures, event_loop: lagFigures, renderer }
writeFileSync(join(dataDir, 'results.json'), JSON.stringify(report, null, 2))
if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`)
else {
  const line = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  const widths = [5, 36, 10, 10, 10, 7, 30]
  console.log(`\n${machine.cpus} × ${machine.cpu}, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.date}`)
  console.log(line(['size', 'operation', 'median ms', 'p95 ms', 'sqlite3', 'ratio', 'note'], widths))
  for (const r of results) console.log(line([r.size, r.op, String(r.median_ms), String(r.p95_ms), r.shell_ms === null ? '—' : String(r.shell_ms), r.ratio === null ? '—' : `${r.ratio}×`, r.note ?? ''], widths))
  console.log('\nBackend writer (one commit every 20 ms, 5 s busy timeout):')
  for (const w of writerFigures) console.log(`  ${w.size} during ${w.during}: ${w.commits} commits, ${w.errors} errors (${w.locked} "locked"), max wait ${w.max_wait_ms} ms, p99 ${w.p99_wait_ms} ms`)
  console.log('Event loop of the thread serving the UI:')
  for (const l of lagFigures) console.log(`  ${l.size} during ${l.during}: max lag ${l.max_lag_ms} ms, p99 ${l.p99_lag_ms} ms`)
  if (renderer)
    console.log(
      `Renderer (${renderer.rows_in_table.toLocaleString('en-US')} tasks): scrolling ${renderer.fps} fps (p95 frame ${renderer.p95_frame_ms} ms, max ${renderer.max_frame_ms} ms), ` +
        `rows up to ${renderer.furthest_row.toLocaleString('en-US')} shown in ${renderer.scroll_seconds} s of flinging and dragging, ` +
        `JS heap at most ${renderer.heap_mb} MB (${renderer.heap_after_gc_mb} MB after GC); a jump shows its rows in ${renderer.jump_ms.join(', ')} ms; End ${renderer.end_reached ? 'shows the last task' : 'DOES NOT reach the last task'}; ` +
        `10 MB result in the detail panel: ${renderer.detail_10mb_ms.join(', ')} ms`
    )
  console.log(`\nJSON: ${join(dataDir, 'results.json')}`)
}
if (!existsSync(join(dataDir, 'results.json'))) process.exitCode = 1
