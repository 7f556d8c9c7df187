import { afterEach, describe, expect, it, vi } from 'vitest'
import pg from 'pg'
import { createDispatcher } from '../src/main/handlers'
import { GrantedPaths, servedFiles } from '../src/main/path-policy'
import { inProcessHost } from '../src/main/store/host'
import { openEngine } from '../src/main/store/open-engine'
import type { PgEngine } from '../src/main/store/pg/engine'
import { parsePgUrl, redactUrls } from '../src/main/store/pg/url'
import { StoreSession } from '../src/main/store/session'
import { nowSeconds } from '../src/main/store/model/time'
import { toUtcText } from '../src/main/store/model/dialect'
import { settingsSchema, DEFAULT_SETTINGS } from '../src/shared/settings'
import { EMPTY_PG_FIELDS, pgFieldsOf, pgFieldsProblem, pgUrlOf } from '../src/shared/pg-fields'
import type { Output } from '../src/shared/contract'
import { distribute } from '../src/main/store/pg/citus'
import { citusUrl, freshTableUrl, pgSkipReason, pgUrl } from './pg'

const describePg = pgUrl ? describe : describe.skip
if (!pgUrl) console.warn(`PostgreSQL store tests skipped: ${pgSkipReason}`)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

describe('PostgreSQL URLs: parsed, shown without the password, built from the Connect dialog', () => {
  it('keeps the password out of what is shown, and a table or schema.table', () => {
    const t = parsePgUrl('postgresql://ops:s3cr%40t%3A%2F@db.internal:6432/docusnap?table=ops.tasks&sslmode=require')
    expect(t).toMatchObject({ password: 's3cr@t:/', table: ['ops', 'tasks'] })
    expect(t.shown).toBe('postgresql://ops@db.internal:6432/docusnap?table=ops.tasks&sslmode=require')
    expect(t.connectionString).toBe('postgresql://ops@db.internal:6432/docusnap?sslmode=require')
    expect(parsePgUrl('postgres://h/db').table).toEqual([null, 'tasks'])
    for (const bad of ['postgres://h/db?table=a;drop', 'postgres://h/db?table=a.b.c', 'postgres://h/db?table="x"'])
      expect(() => parsePgUrl(bad)).toThrow(/not a table name this app accepts/)
    expect(redactUrls('could not open postgres://u:pw@h/db and postgresql://v:x%20y@h2/d')).toBe('could not open postgres://u@h/db and postgresql://v@h2/d')
  })

  it('the dialog’s fields make the URL and back; odd passwords survive; IPv6 hosts are bracketed', () => {
    const fields = { ...EMPTY_PG_FIELDS, host: '::1', port: '5433', database: 'docu snap', user: 'ops@corp', password: 'p@ss:/#?%', table: 'ops.tasks', sslmode: 'verify-full' as const }
    const url = pgUrlOf(fields)
    expect(parsePgUrl(url).password).toBe('p@ss:/#?%')
    expect(pgUrlOf(fields, false)).toBe('postgres://ops%40corp@[::1]:5433/docu%20snap?table=ops.tasks&sslmode=verify-full')
    expect(pgFieldsOf(url)).toEqual({ ...fields, password: '' })
    expect(pgFieldsProblem({ ...fields, table: '' })).toBe('table')
    expect(pgFieldsProblem({ ...fields, port: '70000' })).toBe('port')
    expect(pgFieldsProblem({ ...EMPTY_PG_FIELDS })).toBeNull()
    expect(pgUrlOf(EMPTY_PG_FIELDS)).toBe('postgres:///?table=tasks')
  })

  it('settings keep URLs without a password, and refuse one with', () => {
    const ok = { ...DEFAULT_SETTINGS, recentFiles: ['postgres://ops@db:5432/d?table=tasks'] }
    expect(settingsSchema.safeParse(ok).success).toBe(true)
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, recentFiles: ['postgres://ops:pw@db:5432/d?table=tasks'] }).success).toBe(false)
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, cleanup: { 'postgres://ops:pw@db/d': { rule: { enabled: true, days: 7 }, history: [] } } }).success).toBe(false)
  })

  it('a server serves its own table only: the page names it without a password (or with the one its user typed)', () => {
    const served = 'postgres://ops:pw@db:5432/d?table=ops.tasks'
    const policy = servedFiles([served])
    const known = { recent: [], ruled: [] }
    expect(policy.allow('postgres://ops@db:5432/d?table=ops.tasks', 'open', known)).toBe(served)
    expect(policy.allow('postgres://ops:typed@db:5432/d?table=ops.tasks', 'open', known)).toBe('postgres://ops:typed@db:5432/d?table=ops.tasks')
    for (const other of ['postgres://ops@db:5432/d?table=ops.other', 'postgres://ops@other:5432/d?table=ops.tasks', 'postgres://root@db:5432/d?table=ops.tasks', 'postgres://ops@db:5432/x?table=ops.tasks'])
      expect(() => policy.allow(other, 'open', known)).toThrow(/serves only the database it was started on/)
    expect(() => policy.allow('postgres://ops@db:5432/d?table=ops.tasks', 'create', known)).toThrow(/does not create or write/)
  })

  it('the desktop confirms natively a URL main did not hand out, naming where it connects, and every copy target', async () => {
    const asked: unknown[] = []
    let answer = false
    const desktop = new GrantedPaths(async (endpoint, use) => (asked.push({ ...endpoint, use }), answer))
    const url = 'postgres://ops:pw@db:5433/d?table=ops.tasks'
    const known = { recent: [] as string[], ruled: [] }
    await expect(desktop.allow(url, 'open', known)).rejects.toThrow(/not confirmed in the app's own dialog/)
    expect(asked).toEqual([{ host: 'db', port: 5433, database: 'd', user: 'ops', table: 'ops.tasks', use: 'open' }])
    answer = true
    await expect(desktop.allow(url, 'open', known)).resolves.toBe(url)
    // Confirmed once: the same table (with or without its password) opens without asking again.
    await expect(desktop.allow('postgres://ops@db:5433/d?table=ops.tasks', 'open', known)).resolves.toBeTruthy()
    expect(asked).toHaveLength(2)
    // A copy's target is asked every time; an export never goes to a URL.
    await desktop.allow(url, 'create', known)
    await desktop.allow(url, 'create', known)
    expect(asked.slice(2)).toEqual([expect.objectContaining({ use: 'copy' }), expect.objectContaining({ use: 'copy' })])
    await expect(desktop.allow(url, 'export', known)).rejects.toThrow(/export is written to a file/)
    // Handed out by main: the command line (grant) and the recent list it keeps.
    answer = false
    desktop.grant('postgres://me@cli-host/x', 'open')
    await expect(desktop.allow('postgres://me:pw@cli-host/x', 'open', known)).resolves.toBeTruthy()
    await expect(desktop.allow('postgres://me@recent/x', 'open', { recent: ['postgres://me@recent/x'], ruled: [] })).resolves.toBeTruthy()
    expect(asked).toHaveLength(4)
  })

  it('a compromised renderer cannot make main probe a port: nothing connects before the native confirmation', async () => {
    const { createServer } = await import('node:net')
    let connections = 0
    const listener = createServer((socket) => (connections++, socket.destroy()))
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()))
    const port = (listener.address() as { port: number }).port
    const host = inProcessHost({ watchMs: 0 })
    try {
      const dispatch = createDispatcher(host, { carrier: 'electron', version: 't', readOnly: false, paths: new GrantedPaths(async () => false) })
      for (const channel of ['db.probe', 'db.open'] as const)
        expect(await dispatch(channel, { path: `postgres://victim@127.0.0.1:${port}/d` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await dispatch('db.probe', { path: `postgres://victim@127.0.0.1:${port}/d?host=/var/run/postgresql` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(connections).toBe(0)
    } finally {
      await host.close()
      listener.close()
    }
  })

  it('a page cannot make the server copy to another database; the desktop can', async () => {
    const host = inProcessHost({ watchMs: 0 })
    try {
      const http = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false, paths: servedFiles(['/nowhere.db']) })
      expect(await http('db.copy', { to: 'postgres://u@h/d', jobId: 'c' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/copying to another database is not offered/) } })
      const desktop = createDispatcher(host, { carrier: 'electron', version: 't', readOnly: false, paths: new GrantedPaths(async () => true) })
      // Allowed through, then refused by the store for want of an open database: the policy let it pass.
      expect(await desktop('db.copy', { to: 'postgres://u@h/d', jobId: 'c' })).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } })
    } finally {
      await host.close()
    }
  })
})

