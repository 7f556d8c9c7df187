import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkReadOnlySql, type SqlDialect } from '../src/main/store/model/sql-guard'
import { SqlConsole } from '../src/main/console/console-host'
import { nodeConsoleSpawner } from '../src/main/console/spawn'
import type { ConsoleTarget } from '../src/main/console/protocol'
import { openEngine } from '../src/main/store/open-engine'
import { AppError } from '../src/shared/errors'
import { sha256File, tempDir } from './helpers'
import { freshTableUrl, pgSkipReason, pgUrl } from './pg'

// The SQL console's promise: nothing it runs changes the database. The guard's rules as pure functions, then a
// battery of writing and escaping statements through the real console process on SQLite and PostgreSQL, the file's
// sha256 (or the table's checksum) compared before and after; then stopping, time limits, and a backend writer
// beside a long query on a rollback-journal file.

const CHILD = join(__dirname, '..', 'out', 'main', 'console.js')
if (!existsSync(CHILD)) throw new Error('out/main/console.js is missing: run `npm run build` first (npm test does).')

const refusedBy = (sql: string, dialect: SqlDialect) => {
  try {
    checkReadOnlySql(sql, dialect)
    return null
  } catch (e) {
    return e instanceof AppError ? e.code : 'other'
  }
}

/** Statements every engine refuses: writes, several statements, tricks with comments, case and CTEs. */
const BOTH = [
  'DELETE FROM tasks',
  'dElEtE FROM tasks WHERE 1 = 1',
  "UPDATE tasks SET status = 'x'",
  "INSERT INTO tasks (id, type, status, created_at) VALUES ('a', 'b', 'c', 1)",
  "REPLACE INTO tasks (id, type, status, created_at) VALUES ('a', 'b', 'c', 1)",
  'DROP TABLE tasks',
  'CREATE TABLE x (a int)',
  'ALTER TABLE tasks ADD COLUMN z int',
  'SELECT 1; DELETE FROM tasks',
  'SELECT 1;DELETE FROM tasks -- the rest is a comment',
  '/* a comment first */ DELETE FROM tasks',
  '-- a comment line\nDELETE FROM tasks',
  'WITH d AS (DELETE FROM tasks RETURNING *) SELECT * FROM d',
  "WITH u AS (UPDATE tasks SET status = 'x' RETURNING 1) SELECT count(*) FROM u",
  "SELECT 'a'; DELETE FROM tasks",
  'SELECT * FROM tasks FOR UPDATE',
  'BEGIN',
  'VACUUM',
  'ANALYZE',
  'REINDEX',
  'EXPLAIN DELETE FROM tasks',
  'SELECT 1 ; ;'
]

const SQLITE_ONLY = [
  "ATTACH DATABASE '/tmp/docusnap-other.db' AS other",
  'DETACH DATABASE main',
  "VACUUM INTO '/tmp/docusnap-copy.db'",
  'PRAGMA journal_mode = WAL',
  'PRAGMA journal_mode(WAL)',
  'PRAGMA main.user_version = 5',
  'PRAGMA writable_schema = ON',
  'PRAGMA optimize',
  "SELECT load_extension('/tmp/evil.so')",
  "SELECT \"load_extension\"('/tmp/evil.so')",
  "SELECT writefile('/tmp/docusnap-x', 'y')",
  'CREATE TEMP TABLE t (a)',
  'SELECT 1 /* ; */ ; DELETE FROM tasks'
]

