import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { insertBackendDemo } from '../src/main/store/sqlite/demo'
import { BACKEND_INDEX_SQL, BACKEND_TABLE_SQL } from '../src/main/store/sqlite/backend-schema'
import { facetTasks } from '../src/main/store/sqlite/facets'
import { markTimedOut, requeueTasks } from '../src/main/store/sqlite/maintenance'
import { openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { previewTarget, purgeTasks } from '../src/main/store/sqlite/purge'
import { storeStats } from '../src/main/store/sqlite/stats'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { countTasks } from '../src/main/store/sqlite/count'
import { getTask } from '../src/main/store/sqlite/task-detail'
import { fromUtcText, toUtcText } from '../src/main/store/model/dialect'
import { SettingsStore } from '../src/main/settings/settings-store'
import { sha256File, tempDir } from './helpers'
import { expiryTarget, stuckTarget } from '../src/main/store/model/rules'

// Fixtures written the way DocuSnap-Backend (app.py) writes: its DDL, a new request inserted as processing with both
// times now, workers completing (ciphertext result) or failing (error_detail), polls refreshing last_accessed.
const T = (s: string) => fromUtcText(s)!

function backendFile(): { path: string; db: Database.Database } {
  const path = join(tempDir(), 'tasks.db')
  const db = new Database(path)
  db.exec(BACKEND_TABLE_SQL)
  db.exec(BACKEND_INDEX_SQL)
  return { path, db }
}

function submit(db: Database.Database, client: string, sha: string, type: string, at: string) {
  db.prepare("INSERT INTO tasks (client_id, sha256, type, status, created_at, last_accessed) VALUES (?, ?, ?, 'processing', ?, ?)").run(client, sha, type, at, at)
}
function complete(db: Database.Database, client: string, sha: string, type: string, at: string, cipher = 'q83vEjRWeJA=') {
  db.prepare("UPDATE tasks SET status = 'completed', result = ?, last_accessed = ? WHERE client_id = ? AND sha256 = ? AND type = ?").run(cipher, at, client, sha, type)
}
function fail(db: Database.Database, client: string, sha: string, type: string, at: string, code: string) {
  db.prepare("UPDATE tasks SET status = 'error', error_detail = ?, last_accessed = ? WHERE client_id = ? AND sha256 = ? AND type = ?").run(code, at, client, sha, type)
}

const sha = (n: number) => n.toString(16).padStart(64, 'a')

/** A year-end file: tasks on both sides of midnight, month and year boundaries, and odd rows. */
function fixture() {
  const { path, db } = backendFile()
  submit(db, 'alice', sha(1), 'doc', '2023-12-31 23:59:58')
  complete(db, 'alice', sha(1), 'doc', '2023-12-31 23:59:59')
  submit(db, 'alice', sha(2), 'form', '2024-01-01 00:00:00')
  fail(db, 'alice', sha(2), 'form', '2024-01-01 00:00:05', 'OCR_FAILURE')
  submit(db, 'bob', sha(3), 'fill', '2024-01-31 23:00:00')
  submit(db, 'bob', sha(4), 'doc', '2024-02-01 00:10:00')
  fail(db, 'bob', sha(4), 'doc', '2024-02-29 12:00:00', 'LLM_FAILURE')
  submit(db, 'carol', sha(5), 'doc', '2024-03-01 08:00:00')
  complete(db, 'carol', sha(5), 'doc', '2024-03-01 08:00:30', '')
  // Odd rows: unknown status, mixed case, NULL times.
  db.prepare("INSERT INTO tasks VALUES ('dave', ?, 'doc', 'Completed', NULL, NULL, NULL, NULL)").run(sha(6))
  db.prepare("INSERT INTO tasks VALUES ('dave', ?, 'form', 'queued', NULL, '', '2024-03-01 09:00:00', NULL)").run(sha(7))
  db.close()
  return path
}

describe('the backend schema', () => {
  it('is detected on open, and shown in stats', () => {
    const s = openStore(fixture())
    expect(s.dialect.kind).toBe('backend')
    const stats = storeStats(s)
    expect(stats.kind).toBe('backend')
    expect(stats.total).toBe(7)
    expect(stats.oldest).toBe(T('2023-12-31 23:59:58'))
    expect(stats.newest).toBe(T('2024-03-01 09:00:00'))
  })

  it('a tasks table of a third shape is refused, naming what is missing, and left untouched', () => {
    const path = join(tempDir(), 'third.db')
    const db = new Database(path)
    db.exec('CREATE TABLE tasks (client_id TEXT, sha256 TEXT, type TEXT, status TEXT, created_at TEXT)')
    db.close()
    const before = sha256File(path)
    expect(() => openStore(path)).toThrow(/DocuSnap-Backend format is missing: result, error_detail, last_accessed/)
    expect(sha256File(path)).toBe(before)
  })

  it('lists rows with the backend’s own fields; times are parsed as UTC', () => {
    const s = openStore(fixture())
    const rows = listTasks(s, {}, { field: 'created_at', dir: 'asc' }, { limit: 100 }).tasks
    const first = rows.find((r) => r.sha256 === sha(2))!
    expect(first).toMatchObject({
      client_id: 'alice',
      type: 'form',
      status: 'error',
      error: 'OCR_FAILURE',
      error_detail: 'OCR_FAILURE',
      created_at: '2024-01-01 00:00:00',
      last_accessed: '2024-01-01 00:00:05',
      created: Date.UTC(2024, 0, 1) / 1000
    })
    expect(JSON.parse(first.key)).toEqual(['alice', sha(2), 'form'])
    // NULL created_at sorts first ascending, and nothing is lost across pages.
    const paged: string[] = []
    let after: string | null = null
    do {
      const p = listTasks(s, {}, { field: 'created_at', dir: 'asc' }, { limit: 2, after })
      paged.push(...p.tasks.map((t) => t.key))
      after = p.next
    } while (after)
    expect(paged).toEqual(rows.map((r) => r.key))
    expect(rows[0]!.created_at).toBeNull()
  })

  it('filters: client, error code, last-accessed and created ranges across day, month and year boundaries', () => {
    const s = openStore(fixture())
    const ids = (filter: Parameters<typeof countTasks>[1]) => listTasks(s, filter, { field: 'created_at', dir: 'asc' }, { limit: 100 }).tasks.map((t) => t.sha256!.slice(-1))
    expect(ids({ clients: ['bob'] })).toEqual(['3', '4'])
    expect(ids({ errors: ['LLM_FAILURE'] })).toEqual(['4'])
    // created in 2024 (year boundary: 23:59:58 on Dec 31 is out, 00:00:00 on Jan 1 is in)
    expect(ids({ createdFrom: T('2024-01-01 00:00:00') })).toEqual(['2', '3', '4', '5', '7'])
    // created in January (month boundary)
    expect(ids({ createdFrom: T('2024-01-01 00:00:00'), createdTo: T('2024-02-01 00:00:00') })).toEqual(['2', '3'])
    // last accessed on leap day 2024-02-29 (day boundary)
    expect(ids({ updatedFrom: T('2024-02-29 00:00:00'), updatedTo: T('2024-03-01 00:00:00') })).toEqual(['4'])
    // NULL times never match a range
    expect(countTasks(s, { updatedTo: T('2100-01-01 00:00:00') })).toBe(5)
    expect(ids({ id: 'carol' })).toEqual(['5'])
    expect(ids({ text: 'ocr_' })).toEqual(['2'])
  })

  it('facets: status (odd values kept as they are), type, client and error code', () => {
    const f = facetTasks(openStore(fixture()))
    expect(f.status).toEqual({ Completed: 1, completed: 2, error: 2, processing: 1, queued: 1 })
    expect(f.client).toEqual({ alice: 2, bob: 2, carol: 1, dave: 2 })
    expect(f.error).toEqual({ OCR_FAILURE: 1, LLM_FAILURE: 1 })
  })

  it('results are ciphertext: shown as an opaque blob with its size, never a JSON error; empty is no result', () => {
    const s = openStore(fixture())
    expect(getTask(s, JSON.stringify(['alice', sha(1), 'doc']))?.result).toEqual({ kind: 'encrypted', bytes: 12, preview: 'q83vEjRWeJA=' })
    expect(getTask(s, JSON.stringify(['carol', sha(5), 'doc']))?.result).toEqual({ kind: 'none' })
    expect(() => getTask(s, 'not-a-key')).toThrow(/not a task key/)
  })

  it('expiry by last access and stuck-work counts match direct SQL for the same cutoff', async () => {
    const path = fixture()
    const s = openStore(path)
    const now = T('2024-03-01 10:00:00')
    const direct = new Database(path, { readonly: true })
    for (const minutes of [30, 60 * 24, 60 * 24 * 30, 60 * 24 * 365]) {
      const cutoff = toUtcText(now - minutes * 60)
      const expected = (direct.prepare('SELECT count(*) AS n FROM tasks WHERE last_accessed < ?').get(cutoff) as { n: number }).n
      expect(previewTarget(s, expiryTarget(s.dialect.kind, minutes, now), now).count, `expire ${minutes}`).toBe(expected)
      const stuck = (direct.prepare("SELECT count(*) AS n FROM tasks WHERE status = 'processing' AND created_at < ?").get(cutoff) as { n: number }).n
      expect(previewTarget(s, stuckTarget(s.dialect.kind, minutes, now), now).count, `stuck ${minutes}`).toBe(stuck)
    }
    direct.close()
  })

  it('marks stuck work as the backend does, and expires, writing nothing else', async () => {
    const path = fixture()
    const s = openStore(path)
    const now = T('2024-03-01 10:00:00')
    const t = await markTimedOut(s, stuckTarget(s.dialect.kind, 60, now), { gapMs: 0 })
    expect(t.timed_out).toBe(1) // sha 3: processing since January
    const row = s.db.prepare('SELECT status, error_detail, created_at, last_accessed FROM tasks WHERE sha256 = ?').get(sha(3))
    expect(row).toEqual({ status: 'error', error_detail: 'PROCESSING_TIMEOUT', created_at: '2024-01-31 23:00:00', last_accessed: '2024-01-31 23:00:00' })
    const e = await purgeTasks(s, expiryTarget(s.dialect.kind, 60 * 24, now), { gapMs: 0 })
    // last accessed before 2024-02-29 10:00: sha 1, 2, 3 (sha 4 was read at 12:00 that day; NULLs never expire)
    expect(e.deleted).toBe(3)
    expect(countTasks(s)).toBe(4)
  })

  it('clears a client (the backend’s /clear)', async () => {
    const s = openStore(fixture())
    expect((await purgeTasks(s, { filter: { clients: ['alice'] } }, { gapMs: 0 })).deleted).toBe(2)
    expect(facetTasks(s).client).toEqual({ bob: 2, carol: 1, dave: 2 })
  })

  it('requeue is refused on backend files (a row set back to processing is never worked on again), and changes nothing', async () => {
    const path = fixture()
    const before = sha256File(path)
    const s: Store = openStore(path)
    await expect(requeueTasks(s, { filter: { statuses: ['error'] } }, { gapMs: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/never worked on again.*Retry instead/) })
    s.db.close()
    expect(sha256File(path)).toBe(before)
    const cli = await runCli(['requeue', '--status', 'error', '--yes', '--db', path], { env: {}, io: { out: () => {}, err: () => {}, stderr: process.stderr, signal: new AbortController().signal } })
    expect(cli).toBe(1)
    expect(sha256File(path)).toBe(before)
  })

  it('retry forgets exactly the chosen answers, and the backend then processes those submissions again', async () => {
    const { path, db } = backendFile()
    // Six documents of one client failed, two of another completed.
    for (let n = 1; n <= 6; n++) {
      submit(db, 'alice', sha(n), 'doc', '2024-03-01 10:00:00')
      fail(db, 'alice', sha(n), 'doc', '2024-03-01 10:01:00', 'OCR_FAILURE')
    }
    for (const n of [7, 8]) {
      submit(db, 'bob', sha(n), 'form', '2024-03-01 10:00:00')
      complete(db, 'bob', sha(n), 'form', '2024-03-01 10:02:00')
    }
    db.close()
    const out: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stderr: process.stderr, signal: new AbortController().signal }
    // Dry run first: how many, nothing changed.
    expect(await runCli(['retry', JSON.stringify(['alice', sha(2), 'doc']), JSON.stringify(['alice', sha(5), 'doc']), '--dry-run', '--json', '--db', path], { env: {}, io })).toBe(0)
    expect(JSON.parse(out.pop()!)).toEqual({ would_retry: 2 })
    expect(await runCli(['retry', JSON.stringify(['alice', sha(2), 'doc']), JSON.stringify(['alice', sha(5), 'doc']), '--yes', '--json', '--db', path], { env: {}, io })).toBe(0)
    expect(JSON.parse(out.pop()!)).toEqual({ retried: 2 })

    // A stand-in of the backend's /process: a row answers from itself (refreshing last_accessed); no row → queued.
    const backend = new Database(path)
    const queue: string[] = []
    const processRequest = (client: string, hash: string, type: string): number => {
      const row = backend.prepare('SELECT status FROM tasks WHERE client_id = ? AND sha256 = ? AND type = ?').get(client, hash, type) as { status: string } | undefined
      if (row) {
        backend.prepare("UPDATE tasks SET last_accessed = datetime('now') WHERE client_id = ? AND sha256 = ? AND type = ?").run(client, hash, type)
        return row.status === 'completed' ? 200 : row.status === 'processing' ? 202 : 400
      }
      backend.prepare("INSERT INTO tasks (client_id, sha256, type, status, created_at, last_accessed) VALUES (?, ?, ?, 'processing', datetime('now'), datetime('now'))").run(client, hash, type)
      queue.push(hash)
      return 202
    }
    // The client submits all six again: the two forgotten ones are queued and processed, the rest answer their error.
    const answers = [1, 2, 3, 4, 5, 6].map((n) => processRequest('alice', sha(n), 'doc'))
    expect(answers).toEqual([400, 202, 400, 400, 202, 400])
    expect(queue).toEqual([sha(2), sha(5)])
    for (const hash of queue) complete(backend, 'alice', hash, 'doc', '2024-03-01 11:00:00')
    expect(backend.prepare("SELECT count(*) AS n FROM tasks WHERE client_id = 'alice' AND status = 'completed'").get()).toEqual({ n: 2 })
    // Bob's answers were never touched.
    expect(backend.prepare("SELECT count(*) AS n FROM tasks WHERE client_id = 'bob' AND status = 'completed'").get()).toEqual({ n: 2 })
    backend.close()
    // On a seed file, retry says what to use instead.
    const seedPath = join(tempDir(), 'seed.db')
    expect(await runCli(['init', '--db', seedPath], { env: {}, io })).toBe(0)
    expect(await runCli(['retry', '--all', '--yes', '--db', seedPath], { env: {}, io })).toBe(1)
    expect(out.join('\n')).toMatch(/requeue sets tasks back to pending/)
  })

  it('demo --schema backend makes a realistic file the backend could have written', () => {
    const path = join(tempDir(), 'demo.db')
    const s = openStore(path, { create: true, schema: 'backend' })
    insertBackendDemo(s, { count: 2000, seed: 5 })
    const f = facetTasks(s)
    expect(Object.keys(f.status).sort()).toEqual(['completed', 'error', 'processing'])
    expect(Object.keys(f.type).sort()).toEqual(['doc', 'fill', 'form'])
    expect(Object.keys(f.client!).length).toBeGreaterThan(3)
    const rows = s.db.prepare('SELECT * FROM tasks LIMIT 200').all() as Record<string, string | null>[]
    for (const r of rows) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
      expect(r.last_accessed! >= r.created_at!).toBe(true)
      if (r.status === 'completed') expect(r.result).toMatch(/^[A-Za-z0-9+/]+=*$/)
      if (r.status === 'error') expect(r.error_detail).toMatch(/^[A-Z_]+$/)
    }
    const ddl = s.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'idx_client_sha'").pluck().get()
    expect(ddl).toBe('CREATE INDEX idx_client_sha ON tasks (client_id, sha256)')
  })
})