async function table(name = 'tasks', server = pgUrl) {
  const t = await freshTableUrl(name, server)
  cleanups.push(t.close)
  return t
}

async function session(url: string) {
  const events: { event: string; payload: unknown }[] = []
  const s = new StoreSession((event, payload) => events.push({ event, payload }), { watchMs: 0 })
  cleanups.push(() => s.dispose())
  await s.handle('db.open', { path: url })
  return { s, events }
}

describePg('PostgreSQL tables as their users create them', () => {
  it('backend shape with timestamptz times: pages, time filters, expiry by last access, detail as UTC text', async () => {
    const t = await table()
    await t.query(`CREATE TABLE ${t.schema}.tasks (client_id text, sha256 text, type text, status text NOT NULL, result text, error_detail text,
      created_at timestamptz, last_accessed timestamptz, PRIMARY KEY (client_id, sha256, type))`)
    const now = nowSeconds()
    for (let i = 0; i < 50; i++)
      await t.query(`INSERT INTO ${t.schema}.tasks VALUES ($1, $2, 'doc', $3, 'gAAAA', $4, to_timestamp($5) + interval '123 microseconds', to_timestamp($6))`, [
        `c${i % 3}`,
        `h${i}`,
        i % 5 === 0 ? 'error' : 'completed',
        i % 5 === 0 ? 'OCR_FAILURE' : null,
        now - i * 3600,
        now - i * 7200
      ])
    const { s } = await session(t.url)
    // Every page in order, each task once, across ties of the microsecond-carrying times.
    const seen: string[] = []
    let after: string | null = null
    do {
      const page: Output<'tasks.list'> = await s.handle('tasks.list', { filter: {}, sort: { field: 'created_at', dir: 'desc' }, page: { limit: 7, after } })
      seen.push(...page.tasks.map((x) => x.key))
      after = page.next
    } while (after)
    expect(new Set(seen).size).toBe(50)
    const first = (await s.handle('tasks.list', { filter: {}, sort: { field: 'created_at', dir: 'desc' }, page: { limit: 1 } })).tasks[0]!
    expect(first.created_at).toBe(toUtcText(now))
    expect(first.created).toBe(now)
    // From-bounds are inclusive: the task created exactly 10 h ago (plus microseconds) is within them, as on SQLite.
    // "Now" is the test's own (a fixed clock): on a slow machine a second may pass between the inserts and the count.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(now * 1000 + 999)
      expect((await s.handle('tasks.count', { filter: { createdWithin: 10 * 3600 } })).count).toBe(11)
    } finally {
      vi.useRealTimers()
    }
    expect((await s.handle('tasks.facets', { filter: {}, part: 'all' })).error).toEqual({ OCR_FAILURE: 10 })
    // Last accessed i * 2 h ago: i ≥ 12 expire after a day (12 is 24 h ago to the second; strictly older only) — on
    // the same fixed clock, or a second passing before the cleanup makes it 38 (seen on a loaded machine).
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(now * 1000 + 999)
      expect((await s.handle('tasks.cleanup', { expireMinutes: 24 * 60, jobId: 'e' })).deleted).toBe(37)
    } finally {
      vi.useRealTimers()
    }
  })

  it('seed shape with jsonb results: the error facet reads the JSON; a NaN the jsonb cannot hold is refused clearly', async () => {
    const t = await table()
    await t.query(`CREATE TABLE ${t.schema}.tasks (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL, result jsonb, created_at bigint NOT NULL, updated_at bigint)`)
    const now = nowSeconds()
    await t.query(`INSERT INTO ${t.schema}.tasks VALUES ('a', 'document', 'error', '{"error": {"code": "OCR_FAILURE"}}', $1, $1), ('b', 'form', 'error', '{"error_code": "LLM_FAILURE"}', $1, $1),
      ('c', 'form', 'error', '"plain message"', $1, $1), ('d', 'form', 'completed', '{"title": "发票"}', $1, $1)`, [now])
    const { s } = await session(t.url)
    expect((await s.handle('tasks.facets', { filter: {}, part: 'errors' })).error).toEqual({ LLM_FAILURE: 1, OCR_FAILURE: 1, 'plain message': 1 })
    expect((await s.handle('tasks.count', { filter: { text: '发票' } })).count).toBe(1)
    expect((await s.handle('tasks.get', { key: 'd' }))?.result).toEqual({ kind: 'json', text: '{"title": "发票"}' })
    await expect(s.handle('tasks.update', { key: 'd', status: 'completed', result: '{"x": NaN}' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/jsonb/) })
    expect(await s.handle('tasks.update', { key: 'd', status: 'completed', result: '{"score": 0.5}' })).toEqual({ updated: 1, resultKept: false })
  })

  it('a count within a budget: a slow one answers partially, goes on with resume, and ends exact', async () => {
    const t = await table()
    await expect(session(t.url)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/there is no table/) })
    const engine = await openEngine(t.url, { create: true })
    cleanups.push(() => engine.close())
    await engine.demo(40_000, 30, 4)
    const filter = { text: 'e' }
    const exact = (await engine.count({ filter })).count
    let r = await engine.count({ filter, budgetMs: 10 })
    let calls = 1
    while (!r.progress!.complete) {
      expect(r.progress!.fraction).toBeGreaterThanOrEqual(0)
      expect(r.count).toBeLessThanOrEqual(exact)
      r = await engine.count({ filter, budgetMs: 10, resume: true })
      calls++
    }
    expect(r.count).toBe(exact)
    expect(calls).toBeGreaterThan(1)
  })

  it('another session’s commits are seen (pg_stat_user_tables), and a dropped table closes with a message', async () => {
    const t = await table()
    await t.query(`CREATE TABLE ${t.schema}.tasks (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL, result text, created_at bigint NOT NULL, updated_at bigint)`)
    await t.query(`CREATE INDEX ON ${t.schema}.tasks (created_at)`)
    const { s, events } = await session(t.url)
    await s.watch()
    // A new task: seen at the next look through the indexed newest creation time (the statistics come later).
    await t.query(`INSERT INTO ${t.schema}.tasks VALUES ('x', 'form', 'pending', NULL, 1, NULL)`)
    await s.watch()
    expect(events.filter((e) => e.event === 'db.changed')).toEqual([{ event: 'db.changed', payload: { reason: 'external' } }])
    // A delete: through the change counters, once the other session has flushed its statistics.
    await t.query(`DELETE FROM ${t.schema}.tasks`)
    await expect.poll(async () => (await s.watch(), events.filter((e) => e.event === 'db.changed').length), { timeout: 15_000, interval: 300 }).toBe(2)
    await t.query(`DROP TABLE ${t.schema}.tasks`)
    await s.watch()
    expect(events.find((e) => e.event === 'db.closed')?.payload).toMatchObject({ reason: 'error', message: expect.stringMatching(/dropped or renamed/) })
  })
})