const PG_ONLY = [
  'SELECT pg_terminate_backend(pg_backend_pid())',
  'SELECT pg_catalog.pg_cancel_backend(1)',
  'SELECT "pg_terminate_backend"(1)',
  "SELECT lo_export(1, '/tmp/docusnap-x')",
  "SELECT pg_read_file('/etc/passwd')",
  "SELECT * FROM dblink('dbname=postgres', 'DELETE FROM tasks') AS t(a text)",
  "COPY tasks TO PROGRAM 'touch /tmp/docusnap-pwned'",
  "COPY (SELECT 1) TO '/tmp/docusnap-x'",
  "SELECT query_to_xml('DELETE FROM tasks RETURNING 1', true, true, '')",
  "SELECT set_config('transaction_read_only', 'off', true)",
  "SELECT nextval('s')",
  'SELECT pg_advisory_lock(1)',
  'DO $$ BEGIN DELETE FROM tasks; END $$',
  'EXPLAIN ANALYZE DELETE FROM tasks',
  'SELECT 1 FROM tasks FOR SHARE',
  'CALL p()',
  'SET default_transaction_read_only = off',
  "SELECT run_command_on_workers('DELETE FROM tasks')",
  "SELECT E'\\''; DELETE FROM tasks --'",
  'SELECT $$;$$; DELETE FROM tasks',
  'SELECT * INTO stolen FROM tasks',
  'TRUNCATE tasks',
  'TABLE tasks; DELETE FROM tasks'
]

const READS: Record<SqlDialect, string[]> = {
  sqlite: ["SELECT 'delete from tasks' AS text", 'SELECT updated_at FROM tasks LIMIT 1', 'WITH x AS (SELECT 1 AS a) SELECT * FROM x', 'VALUES (1), (2)', 'PRAGMA table_info(tasks)', 'EXPLAIN QUERY PLAN SELECT * FROM tasks', "SELECT replace(status, 'a', 'b') FROM tasks LIMIT 1", 'SELECT 1;'],
  postgres: ["SELECT 'delete from tasks' AS text", 'SELECT updated_at FROM tasks LIMIT 1', 'WITH x AS (SELECT 1 AS a) SELECT * FROM x', 'VALUES (1), (2)', 'SHOW server_version', 'EXPLAIN SELECT * FROM tasks', "SELECT replace(status, 'a', 'b') FROM tasks LIMIT 1", 'TABLE tasks', 'SELECT 1;', 'SELECT citus_version()']
}

describe('the guard', () => {
  it.each(BOTH.flatMap((s) => [[s, 'sqlite'], [s, 'postgres']] as const))('refuses %j on %s', (sql, dialect) => {
    expect(refusedBy(sql, dialect)).toBe('SQL_REFUSED')
  })
  it.each(SQLITE_ONLY)('refuses %j on SQLite', (sql) => expect(refusedBy(sql, 'sqlite')).toBe('SQL_REFUSED'))
  it.each(PG_ONLY)('refuses %j on PostgreSQL', (sql) => expect(refusedBy(sql, 'postgres')).toBe('SQL_REFUSED'))
  it.each([...READS.sqlite.map((s) => [s, 'sqlite'] as const), ...READS.postgres.map((s) => [s, 'postgres'] as const)])('lets %j through on %s', (sql, dialect) => {
    expect(refusedBy(sql, dialect)).toBe(null)
  })
  it('names why, and keeps what the user typed for positions', () => {
    expect(() => checkReadOnlySql('ATTACH DATABASE "x" AS y', 'sqlite')).toThrow(/ATTACH would open another database file/)
    expect(() => checkReadOnlySql('SELECT pg_read_file($$/etc/passwd$$)', 'postgres')).toThrow(/pg_read_file\(\) acts outside this query \(it reads or writes files\)/)
    expect(checkReadOnlySql('  SELECT 1 ;  ', 'postgres')).toBe('  SELECT 1')
    expect(() => checkReadOnlySql("SELECT 'open", 'sqlite')).toThrow(/a string that is never closed/)
  })
})

async function seedFile(count = 300, journal: 'delete' | 'wal' = 'delete'): Promise<string> {
  const path = join(tempDir(), 'tasks.db')
  const engine = await openEngine(path, { create: true })
  await engine.demo(count)
  await engine.close()
  const db = new Database(path)
  db.pragma(`journal_mode = ${journal}`)
  db.close()
  return path
}

const code = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => e.code
  )

