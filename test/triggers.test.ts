import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { createDispatcher } from '../src/main/handlers'
import { inProcessHost } from '../src/main/store/host'
import { openStore } from '../src/main/store/sqlite/open'
import { openEngine } from '../src/main/store/open-engine'
import { freshTableUrl, pgUrl } from './pg'
import { sha256File, tempDir } from './helpers'

// Triggers in someone else's table run on every row the app changes (issue 24.9): a bulk change waits until the user
// says they know them, and the file is opened with trusted_schema off and SQLite's defensive mode on.

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

function audited(): string {
  const db = join(tempDir(), 'tasks.db')
  const d = new Database(db)
  d.exec(`CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER);
    CREATE TABLE audit (id TEXT);
    CREATE TRIGGER audit_delete AFTER DELETE ON tasks BEGIN INSERT INTO audit VALUES (old.id); END;`)
  const insert = d.prepare("INSERT INTO tasks VALUES (?, 'document', 'error', NULL, 1000, NULL)")
  for (let i = 0; i < 20; i++) insert.run(`t${i}`)
  d.close()
  return db
}

const rows = (db: string, table: string) => {
  const d = new Database(db, { readonly: true })
  try {
    return (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    d.close()
  }
}

async function cli(args: string[]) {
  const err: string[] = []
  const code = await runCli(args, { env: {}, io: { out: () => undefined, err: (t) => err.push(t), stderr: process.stderr, signal: new AbortController().signal } })
  return { code, stderr: err.join('\n') }
}

describe('a tasks table with triggers', () => {
  it('the preview names them; a purge without the user’s word changes nothing; with it, it runs', async () => {
    const db = audited()
    const host = inProcessHost({ watchMs: 0 })
    cleanups.push(() => host.close())
    const dispatch = createDispatcher(host, { carrier: 'electron', version: 't', readOnly: false })
    await dispatch('db.open', { path: db })
    const target = { filter: { statuses: ['error'] } }
    const preview = await dispatch('tasks.preview', { target })
    expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true, value: { count: 20, triggers: ['audit_delete'] } })
    const snapshot = (preview as { value: { snapshot: unknown } }).value.snapshot
    const before = sha256File(db)
    expect(await dispatch('tasks.purge', { target, snapshot, jobId: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/has triggers \(audit_delete\).*Nothing was changed/) } })
    expect(await dispatch('tasks.cleanup', { days: 1, jobId: 'b' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(sha256File(db)).toBe(before)
    expect(await dispatch('tasks.purge', { target, snapshot, jobId: 'c', allowTriggers: true })).toMatchObject({ ok: true, value: { deleted: 20 } })
    expect(rows(db, 'audit')).toBe(20)
  })

  it('the CLI refuses purge, cleanup and requeue without --allow-triggers', async () => {
    const db = audited()
    for (const args of [['purge', '--all', '--yes'], ['cleanup', '--days', '1'], ['requeue', '--all', '--yes']]) {
      const r = await cli([...args, '--db', db])
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toMatch(/--allow-triggers/)
    }
    expect(rows(db, 'tasks')).toBe(20)
    expect((await cli(['purge', '--all', '--yes', '--allow-triggers', '--db', db])).code).toBe(0)
    expect(rows(db, 'audit')).toBe(20)
  })

  it('opens files with trusted_schema off and the defensive mode on', () => {
    const s = openStore(audited())
    try {
      expect(s.db.pragma('trusted_schema', { simple: true })).toBe(0)
      s.db.pragma('writable_schema = ON')
      expect(() => s.db.exec("UPDATE sqlite_master SET sql = 'x' WHERE name = 'audit'")).toThrow()
    } finally {
      s.db.close()
    }
  })

  it.skipIf(!pgUrl)('PostgreSQL: the triggers of the table are listed, and a purge waits for the user’s word', async () => {
    const t = await freshTableUrl()
    cleanups.push(t.close)
    await t.query(`CREATE TABLE ${t.schema}.tasks (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL, result text, created_at bigint NOT NULL, updated_at bigint)`)
    await t.query(`CREATE TABLE ${t.schema}.audit (id text)`)
    await t.query(`CREATE FUNCTION ${t.schema}.log_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${t.schema}.audit VALUES (old.id); RETURN old; END $$`)
    await t.query(`CREATE TRIGGER audit_delete AFTER DELETE ON ${t.schema}.tasks FOR EACH ROW EXECUTE FUNCTION ${t.schema}.log_delete()`)
    await t.query(`INSERT INTO ${t.schema}.tasks SELECT 't' || g, 'document', 'error', NULL, 1000, NULL FROM generate_series(1, 10) g`)
    const engine = await openEngine(t.url, {})
    cleanups.push(() => engine.close())
    expect(await engine.triggers()).toEqual(['audit_delete'])
    const r = await cli(['purge', '--all', '--yes', '--db', t.url])
    expect(r.code).toBe(1)
    expect((await t.query(`SELECT count(*)::int AS n FROM ${t.schema}.tasks`)).rows[0].n).toBe(10)
  })
})