/** The servers the purge tests beside a backend run on: plain PostgreSQL, and a Citus table distributed by id. */
const BESIDE_THE_BACKEND = [
  ['PostgreSQL', pgUrl],
  ['a Citus table distributed by id', citusUrl]
] as const

/** 3,000 demo tasks in a fresh table of that server (distributed by id on Citus), and the engine on it. */
async function demoTable(server: string, seed: number) {
  const t = await table('tasks', server)
  const engine = (await openEngine(t.url, { create: true })) as PgEngine
  cleanups.push(() => engine.close())
  if (server === citusUrl) await distribute(engine.store, 'id')
  await engine.demo(3000, 30, seed)
  return { t, engine }
}

// On Citus the held row is on a worker: the purge's lock_timeout must reach it there, or the purge would queue.
for (const [name, server] of BESIDE_THE_BACKEND)
  describe.skipIf(!server)(`a purge beside the backend on ${name}`, () => {
    it('never queues behind a row the backend holds: it steps back, says it waits, finishes when the lock goes, and the backend never waits on it', async () => {
      const { t, engine } = await demoTable(server!, 8)
      const backend = new pg.Client({ connectionString: server! })
      await backend.connect()
      cleanups.push(() => backend.end())
      // The backend holds one row that the purge wants until the purge says it waits for it.
      const [held] = (await backend.query(`SELECT id FROM ${t.schema}.tasks ORDER BY id LIMIT 1 OFFSET 1500`)).rows as { id: string }[]
      await backend.query('BEGIN')
      await backend.query(`UPDATE ${t.schema}.tasks SET status = 'processing' WHERE id = $1`, [held!.id])
      const chunks: number[] = []
      let waiting = false
      const purge = engine.purge({ filter: {} }, { onChunk: (ms) => chunks.push(ms), onProgress: (p) => (waiting ||= p.waiting === 'lock') })
      await expect.poll(() => waiting, { timeout: 30_000, interval: 50 }).toBe(true)
      // Meanwhile the backend writes rows the purge walks over: none of its statements waits long.
      const started = performance.now()
      await backend.query(`UPDATE ${t.schema}.tasks SET status = 'completed' WHERE id IN (SELECT id FROM ${t.schema}.tasks ORDER BY id DESC LIMIT 20)`)
      const waited = performance.now() - started
      await backend.query('COMMIT')
      const r = await purge
      expect(r.cancelled).toBe(false)
      // Everything that existed at the start is gone, the held row included, once it was let go.
      expect((await engine.count({ filter: {} })).count).toBe(0)
      expect(r.deleted).toBe(3000)
      expect(waited).toBeLessThan(1000)
      expect(Math.max(...chunks)).toBeLessThan(2000)
    })
  })