describe('the CLI on a backend file', () => {
  async function cli(args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(args, { env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal: new AbortController().signal } })
    return { code, json: () => JSON.parse(out.join('\n')) as Record<string, unknown>, stderr: err.join('\n') }
  }

  it('list --json rows carry the stored backend fields', async () => {
    const path = fixture()
    const r = (await cli(['list', '--db', path, '--json', '--client', 'alice'])).json() as { tasks: Record<string, unknown>[] }
    expect(Object.keys(r.tasks[0]!)).toEqual(expect.arrayContaining(['client_id', 'sha256', 'type', 'status', 'error_detail', 'created_at', 'last_accessed', 'id', 'updated_at', 'result_bytes']))
    expect(r.tasks.map((t) => t.created_at)).toEqual(['2024-01-01 00:00:00', '2023-12-31 23:59:58'])
  })

  it('cleanup expires by last access and, with --timeout-minutes, marks stuck work first', async () => {
    const path = fixture()
    const dry = (await cli(['cleanup', '--db', path, '--json', '--days', '1', '--timeout-minutes', '60', '--dry-run'])).json()
    const r = await cli(['cleanup', '--db', path, '--json', '--days', '1', '--timeout-minutes', '60'])
    expect(r.code).toBe(0)
    expect(r.json()).toEqual({ deleted: dry.would_delete, timed_out: dry.would_time_out })
    // Every task in the fixture was last accessed long ago, except those with NULL last_accessed.
    expect(r.json()).toEqual({ deleted: 5, timed_out: 1 })
    expect((await cli(['count', '--db', path, '--json'])).json()).toEqual({ count: 2 })
  })

  it('cleanup --minutes, and purge --client', async () => {
    const path = fixture()
    expect((await cli(['cleanup', '--db', path, '--json', '--minutes', '5256000'])).json()).toEqual({ deleted: 0, timed_out: 0 })
    expect((await cli(['purge', '--client', 'bob', '--yes', '--db', path, '--json'])).json()).toEqual({ deleted: 2 })
    expect((await cli(['cleanup', '--db', path, '--days', '1', '--minutes', '5'])).code).toBe(2)
  })

  it('the seed functions are refused with a clear message', async () => {
    const r = await cli(['status', 'x', '--db', fixture()])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/DocuSnap-Backend's format/)
  })

  it('demo --schema backend creates the file', async () => {
    const path = join(tempDir(), 'b.db')
    expect((await cli(['demo', '--schema', 'backend', '--count', '300', '--db', path, '--json'])).json()).toEqual({ inserted: 300 })
    expect((await cli(['stats', '--db', path, '--json'])).json()).toMatchObject({ kind: 'backend', total: 300 })
  })
})