describe('on SQLite, through the console process', () => {
  const console = new SqlConsole(nodeConsoleSpawner(CHILD))
  afterAll(() => console.close())

  it(`refuses ${BOTH.length + SQLITE_ONLY.length} writing or escaping statements and the file stays byte for byte the same`, async () => {
    const path = await seedFile()
    const target: ConsoleTarget = { engine: 'sqlite', path }
    const before = sha256File(path)
    for (const sql of [...BOTH, ...SQLITE_ONLY]) expect([sql, await code(console.rows(target, 'q', sql, 10, 5000))]).toEqual([sql, 'SQL_REFUSED'])
    expect(sha256File(path)).toBe(before)
    expect(existsSync('/tmp/docusnap-copy.db')).toBe(false)
  })

  it('answers a read with columns, types, NULL apart from "NULL", BLOBs described, and says when there are more rows', async () => {
    const path = await seedFile(50)
    const r = await console.rows({ engine: 'sqlite', path }, 'q', "SELECT id, created_at, NULL AS none_here, 'NULL' AS text, x'00ff10' AS bytes, 9007199254740993 AS big FROM tasks", 20, 5000)
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'TEXT'],
      ['created_at', 'INTEGER'],
      ['none_here', ''],
      ['text', 'TEXT'],
      ['bytes', 'BLOB'],
      ['big', 'INTEGER']
    ])
    expect(r.rows).toHaveLength(20)
    expect(r.more).toBe(true)
    expect(r.rows[0]!.slice(2)).toEqual([null, 'NULL', { t: 'blob', size: 3, hex: '00ff10' }, { t: 'int', v: '9007199254740993' }])
    const all = await console.rows({ engine: 'sqlite', path }, 'q', 'SELECT count(*) AS n FROM tasks', 20, 5000)
    expect(all).toMatchObject({ rows: [[50]], more: false })
  })

  it('stops a statement SQLite is inside at once, and the file is free for a writer right after', async () => {
    const path = await seedFile(50)
    const target: ConsoleTarget = { engine: 'sqlite', path }
    const long = console.rows(target, 'long', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c, tasks', 10, 600_000)
    // Stop once the query is surely inside SQLite: the file is locked for writers while it reads.
    const writer = new Database(path, { timeout: 0 })
    for (;;) {
      try {
        writer.exec('BEGIN EXCLUSIVE')
        writer.exec('ROLLBACK')
        await new Promise((r) => setTimeout(r, 10))
      } catch {
        break
      }
    }
    expect(console.cancel('long')).toBe(true)
    const r = await long
    expect(r.stopped).toBe('cancelled')
    writer.pragma('busy_timeout = 2000')
    writer.exec("BEGIN IMMEDIATE; UPDATE tasks SET status = status WHERE 0; COMMIT")
    writer.close()
    // The next query starts a new process by itself.
    expect((await console.rows(target, 'after', 'SELECT count(*) FROM tasks', 10, 5000)).rows).toEqual([[50]])
  })

  it('stops at its time limit with the rows it had', async () => {
    const path = await seedFile(50)
    const r = await console.rows({ engine: 'sqlite', path }, 'slow', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c', 10, 300)
    expect(r).toMatchObject({ stopped: 'timeout', limitMs: 300, rows: [] })
  })

  it('a backend writer committing every 20 ms beside a long query on a rollback-journal file never gets "database is locked"', async () => {
    const path = await seedFile(2000, 'delete')
    const target: ConsoleTarget = { engine: 'sqlite', path }
    // The backend: another process, busy timeout 5 s, a commit every 20 ms until its input closes.
    const writer = spawn(process.execPath, ['-e', WRITER, path], { stdio: ['pipe', 'pipe', 'inherit'] })
    const lines = createInterface({ input: writer.stdout! })
    const reports: string[] = []
    const firstCommit = new Promise<void>((resolve) => lines.on('line', (l) => (reports.push(l), l === 'committed' && resolve())))
    await firstCommit
    // A short query first: between two queries the console sees data_version move, as the purge pacer does.
    await console.rows(target, 'look', 'SELECT 1 FROM tasks LIMIT 1', 1, 10_000)
    await new Promise<void>((resolve) => {
      const n = reports.length
      const check = () => (reports.length > n + 2 ? resolve() : setTimeout(check, 5))
      check()
    })
    const r = await console.rows(target, 'long', 'SELECT count(*) FROM tasks a, tasks b, tasks c', 10, 10_000)
    writer.stdin!.end()
    const summary = await new Promise<{ commits: number; busy: number; worstMs: number }>((resolve) => lines.on('line', (l) => l.startsWith('{') && resolve(JSON.parse(l))))
    expect(r).toMatchObject({ stopped: 'timeout', limitMs: 2000, limitReason: 'journal-writer' })
    expect(summary.busy).toBe(0)
    expect(summary.commits).toBeGreaterThan(3)
    // It waited for the reader (at most the lowered limit and the kill), never its whole busy timeout.
    expect(summary.worstMs).toBeLessThan(5000)
  })

  it('reads a WAL file with the full limit: its readers never make a writer wait', async () => {
    const path = await seedFile(20, 'wal')
    const db = new Database(path)
    db.exec("UPDATE tasks SET status = status WHERE id = (SELECT id FROM tasks LIMIT 1)")
    const r = await console.rows({ engine: 'sqlite', path }, 'q', 'SELECT count(*) FROM tasks', 10, 10_000)
    db.close()
    expect(r.limitMs).toBe(10_000)
    expect(r.limitReason).toBeUndefined()
  })

  it('exports the whole result through the task export’s writer, and a stopped export leaves no file at all', async () => {
    const path = await seedFile(3000)
    const target: ConsoleTarget = { engine: 'sqlite', path }
    const dir = tempDir()
    const out = join(dir, 'all.csv')
    const done = await console.export(target, 'e', { sql: "SELECT id, '=1+1' AS formula FROM tasks", timeoutMs: 60_000, format: 'csv', bom: false, path: out })
    expect(done).toMatchObject({ exported: 3000, cancelled: false })
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,formula')
    expect(lines).toHaveLength(3001)
    expect(lines[1]!.endsWith(",'=1+1")).toBe(true)
    // Stopped at its first progress report (pages of 2,000 rows: there is a second one to stop before).
    const stopped = join(dir, 'stopped.csv')
    const r = await console.export(target, 'stop', { sql: 'SELECT * FROM tasks', timeoutMs: 60_000, format: 'jsonl', bom: false, path: stopped }, () => console.cancel('stop'))
    expect(r).toMatchObject({ cancelled: true, stopped: 'cancelled' })
    expect(readdirSync(dir).sort()).toEqual(['all.csv'])
  })

  it('explains as a tree, and gives the schema with columns and indexes', async () => {
    const path = await seedFile(20)
    const plan = await console.explain({ engine: 'sqlite', path }, 'p', "SELECT * FROM tasks WHERE status = 'error' ORDER BY created_at", 5000)
    expect(plan.kind).toBe('tree')
    expect(plan.kind === 'tree' && plan.nodes.length).toBeGreaterThan(0)
    const schema = await console.schema({ engine: 'sqlite', path })
    const tasks = schema.tables.find((t) => t.name === 'tasks')!
    expect(tasks.columns.map((c) => c.name)).toEqual(['id', 'type', 'status', 'result', 'created_at', 'updated_at'])
    expect(tasks.columns.find((c) => c.name === 'id')).toMatchObject({ primaryKey: true, type: 'TEXT' })
  })
})