// On Citus too: the newest creation time the window watches is read across the shards through the coordinator.
for (const [name, server] of BESIDE_THE_BACKEND)
  describe.skipIf(!server)(`a maintenance window on ${name}`, () => {
    it('ends at the first task another program creates: progress says so, and that task is untouched', async () => {
      const { t, engine } = await demoTable(server!, 12)
      await engine.addIndexes()
      const seen: (boolean | undefined)[] = []
      let wrote = false
      const r = await engine.purge(
        { filter: {} },
        {
          maintenance: true,
          maxRows: 40,
          onProgress: (p) => {
            seen.push(p.maintenance)
            // The backend starts while the purge runs: a new task, created now.
            if (!wrote && p.done > 0) {
              wrote = true
              void t.query(`INSERT INTO ${t.schema}.tasks (id, type, status, created_at) VALUES ('late', 'form', 'pending', $1)`, [nowSeconds() + 1])
            }
          }
        }
      )
      expect(r).toMatchObject({ deleted: 3000, cancelled: false })
      expect(seen[0]).toBe(true)
      expect(seen.at(-1)).toBe(false)
      // Once off, never back on.
      expect(seen.slice(seen.indexOf(false)).every((m) => m === false)).toBe(true)
      expect(await engine.get('late')).toMatchObject({ id: 'late', status: 'pending' })
    })
  })