describe('the backend’s two-step cleanup with a deployment’s recorded values', () => {
  const ago = (minutes: number) => toUtcText(Math.floor(Date.now() / 1000) - minutes * 60)
  /** Stuck work, fresh work, and rows last accessed at different ages. */
  function deployment(): string {
    const { path, db } = backendFile()
    submit(db, 'a', sha(1), 'doc', ago(30)) // processing for 30 min: stuck under PROCESS_TIMEOUT 10
    submit(db, 'a', sha(2), 'doc', ago(5)) // processing for 5 min: still working
    submit(db, 'a', sha(3), 'form', ago(3000))
    complete(db, 'a', sha(3), 'form', ago(2000)) // not accessed for 2000 min: expired under EXPIRE_MINUTES 1440
    submit(db, 'b', sha(4), 'form', ago(3000))
    complete(db, 'b', sha(4), 'form', ago(60)) // accessed an hour ago: kept
    db.close()
    return path
  }
  const state = (path: string) => {
    const db = new Database(path, { readonly: true })
    const rows = db.prepare('SELECT sha256, status, error_detail FROM tasks ORDER BY sha256').all() as { sha256: string; status: string; error_detail: string | null }[]
    db.close()
    return rows.map((r) => `${Number.parseInt(r.sha256.slice(-2), 16) - 0xa0}:${r.status}${r.error_detail ? `/${r.error_detail}` : ''}`)
  }
  const expected = ['1:error/PROCESSING_TIMEOUT', '2:processing', '4:completed']

  it('command line: the values recorded in Settings for the file, said before it runs', async () => {
    const path = deployment()
    const settingsFile = join(tempDir(), 'settings.json')
    new SettingsStore(settingsFile).setRule(path, { enabled: false, days: 7, expireMinutes: 1440, timeoutMinutes: 10 })
    const out: string[] = []
    const err: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stderr: process.stderr, signal: new AbortController().signal }
    expect(await runCli(['cleanup', '--db', path, '--lang', 'en'], { env: { DOCUSNAP_SETTINGS: settingsFile }, io })).toBe(0)
    expect(err[0]).toBe(
      'Cleanup rule (the values recorded for this file in Settings): mark processing tasks created more than 10 minutes ago as PROCESSING_TIMEOUT, then delete tasks not accessed for 1,440 minutes.'
    )
    expect(state(path)).toEqual(expected)
    // Given on the command line instead, with the backend's option names.
    const again = deployment()
    const json: string[] = []
    const io2 = { ...io, out: (t: string) => json.push(t) }
    expect(await runCli(['cleanup', '--db', again, '--expire-minutes', '1440', '--timeout-minutes', '10', '--json'], { env: {}, io: io2 })).toBe(0)
    expect(JSON.parse(json[0]!)).toEqual({ deleted: 1, timed_out: 1 })
    expect(state(again)).toEqual(expected)
  })

  it('no values recorded: the default rule, and a sentence saying what the backend ships', async () => {
    const path = deployment()
    const err: string[] = []
    const io = { out: () => {}, err: (t: string) => err.push(t), stderr: process.stderr, signal: new AbortController().signal }
    expect(await runCli(['cleanup', '--db', path, '--dry-run', '--lang', 'en'], { env: { DOCUSNAP_SETTINGS: join(tempDir(), 'none.json') }, io })).toBe(0)
    expect(err[0]).toMatch(/^Cleanup rule \(no values recorded for this file\): mark nothing as stuck, then delete tasks not accessed for 7 days\. DocuSnap-Backend ships EXPIRE_MINUTES 1440 and PROCESS_TIMEOUT 10/)
  })

  it('through the handlers (every carrier) and the scheduled cleanup: mark stuck, then expire', async () => {
    const { createDispatcher } = await import('../src/main/handlers')
    const { inProcessHost } = await import('../src/main/store/host')
    const path = deployment()
    const host = inProcessHost({ watchMs: 0 })
    const settings = new SettingsStore(join(tempDir(), 'settings.json'))
    const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false, settings })
    try {
      expect((await dispatch('db.open', { path })).ok).toBe(true)
      // A seed-only step on a seed file is refused; days and minutes together are refused.
      const bad = await dispatch('tasks.cleanup', { days: 1, expireMinutes: 5, jobId: 'x' })
      expect(bad.ok).toBe(false)
      // The rule recorded with the scheduled cleanup switched on runs both steps, and its history says so.
      await dispatch('settings.cleanupRule', { path, rule: { enabled: true, days: 7, expireMinutes: 1440, timeoutMinutes: 10 } })
      const r = await dispatch('cleanup.scheduled', { now: Math.floor(Date.now() / 1000) })
      expect(r).toMatchObject({ ok: true, value: { ran: true, run: { deleted: 1, timedOut: 1 } } })
      expect(state(path)).toEqual(expected)
    } finally {
      await host.close()
    }
  })
})
