import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { takeSnapshot } from '../src/main/store/sqlite/chunked'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import { purgeTasks } from '../src/main/store/sqlite/purge'
import { toUtcText } from '../src/main/store/model/dialect'
import { buildShapedDb, type BenchShape } from './build-db'
import { runWriter, type WriterReport } from './writer'
import { cleanupTarget, expiryTarget } from '../src/main/store/model/rules'

// Purges on the file shapes users have (npm run bench -- --purge-shapes): each shape's expiry (the seed's 7 days by
// creation time; the backend's 3 days by last access) on a fresh copy of the same file, run by
//   - the sqlite3 shell's single DELETE (what an operator runs at 3 a.m. with the backend stopped),
//   - fixed rowid windows of 2,000 / 8,000 / 32,000 rows in a loop with the app's 25 ms gap,
//   - the app (pacer and walk), and the app in a maintenance window (backend stopped, so no writer),
//   - the app again with a competing process writing and fsyncing 1 MB at a time (a busy disk).
// A stand-in backend commits every 20 ms during every run but the shell's and the maintenance window's; its worst
// wait is reported. Bytes written per transaction come from /proc/self/io (this process's writes: journal and file).

export interface PurgeShapeRow {
  shape: BenchShape
  rows: number
  run: string
  deleted: number
  seconds: number
  rows_per_s: number
  transactions: number | null
  worst_tx_ms: number | null
  p95_tx_ms: number | null
  mb_per_tx: number | null
  /** The longest read-ahead of a window (the app's walks): a shared lock a backend's commit may wait behind. */
  worst_read_ms: number | null
  writer_max_wait_ms: number | null
  writer_errors: number | null
  note?: string
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN
}
const wchar = () => {
  try {
    return Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN)
  } catch {
    return NaN
  }
}
/** A process that keeps the disk busy: 1 MB written and fsynced, over and over, beside the database. */
function fsyncLoad(dir: string): ChildProcess {
  const file = join(dir, 'fsync-load.bin')
  return spawn(process.execPath, [
    '-e',
    `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(file)},'w');const b=Buffer.alloc(1<<20,7);for(;;){fs.writeSync(fd,b,0,b.length,0);fs.fsyncSync(fd)}`
  ])
}

/** The shape's expiry as SQL (for the shell and the fixed loops) and as the app's target. */
function expiry(shape: BenchShape, now: number) {
  if (shape === 'backend') {
    const cutoff = toUtcText(now - 3 * 86_400)
    return { sql: `last_accessed < '${cutoff}'`, minutes: 3 * 1440 }
  }
  return { sql: `created_at < ${now - 7 * 86_400}`, minutes: 7 * 1440 }
}

async function fixedLoop(file: string, windowRows: number, where: string): Promise<{ deleted: number; ms: number[]; bytes: number }> {
  const db = new Database(file, { timeout: 5000 })
  const max = (db.prepare('SELECT max(rowid) AS m FROM tasks').get() as { m: number }).m
  const del = db.prepare(`DELETE FROM tasks WHERE rowid > ? AND rowid <= ? AND rowid <= ${max} AND ${where}`)
  const ms: number[] = []
  let deleted = 0
  const before = wchar()
  for (let c = 0; c < max; c += windowRows) {
    const t = performance.now()
    db.transaction(() => (deleted += del.run(c, c + windowRows).changes)).immediate()
    ms.push(performance.now() - t)
    await new Promise((r) => setTimeout(r, 25))
  }
  db.close()
  return { deleted, ms, bytes: wchar() - before }
}