describePg('error groups of seed results: SQLite, PostgreSQL text and PostgreSQL jsonb group alike', () => {
  // Every shape the seed module's error results take (issue 30.6), each several times under different neighbours.
  const results = [
    '{"error": {"code": "OCR_FAILURE", "message": "模糊"}}',
    '{"error": "OCR_FAILURE", "message": "处理失败: upstream returned 502"}',
    '{"message": "处理失败: upstream returned 502", "error": "OCR_FAILURE"}',
    '{"error": {"message": "only a message"}}',
    '{"error": {"code": 504}}',
    '{"error_code": "LLM_FAILURE"}',
    '{"error_code": "B", "code": 7}',
    '{"code": 500, "message": "server"}',
    '{"code": "E_TIMEOUT"}',
    '{"error": "plain text error"}',
    '{"message": "just a message"}',
    '"a JSON string"',
    '{"title": "no error keys here"}',
    'not json at all {',
    null
  ]
  const valid = results.filter((r) => r === null || r !== 'not json at all {')

  async function seedFile(rows: readonly (string | null)[]) {
    const { join } = await import('node:path')
    const { tempDir } = await import('./helpers')
    const { openStore, closeStore } = await import('../src/main/store/sqlite/open')
    const file = join(tempDir(), 'e.db')
    const s = openStore(file, { create: true })
    const insert = s.db.prepare("INSERT INTO tasks (id, type, status, result, created_at) VALUES (?, 'form', 'error', ?, 1)")
    rows.forEach((r, i) => insert.run(`e${i}`, r))
    closeStore(s)
    const lite = new StoreSession(() => undefined, { watchMs: 0 })
    cleanups.push(() => lite.dispose())
    await lite.handle('db.open', { path: file })
    return { file, lite }
  }

  it('text results, read by pattern in SQLite’s order of keys', async () => {
    const { copyTasks } = await import('../src/main/store/copy')
    const { file, lite } = await seedFile(results)
    const t = await table()
    await copyTasks(file, t.url)
    const { s: post } = await session(t.url)
    const a = await lite.handle('tasks.facets', { filter: {}, part: 'errors' })
    const b = await post.handle('tasks.facets', { filter: {}, part: 'errors' })
    expect(b.error).toEqual(a.error)
    // The case that drifted: the error code, not the message, whatever the order of the keys.
    expect(a.error).toMatchObject({ OCR_FAILURE: 3, '504': 1, '500': 1, E_TIMEOUT: 1, B: 1 })
  })

  it('jsonb results', async () => {
    const { lite } = await seedFile(valid)
    const t = await table()
    await t.query(`CREATE TABLE ${t.schema}.tasks (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL, result jsonb, created_at bigint NOT NULL, updated_at bigint)`)
    for (const [i, r] of valid.entries()) await t.query(`INSERT INTO ${t.schema}.tasks VALUES ($1, 'form', 'error', $2::jsonb, 1, NULL)`, [`e${i}`, r])
    const { s: post } = await session(t.url)
    const a = await lite.handle('tasks.facets', { filter: {}, part: 'errors' })
    const b = await post.handle('tasks.facets', { filter: {}, part: 'errors' })
    expect(b.error).toEqual(a.error)
  })
})