const WRITER = `
const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))})
const db = new Database(process.argv[1], { timeout: 5000 })
let commits = 0, busy = 0, worstMs = 0, stop = false
process.stdin.on('end', () => (stop = true)).resume()
const tick = () => {
  if (stop) return console.log(JSON.stringify({ commits, busy, worstMs }))
  const t = Date.now()
  try {
    db.prepare("UPDATE tasks SET updated_at = ? WHERE id = (SELECT id FROM tasks LIMIT 1)").run(t / 1000)
    commits++
    console.log('committed')
  } catch (e) {
    if (/SQLITE_BUSY/.test(e.code)) busy++
    else throw e
  }
  worstMs = Math.max(worstMs, Date.now() - t)
  setTimeout(tick, 20)
}
tick()
`

describe.skipIf(!pgUrl)(`on PostgreSQL, through the console process${pgUrl ? '' : ` (skipped: ${pgSkipReason})`}`, () => {
  const console = new SqlConsole(nodeConsoleSpawner(CHILD))
  let table: Awaited<ReturnType<typeof freshTableUrl>>
  let target: ConsoleTarget
  const checksum = async () => (await table.query(`SELECT md5(string_agg(t::text, ',' ORDER BY id)) AS m, count(*) AS n FROM ${table.schema}.tasks t`)).rows[0]
  beforeAll(async () => {
    table = await freshTableUrl()
    const engine = await openEngine(table.url, { create: true })
    await engine.demo(200)
    await engine.close()
    // A function the guard cannot see into: it writes, so the READ ONLY transaction refuses it.
    await table.query(`CREATE FUNCTION ${table.schema}.sneaky() RETURNS int LANGUAGE sql AS $$ INSERT INTO ${table.schema}.tasks (id, type, status, created_at) VALUES ('sneaky', 't', 's', 0) RETURNING 1 $$`)
    await table.query(`CREATE SEQUENCE ${table.schema}.s`)
    const url = new URL(pgUrl!)
    url.searchParams.set('options', `-c search_path=${table.schema}`)
    target = { engine: 'postgres', url: `${url.toString()}&table=${table.schema}.tasks`, shown: 'pg' }
  })
  afterAll(async () => {
    console.close()
    await table?.close()
  })

  it(`refuses ${BOTH.length + PG_ONLY.length + 1} writing or escaping statements and the table's checksum is unchanged`, async () => {
    const before = await checksum()
    for (const sql of [...BOTH, ...PG_ONLY, 'SELECT sneaky()']) expect([sql, await code(console.rows(target, 'q', sql, 10, 5000))]).toEqual([sql, 'SQL_REFUSED'])
    expect(await checksum()).toEqual(before)
    expect(existsSync('/tmp/docusnap-pwned')).toBe(false)
  })

  it('reads with server types, and says where a mistake is', async () => {
    const r = await console.rows(target, 'q', "SELECT id, created_at, NULL::text AS nothing, 'NULL' AS text, '\\x00ff'::bytea AS bytes FROM tasks ORDER BY id", 5, 5000)
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'bigint', 'text', 'text', 'bytea'])
    expect(r.rows[0]!.slice(2)).toEqual([null, 'NULL', { t: 'blob', size: 2, hex: '00ff' }])
    expect(r.more).toBe(true)
    await expect(console.rows(target, 'q', 'SELECT id FORM tasks', 5, 5000)).rejects.toThrow(/PostgreSQL: syntax error at or near "tasks" \(at character 16\)/)
  })

  it('stops a long query on the server, and the next one connects by itself', async () => {
    const r = await console.rows(target, 'slow', 'SELECT pg_sleep(30)', 5, 300)
    expect(r.stopped).toBe('timeout')
    const admin = new pg.Client({ connectionString: pgUrl! })
    await admin.connect()
    // The server's own statement_timeout ends the sleep too; nothing of it keeps running.
    for (;;) {
      const left = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'`)
      if (left.rows[0].n === 0) break
      await new Promise((res) => setTimeout(res, 20))
    }
    await admin.end()
    expect((await console.rows(target, 'next', 'SELECT count(*)::int AS n, count(*) AS big, true AS yes FROM tasks', 5, 5000)).rows).toEqual([[200, 200, true]])
  })

  it('explains as text, and gives the schema', async () => {
    const plan = await console.explain(target, 'p', 'SELECT * FROM tasks', 5000)
    expect(plan.kind === 'text' && plan.text).toMatch(/Seq Scan on tasks/)
    const schema = await console.schema(target)
    expect(schema.tables.find((t) => t.name === 'tasks')?.indexes.some((i) => i.columns.includes('id'))).toBe(true)
  })
})
