import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { openEngine } from '../src/main/store/open-engine'
import type { PgEngine } from '../src/main/store/pg/engine'
import { freshTableUrl, pgSkipReason, pgUrl } from './pg'
import { tempDir } from './helpers'

// The command line on PostgreSQL: the same commands, `--db postgres://…`, the password kept out of every output,
// libpq's environment and ~/.pgpass read, the move across and back with checksums, and a stopped copy resumed.

const describePg = pgUrl ? describe : describe.skip
if (!pgUrl) console.warn(`PostgreSQL CLI tests skipped: ${pgSkipReason}`)

const password = pgUrl ? decodeURIComponent(new URL(pgUrl).password) : ''
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function table(name = 'tasks') {
  const t = await freshTableUrl(name)
  cleanups.push(t.close)
  return t
}

async function cli(args: string[], signal = new AbortController().signal) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal } })
  const stdout = out.join('\n')
  return { code, stdout, stderr: err.join('\n'), json: () => JSON.parse(stdout) as Record<string, unknown> }
}

/** The built command line in a process of its own, with the environment given (PG* variables, PGPASSFILE). */
function builtCli(args: string[], env: NodeJS.ProcessEnv) {
  const bin = join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js')
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tempDir(), ...env } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describePg('docusnap-tasks on PostgreSQL', () => {
  it('init, add, update, status, result, list, count, stats, cleanup: the seed functions on a PostgreSQL table', async () => {
    const { url } = await table()
    expect((await cli(['init', '--db', url, '--json'])).json()).toMatchObject({ created: true, kind: 'seed' })
    expect((await cli(['init', '--db', url, '--json'])).json()).toMatchObject({ created: false })
    expect((await cli(['add', 't1', '--type', 'document', '--db', url, '--json'])).json()).toMatchObject({ id: 't1', status: 'pending', updated_at: null })
    expect((await cli(['update', 't1', '--status', 'completed', '--result', '{"标题": "发票", "n": 1.0}', '--db', url, '--json'])).json()).toEqual({ updated: 1 })
    expect((await cli(['result', 't1', '--db', url, '--json'])).json()).toMatchObject({ status: 'completed', result: { 标题: '发票', n: 1 } })
    expect((await cli(['result', 't1', '--db', url])).stdout).toBe('{"标题": "发票", "n": 1.0}')
    expect((await cli(['update', 'nope', '--status', 'x', '--db', url])).code).toBe(1)
    expect((await cli(['demo', '--count', '500', '--seed', '3', '--db', url, '--json'])).json()).toEqual({ inserted: 500 })
    const count = (await cli(['count', '--db', url, '--json'])).json().count as number
    expect(count).toBe(501)
    const list = (await cli(['list', '--limit', '10', '--status', 'error', '--db', url, '--json'])).json()
    expect((list.tasks as { status: string }[]).every((t) => t.status === 'error')).toBe(true)
    const stats = (await cli(['stats', '--db', url, '--json'])).json()
    expect(stats).toMatchObject({ kind: 'seed', total: 501, postgres: { server_version: expect.stringMatching(/^\d+/) } })
    const dry = (await cli(['cleanup', '--days', '7', '--dry-run', '--db', url, '--json'])).json()
    const run = (await cli(['cleanup', '--days', '7', '--db', url, '--json'])).json()
    expect(run.deleted).toBe(dry.would_delete)
    expect((await cli(['count', '--older-than', '7', '--db', url, '--json'])).json()).toEqual({ count: 0 })
  })

  it('the password never appears: not in answers, errors, progress or the JSON of stats', async () => {
    const { url } = await table()
    await cli(['demo', '--count', '50', '--db', url])
    for (const args of [['stats'], ['list'], ['purge', '--all', '--yes'], ['count', '--json']]) {
      const r = await cli([...args, '--db', url])
      expect(r.stdout + r.stderr).not.toContain(password)
    }
    const wrong = url.replace(encodeURIComponent(password), 'not-the-password')
    const r = await cli(['count', '--db', wrong])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/refused the login/)
    expect(r.stderr).not.toContain('not-the-password')
    const missing = await cli(['count', '--db', url.replace(/table=[^&]+/, 'table=nowhere.tasks')])
    expect(missing.stderr).toMatch(/there is no table nowhere\.tasks/)
    expect(missing.stderr).not.toContain(password)
  })

  it('reads PG* variables and ~/.pgpass (PGPASSFILE) as libpq does; without a password it says what is missing', () => {
    if (!existsSync(join(import.meta.dirname, '..', 'out', 'main', 'cli.js'))) throw new Error('npm run build first')
    const u = new URL(pgUrl!)
    const env = { PGHOST: u.hostname, PGPORT: u.port, PGUSER: 'postgres', PGDATABASE: 'postgres' }
    const bare = 'postgres://?table=public.nothing_here'
    const none = builtCli(['count', '--db', bare], env)
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/asks for a password and none was given|refused the login/)
    expect(builtCli(['count', '--db', bare], { ...env, PGPASSWORD: password }).stderr).toMatch(/there is no table public\.nothing_here/)
    const pass = join(tempDir(), 'pgpass')
    writeFileSync(pass, `${u.hostname}:${u.port}:*:postgres:${password}\n`)
    chmodSync(pass, 0o600)
    const viaFile = builtCli(['count', '--db', bare], { ...env, PGPASSFILE: pass })
    expect(viaFile.stderr).toMatch(/there is no table public\.nothing_here/)
    expect(viaFile.stderr).not.toContain(password)
  })

  it('--read-only is read-only on the server: a write the app would not even try is refused there too', async () => {
    const { url } = await table()
    await cli(['demo', '--count', '20', '--db', url])
    const r = await cli(['purge', '--all', '--yes', '--read-only', '--db', url])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/read-only/)
    const engine = (await openEngine(url, { readOnly: true })) as PgEngine
    try {
      await expect(engine.store.pool.query(`DELETE FROM ${engine.store.table}`)).rejects.toMatchObject({ code: '25006' })
    } finally {
      await engine.close()
    }
    expect((await cli(['count', '--db', url, '--json'])).json()).toEqual({ count: 20 })
  })

  it('copy: SQLite → PostgreSQL → SQLite, the same rows and checksums; a stopped copy resumes', async () => {
    for (const schema of ['seed', 'backend'] as const) {
      const dir = tempDir()
      const a = join(dir, 'a.db')
      await cli(['demo', '--count', '3000', '--seed', '5', '--schema', schema, '--db', a])
      const t = await table()
      const { url } = t
      // Stopped once the first batch has arrived (as Ctrl-C does), then run again: the stop follows the copy's
      // progress, not a timer, so a slow machine stops it at the same point.
      const stop = new AbortController()
      let finished = false
      const running = cli(['copy', '--from', a, '--to', url, '--batch', '200', '--json'], stop.signal).finally(() => (finished = true))
      const arrived = async () => Number((await t.query(`SELECT count(*) AS n FROM ${t.schema}.tasks`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n)
      while (!finished && (await arrived()) === 0) await new Promise((r) => setImmediate(r))
      stop.abort()
      const first = await running
      const resumed = (await cli(['copy', '--from', a, '--to', url, '--batch', '500', '--json'])).json()
      expect(resumed).toMatchObject({ agree: true, cancelled: false, rows: { from: 3000, to: 3000 } })
      if (first.code === 1) expect(resumed.skipped).toBeGreaterThan(0)
      expect((resumed.copied as number) + (resumed.skipped as number)).toBe(3000)
      expect(JSON.stringify(resumed)).not.toContain(password)
      // And back, into a new file.
      const b = join(dir, 'b.db')
      const back = (await cli(['copy', '--from', url, '--to', b, '--json'])).json()
      expect(back).toMatchObject({ agree: true, created: true, copied: 3000, skipped: 0 })
      const dump = (f: string) => spawnSync('sqlite3', [f, 'SELECT * FROM tasks ORDER BY 1, 2, 3'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout
      if (spawnSync('sqlite3', ['--version']).status === 0) expect(dump(b)).toBe(dump(a))
    }
  })

  it('copy into a table whose rows differ says so and exits 1', async () => {
    const dir = tempDir()
    const a = join(dir, 'a.db')
    await cli(['demo', '--count', '100', '--seed', '9', '--db', a])
    const t = await table()
    await cli(['copy', '--from', a, '--to', t.url])
    await t.query(`UPDATE ${t.schema}.tasks SET status = 'changed' WHERE id IN (SELECT id FROM ${t.schema}.tasks LIMIT 3)`)
    const r = await cli(['copy', '--from', a, '--to', t.url])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Checksums differ for: status\./)
    expect(r.stdout).toMatch(/\(100 already there\)/)
  })
})