export async function purgeShapesBench(root: string, dataDir: string, shapes: readonly BenchShape[], sizes: readonly { label: string; rows: number }[], now: number, log: (s: string) => void): Promise<PurgeShapeRow[]> {
  const out: PurgeShapeRow[] = []
  const haveShell = spawnSync('sqlite3', ['--version']).status === 0
  for (const { label, rows } of sizes)
    for (const shape of shapes) {
      const file = join(dataDir, shape === 'sequential' ? `seed-${label.toLowerCase()}.db` : `${shape}-${label.toLowerCase()}.db`)
      log(`\nPurge on the ${shape} shape, ${label} tasks (${file})`)
      buildShapedDb(file, shape, rows, now, log)
      const { sql, minutes } = expiry(shape, now)
      const kind = shape === 'backend' ? 'backend' : 'seed'
      const copy = join(dataDir, `purge-shape-${shape}.db`)
      const fresh = () => {
        copyFileSync(file, copy)
        rmSync(`${copy}-journal`, { force: true })
        spawnSync('sync')
      }
      const push = (run: string, deleted: number, seconds: number, tx: number[] | null, bytes: number | null, writer: WriterReport | null, note?: string, reads: number[] = []) => {
        const row: PurgeShapeRow = {
          shape,
          rows,
          run,
          deleted,
          seconds: round(seconds),
          rows_per_s: Math.round(deleted / seconds),
          transactions: tx ? tx.length : null,
          worst_tx_ms: tx ? round(Math.max(...tx), 0) : null,
          p95_tx_ms: tx ? round(quantile(tx, 0.95), 0) : null,
          mb_per_tx: tx && bytes !== null && Number.isFinite(bytes) ? round(bytes / tx.length / 1e6) : null,
          worst_read_ms: reads.length ? round(Math.max(...reads), 0) : null,
          writer_max_wait_ms: writer?.max_wait_ms ?? null,
          writer_errors: writer ? writer.errors.length : null,
          note
        }
        out.push(row)
        log(
          `  ${run.padEnd(28)} ${String(row.seconds).padStart(6)} s  ${String(row.rows_per_s).padStart(7)} rows/s` +
            (tx ? `  ${tx.length} tx, worst ${row.worst_tx_ms} ms, ${row.mb_per_tx ?? '?'} MB/tx` : '') +
            (row.worst_read_ms !== null ? `, worst read-ahead ${row.worst_read_ms} ms` : '') +
            (writer ? `  writer max wait ${writer.max_wait_ms} ms, ${writer.errors.length} errors` : '')
        )
      }

      if (haveShell) {
        fresh()
        const t = performance.now()
        const r = spawnSync('sqlite3', [copy, `DELETE FROM tasks WHERE ${sql}; SELECT changes();`], { encoding: 'utf8' })
        push('sqlite3 single DELETE', Number(r.stdout.trim()), (performance.now() - t) / 1000, null, null, null, 'backend stopped')
      }
      for (const w of [2000, 8000, 32_000]) {
        fresh()
        const writer = runWriter(root, copy, kind)
        const t = performance.now()
        const r = await fixedLoop(copy, w, sql)
        const seconds = (performance.now() - t) / 1000
        push(`fixed ${w.toLocaleString('en-US')}-row windows`, r.deleted, seconds, r.ms, r.bytes, await writer.stop())
      }
      const app = async (run: string, maintenance: boolean, load: boolean, byType = false) => {
        fresh()
        const store = openStore(copy)
        // By type too: the second column that once made SQLite plan each window through idx_tasks_type_created.
        const target = shape === 'backend' ? expiryTarget(store.dialect.kind, minutes, now) : byType ? { filter: { types: ['document'], olderThanDays: minutes / 1440 } } : cleanupTarget(minutes / 1440)
        const writer = maintenance ? null : runWriter(root, copy, kind)
        const busy = load ? fsyncLoad(dataDir) : null
        const tx: number[] = []
        const reads: number[] = []
        let walk = ''
        const before = wchar()
        const t = performance.now()
        const r = await purgeTasks(store, target, { snapshot: takeSnapshot(store, now), maintenance, onChunk: (ms) => tx.push(ms), onWalk: (w) => (walk = w), onReadAhead: (ms) => reads.push(ms) })
        const seconds = (performance.now() - t) / 1000
        const bytes = wchar() - before
        busy?.kill()
        closeStore(store)
        push(run, r.deleted, seconds, tx, bytes, writer ? await writer.stop() : null, `${walk} walk${maintenance ? ', backend stopped' : ''}`, reads)
      }
      await app('app', false, false)
      await app('app, maintenance window', true, false)
      if (shape === 'random-order') await app('app, disk busy (fsync loop)', false, true)
      if (shape !== 'backend') await app('app, type = document too', false, false, true)
      rmSync(copy, { force: true })
      rmSync(join(dataDir, 'fsync-load.bin'), { force: true })
    }
  return out
}
