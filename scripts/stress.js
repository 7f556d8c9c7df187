#!/usr/bin/env node
// npm run stress [-- --seconds 120 --rows 100000]
// Minutes of mixed load on one database, bounded in time: a Python stand-in for DocuSnap-Backend writes every 20 ms
// throughout, while purges run through the real CLI and are killed with SIGKILL at random moments, and reads (list,
// count, facets, stats) run in between. After every step the file is checked: integrity, whole chunks only (what a
// killed purge deleted is a prefix, in rowid order, of what matched), no row outside a purge's filter lost.
// Prints operations done, errors, rows lost and integrity results, also as JSON (--json).
import Database from 'better-sqlite3'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'bin', 'docusnap-tasks.js')
const writerScript = join(root, 'test', 'fixtures', 'backend_writer.py')
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '120' }, rows: { type: 'string', default: '100000' }, json: { type: 'boolean' } } })
const seconds = Number(values.seconds)
const rows = Number(values.rows)
const dir = mkdtempSync(join(tmpdir(), 'docusnap-stress-'))
const db = join(dir, 'tasks.db')
const say = (s) => !values.json && process.stdout.write(`${s}\n`)

const cli = (args, env = {}) => spawnSync(process.execPath, [bin, ...args, '--db', db, '--json'], { encoding: 'utf8', env: { ...process.env, ...env } })
const rowidsOf = (status) => {
  const d = new Database(db, { readonly: true, timeout: 5000 })
  try {
    return d.prepare("SELECT rowid FROM tasks WHERE status = ? AND id NOT LIKE 'w-%' ORDER BY rowid").pluck().all(status)
  } finally {
    d.close()
  }
}
/** @returns {number} */
const othersCount = (status) => {
  const d = new Database(db, { readonly: true, timeout: 5000 })
  try {
    return /** @type {number} */ (d.prepare("SELECT count(*) FROM tasks WHERE status != ? AND id NOT LIKE 'w-%'").pluck().get(status))
  } finally {
    d.close()
  }
}
const integrity = () => {
  const d = new Database(db, { timeout: 5000 })
  try {
    return d.pragma('integrity_check', { simple: true })
  } finally {
    d.close()
  }
}

say(`Building ${rows.toLocaleString('en-US')} tasks in ${db}…`)
const built = cli(['demo', '--count', String(rows), '--seed', '1'])
if (built.status !== 0) throw new Error(built.stderr)

const stats = { seconds, rows, iterations: 0, purges: 0, kills: 0, killedMidway: 0, reads: 0, refills: 0, errors: /** @type {string[]} */ ([]), rowsLost: 0, prefixViolations: 0, integrityChecks: 0, integrityFailures: 0 }
const writer = spawn('python3', [writerScript, db, String(seconds + 5)])
let writerOut = ''
writer.stdout.on('data', (c) => (writerOut += String(c)))

const started = Date.now()
const slow = { DOCUSNAP_CHUNK_MS: '5', DOCUSNAP_CHUNK_GAP_MS: '5' }
while (Date.now() - started < seconds * 1000) {
  stats.iterations++
  const status = Math.random() < 0.5 ? 'completed' : 'error'
  const matching = rowidsOf(status)
  const others = othersCount(status)
  const child = spawn(process.execPath, [bin, 'purge', '--status', status, '--yes', '--db', db], { env: { ...process.env, ...slow }, stdio: 'ignore' })
  const exited = new Promise((r) => child.once('exit', (c) => r(c)))
  stats.purges++
  const kill = Math.random() < 0.7
  if (kill) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 400))
    if (child.exitCode === null) {
      child.kill('SIGKILL')
      stats.kills++
    }
  }
  const code = await exited
  if (!kill && code !== 0) stats.errors.push(`purge exited ${code}`)
  stats.integrityChecks++
  if (integrity() !== 'ok') stats.integrityFailures++
  const left = rowidsOf(status)
  const deleted = matching.length - left.length
  if (deleted > 0 && left.length > 0) stats.killedMidway++
  if (left.some((r, i) => r !== matching[deleted + i])) stats.prefixViolations++
  const othersNow = othersCount(status)
  if (othersNow < others) stats.rowsLost += others - othersNow
  // Finish the job; it must delete exactly what is left.
  const again = cli(['purge', '--status', status, '--yes'])
  if (again.status !== 0) stats.errors.push(`re-run: ${again.stderr.trim()}`)
  else if (JSON.parse(again.stdout).deleted !== left.length) stats.errors.push(`re-run deleted ${again.stdout.trim()}, expected ${left.length}`)
  // Reads in between.
  for (const args of [['count'], ['facets'], ['list', '--limit', '100'], ['stats'], ['count', '--search', '发票']]) {
    const r = cli(args)
    stats.reads++
    if (r.status !== 0) stats.errors.push(`${args[0]}: ${r.stderr.trim()}`)
  }
  // Keep something to purge.
  if (rowidsOf('completed').length < rows / 10) {
    const r = cli(['demo', '--count', String(Math.floor(rows / 2))])
    stats.refills++
    if (r.status !== 0) stats.errors.push(`demo: ${r.stderr.trim()}`)
  }
}
await new Promise((r) => writer.once('exit', r))
const w = JSON.parse(writerOut || '{}')
stats.writer = { ops: w.ops, errors: w.errors?.length ?? null, locked: (w.errors ?? []).filter((e) => /locked/.test(e)).length, max_wait_ms: w.max_wait_ms, p99_wait_ms: w.p99_wait_ms }
const d = new Database(db, { readonly: true })
const present = new Set(d.prepare("SELECT id FROM tasks WHERE id LIKE 'w-%'").pluck().all())
d.close()
stats.writerRowsLost = (w.inserted ?? []).filter((k) => !present.has(k)).length
stats.integrityFinal = integrity()
rmSync(dir, { recursive: true, force: true })

if (values.json) process.stdout.write(`${JSON.stringify(stats)}\n`)
else {
  say(`\n${stats.iterations} rounds in ${seconds} s: ${stats.purges} purges, ${stats.kills} killed with SIGKILL (${stats.killedMidway} part-way), ${stats.reads} reads, ${stats.refills} refills`)
  say(`integrity: ${stats.integrityChecks - stats.integrityFailures}/${stats.integrityChecks} ok, final ${stats.integrityFinal}`)
  say(`rows lost outside a purge's filter: ${stats.rowsLost}; chunk-order violations: ${stats.prefixViolations}; backend rows lost: ${stats.writerRowsLost}`)
  say(`backend writer: ${stats.writer.ops} commits, ${stats.writer.errors} errors (${stats.writer.locked} "locked"), max wait ${stats.writer.max_wait_ms} ms, p99 ${stats.writer.p99_wait_ms} ms`)
  say(`errors: ${stats.errors.length ? stats.errors.slice(0, 10).join(' | ') : 'none'}`)
}
const ok = stats.integrityFailures === 0 && stats.rowsLost === 0 && stats.prefixViolations === 0 && stats.writerRowsLost === 0 && stats.errors.length === 0 && stats.writer.errors === 0
process.exitCode = ok ? 0 : 1
