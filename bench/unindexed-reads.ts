import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { listTasks, progressiveSortWalk } from '../src/main/store/sqlite/tasks'
import { buildShapedDb, type BenchShape } from './build-db'
import { runWriter } from './writer'

// Reads on the files the seed module and the backend write (npm run bench -- --unindexed): only their keys (and the
// backend's idx_client_sha), no index on the time columns. For each size: the first answer of the newest-first page
// within its 50 ms budget, the exact page, a jump to the middle, and keyset page 51 — each on a fresh connection (so
// no cached walk helps) beside the sqlite3 shell's same query, then the worst wait of a stand-in backend committing
// every 20 ms while the operation runs again and again for 4 s.

export interface UnindexedRow {
  shape: BenchShape
  size: string
  op: string
  median_ms: number
  shell_ms: number | null
  writer_max_wait_ms: number | null
}

const round = (x: number) => Math.round(x * 10) / 10
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const newest = { field: 'created_at' as const, dir: 'desc' as const }

function shell(file: string, sql: string, runs: number): number | null {
  if (spawnSync('sqlite3', ['--version']).status !== 0) return null
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    spawnSync('sqlite3', [file, sql], { stdio: 'ignore' })
    out.push(performance.now() - t)
  }
  return round(median(out))
}

export async function unindexedReadsBench(root: string, dataDir: string, sizes: readonly { label: string; rows: number }[], now: number, runs: number, log: (s: string) => void): Promise<UnindexedRow[]> {
  const out: UnindexedRow[] = []
  for (const { label, rows } of sizes)
    for (const shape of ['random-ids', 'backend'] as const) {
      const file = join(dataDir, `${shape}-${label.toLowerCase()}.db`)
      log(`\nUnindexed reads, ${shape === 'backend' ? "the backend's file" : "the seed module's file"}, ${label} tasks (${file})`)
      buildShapedDb(file, shape, rows, now, log)
      const column = 'created_at'
      const cols = shape === 'backend' ? 'client_id, sha256, type, status, created_at, last_accessed' : 'id, type, status, created_at, updated_at'
      // Page 50's cursor, found once (keyset pages from the start).
      let cursor: string | null = null
      {
        const s = openStore(file, { readOnly: true })
        for (let i = 0; i < 50; i++) cursor = listTasks(s, {}, newest, { limit: 100, after: cursor }, now).next
        closeStore(s)
      }
      const fresh = (fn: (s: Store) => unknown) => () => {
        const s = openStore(file, { readOnly: true })
        try {
          fn(s)
        } finally {
          closeStore(s)
        }
      }
      const ops: { op: string; run: () => void; sql: string | null }[] = [
        {
          // In the store: the walk's start and its first windows (the connection is opened before the clock starts).
          op: 'first answer (50 ms budget)',
          run: () => {
            const s = openStore(file, { readOnly: true })
            const t = performance.now()
            progressiveSortWalk(s, {}, newest, { limit: 100 }, now)!.run(50)
            firstAnswer.push(performance.now() - t)
            closeStore(s)
          },
          sql: null
        },
        { op: 'exact first page', run: fresh((s) => listTasks(s, {}, newest, { limit: 100 }, now)), sql: `SELECT ${cols} FROM tasks ORDER BY ${column} DESC, rowid DESC LIMIT 101` },
        {
          op: 'jump to the middle',
          run: fresh((s) => listTasks(s, {}, newest, { limit: 100, skip: Math.floor(rows / 2) }, now)),
          sql: `SELECT ${cols} FROM tasks ORDER BY ${column} DESC, rowid DESC LIMIT 100 OFFSET ${Math.floor(rows / 2)}`
        },
        {
          op: 'keyset page 51',
          run: fresh((s) => listTasks(s, {}, newest, { limit: 100, after: cursor }, now)),
          sql: `SELECT ${cols} FROM tasks ORDER BY ${column} DESC, rowid DESC LIMIT 100 OFFSET 5000`
        }
      ]
      const firstAnswer: number[] = []
      for (const { op, run, sql } of ops) {
        let times: number[] = []
        for (let i = 0; i < runs; i++) {
          const t = performance.now()
          run()
          times.push(performance.now() - t)
        }
        if (firstAnswer.length) times = firstAnswer.splice(0)
        const shellMs = sql ? shell(file, sql, Math.min(runs, 3)) : null
        const writer = runWriter(root, file, shape === 'backend' ? 'backend' : 'seed')
        const until = performance.now() + 4000
        await new Promise((r) => setTimeout(r, 200))
        while (performance.now() < until) {
          run()
          await new Promise((r) => setTimeout(r, 5))
        }
        const w = await writer.stop()
        firstAnswer.length = 0
        const row = { shape, size: label, op, median_ms: round(median(times)), shell_ms: shellMs, writer_max_wait_ms: w?.max_wait_ms ?? null }
        out.push(row)
        log(`  ${op.padEnd(30)} ${String(row.median_ms).padStart(8)} ms   sqlite3 ${row.shell_ms ?? '—'} ms   writer max wait ${row.writer_max_wait_ms ?? '—'} ms`)
      }
    }
  return out
}
