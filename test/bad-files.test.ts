import Database from 'better-sqlite3'
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../src/shared/errors'
import { runCli } from '../src/main/cli/run'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import { StoreSession } from '../src/main/store/session'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { countTasks } from '../src/main/store/sqlite/count'
import { getTask } from '../src/main/store/sqlite/task-detail'
import { facetTasks } from '../src/main/store/sqlite/facets'
import { cliCopyForOtherUsers, sha256File, tempDir } from './helpers'

// Every kind of bad file gives a message that names the file and the problem, no crash, and leaves the bytes as they
// were. Each case runs through the store, the CLI and the session the UI talks to.

const SEED_DDL = 'CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER)'

function demoFile(dir: string, name = 'good.db', count = 3000): string {
  const path = join(dir, name)
  const s = openStore(path, { create: true })
  insertSeedDemo(s, { count, seed: 2 })
  s.db.close()
  return path
}

async function cliRun(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal: new AbortController().signal } })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

interface Case {
  name: string
  make(dir: string): string
  code: string
  pattern: RegExp
  /** The failure shows when reading, not when opening (a damaged page deep in the file). */
  onRead?: boolean
}

const cases: Case[] = [
  { name: 'missing path', make: (d) => join(d, 'nope.db'), code: 'NOT_FOUND', pattern: /does not exist/ },
  { name: 'directory', make: (d) => (mkdirSync(join(d, 'dir.db')), join(d, 'dir.db')), code: 'NOT_A_FILE', pattern: /is a folder/ },
  { name: 'empty file', make: (d) => (writeFileSync(join(d, 'empty.db'), ''), join(d, 'empty.db')), code: 'NOT_SQLITE', pattern: /is empty/ },
  { name: 'random bytes', make: (d) => (writeFileSync(join(d, 'rand.db'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) % 251))), join(d, 'rand.db')), code: 'NOT_SQLITE', pattern: /not a SQLite database/ },
  { name: 'text file', make: (d) => (writeFileSync(join(d, 'notes.txt'), '任务列表\nid,status\n'), join(d, 'notes.txt')), code: 'NOT_SQLITE', pattern: /not a SQLite database/ },
  {
    name: 'encrypted database (SQLCipher-like: random after a plausible size)',
    make: (d) => {
      const p = join(d, 'enc.db')
      writeFileSync(p, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4080, 0x5a)]))
      return p
    },
    code: 'NOT_SQLITE',
    pattern: /not a SQLite database, or it is encrypted/
  },
  {
    name: 'truncated database',
    make: (d) => {
      const p = demoFile(d)
      writeFileSync(join(d, 'trunc.db'), readFileSync(p).subarray(0, 3 * 4096 + 17))
      return join(d, 'trunc.db')
    },
    code: 'CORRUPT',
    pattern: /damaged/
  },
  {
    name: 'database with a corrupted page',
    make: (d) => {
      const p = demoFile(d, 'pages.db')
      const fd = openSync(p, 'r+')
      writeSync(fd, Buffer.alloc(4096, 0xee), 0, 4096, 40 * 4096)
      closeSync(fd)
      return p
    },
    code: 'CORRUPT',
    pattern: /damaged/,
    onRead: true
  },
  { name: 'no tasks table', make: (d) => (new Database(join(d, 'other.db')).exec('CREATE TABLE jobs (id TEXT)'), join(d, 'other.db')), code: 'INCOMPATIBLE_SCHEMA', pattern: /no tasks table/ },
  { name: 'tasks table of another shape', make: (d) => (new Database(join(d, 'shape.db')).exec('CREATE TABLE tasks (id INTEGER, payload BLOB)'), join(d, 'shape.db')), code: 'INCOMPATIBLE_SCHEMA', pattern: /match neither known format/ },
  { name: 'view named tasks', make: (d) => (new Database(join(d, 'view.db')).exec('CREATE TABLE t (x); CREATE VIEW tasks AS SELECT * FROM t'), join(d, 'view.db')), code: 'INCOMPATIBLE_SCHEMA', pattern: /is a view/ },
  {
    name: 'WAL-mode file without its -wal',
    make: (d) => {
      const p = join(d, 'wal.db')
      const db = new Database(p)
      db.exec('CREATE TABLE settings (k TEXT)')
      db.pragma('journal_mode = WAL')
      db.pragma('wal_autocheckpoint = 0')
      db.exec(SEED_DDL)
      copyFileSync(p, join(d, 'lost-wal.db'))
      db.close()
      return join(d, 'lost-wal.db')
    },
    code: 'INCOMPATIBLE_SCHEMA',
    pattern: /WAL mode and its lost-wal\.db-wal file is missing/
  }
]

describe('bad files', () => {
  it.each(cases)('$name: a typed error naming the file, from the store, the CLI and the session; bytes unchanged', async ({ make, code, pattern, onRead }) => {
    const dir = tempDir()
    const path = make(dir)
    const isFile = (() => {
      try {
        readFileSync(path)
        return true
      } catch {
        return false
      }
    })()
    const before = isFile ? sha256File(path) : null

    // store
    let error: unknown
    try {
      const s = openStore(path, { busyTimeoutMs: 200 })
      if (onRead) {
        listTasks(s, {}, { field: 'id', dir: 'asc' }, { limit: 1000 })
        countTasks(s, { text: 'x' })
        facetTasks(s)
      }
      s.db.close()
    } catch (e) {
      error = e
    }
    if (onRead && !(error instanceof AppError)) {
      // better-sqlite3's own error on read: the session and CLI map it; check them below
      expect(error).toBeDefined()
    } else {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe(code)
      expect((error as AppError).message).toMatch(pattern)
      expect((error as AppError).message).toContain(path)
    }

    // CLI: one line on stderr naming the file, exit 1
    const r = await cliRun(onRead ? ['count', '--search', 'x', '--db', path] : ['list', '--db', path])
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(path)

    // session (what the UI gets)
    const session = new StoreSession(() => undefined, { watchMs: 0 })
    const reply = await session
      .handle('db.open', { path })
      .then(() => session.handle('tasks.count', { filter: { text: 'x' } }))
      .then(
        () => null,
        (e: unknown) => e as AppError
      )
    await session.dispose()
    expect(reply).toBeInstanceOf(AppError)
    expect(reply!.code).toBe(code)
    expect(reply!.message).toContain(path)

    if (before) expect(sha256File(path)).toBe(before)
  })

  it('a file locked exclusively by another process: a clear "locked" message, nothing changed', async () => {
    const dir = tempDir()
    const path = demoFile(dir, 'locked.db', 50)
    const before = sha256File(path)
    const holder = spawn(process.execPath, ['-e', `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const db=new D(${JSON.stringify(path)});db.exec('BEGIN EXCLUSIVE');db.prepare("UPDATE tasks SET status=status WHERE 0").run();console.log('locked');setTimeout(()=>{db.exec('ROLLBACK');db.close()},4000)`])
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    try {
      expect(() => openStore(path, { busyTimeoutMs: 200 })).toThrow(/locked\.db is locked by another program/)
    } finally {
      holder.kill()
    }
    await new Promise((r) => holder.once('exit', r))
    expect(sha256File(path)).toBe(before)
  })

  it('a read-only file opened for writing is opened read-only, and writes are refused clearly', async (ctx) => {
    const dir = tempDir()
    const path = demoFile(dir, 'ro.db', 50)
    chmodSync(path, 0o444)
    chmodSync(dir, 0o755)
    const before = sha256File(path)
    const args = ['purge', '--all', '--yes', '--db', path]
    // As root permissions do not bind, so run the CLI as an unprivileged user where we are root: from a copy it can
    // read, since the checkout may sit in a private folder (a fresh clone under /root or `mktemp -d`).
    const asRoot = process.getuid?.() === 0
    let r
    if (asRoot) {
      const bin = join(cliCopyForOtherUsers(), 'bin', 'docusnap-tasks.js')
      const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups']
      const reach = spawnSync('setpriv', [...nobody, 'test', '-r', bin])
      if (reach.status !== 0) ctx.skip(`user 65534 cannot read ${bin} (is ${tmpdir()} private?), so root cannot test a file it may not write`)
      r = spawnSync('setpriv', [...nobody, process.execPath, bin, ...args], { encoding: 'utf8' })
    } else {
      r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js'), ...args], { encoding: 'utf8' })
    }
    expect(r.stderr).toContain(`${path} is open read-only; Delete tasks in is not possible.`)
    expect(r.status).toBe(1)
    expect(sha256File(path)).toBe(before)
    if (!asRoot) {
      const s = openStore(path)
      expect(s.readOnly).toBe(true)
      s.db.close()
    }
  })

  it('a WAL-mode file with its -wal and -shm opens, and read-only leaves all three untouched', () => {
    const dir = tempDir()
    const path = join(dir, 'wal.db')
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('wal_autocheckpoint = 0')
    db.exec(SEED_DDL)
    db.prepare("INSERT INTO tasks VALUES ('in-wal', 'form', 'pending', NULL, 1, NULL)").run()
    for (const ext of ['', '-wal', '-shm']) copyFileSync(path + ext, join(dir, `copy.db${ext}`))
    db.close()
    const copy = join(dir, 'copy.db')
    const hashes = () => ['', '-wal'].map((ext) => sha256File(copy + ext))
    const before = hashes()
    const s = openStore(copy, { readOnly: true })
    expect(getTask(s, 'in-wal')?.status).toBe('pending')
    s.db.close()
    expect(hashes()).toEqual(before)
  })

  it('a path with spaces and Chinese characters', async () => {
    const dir = join(tempDir(), '任务 数据 (copy)')
    mkdirSync(dir)
    const path = demoFile(dir, '我的 tasks.db', 20)
    expect((await cliRun(['count', '--db', path, '--json'])).stdout).toBe('{"count":20}')
    expect((await cliRun(['list', '--db', join(dir, '不存在.db')])).stderr).toContain('不存在.db does not exist')
  })

  it('odd contents: a 10 MB result, malformed JSON, binary blobs, NULL, negative and far-future times', () => {
    const s = openStore(join(tempDir(), 'odd.db'), { create: true })
    const big = JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024) })
    const insert = s.db.prepare('INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?)')
    insert.run('big', 'document', 'completed', big, 100, 200)
    insert.run('bad', 'form', 'completed', '{"a":', 100, 200)
    insert.run('bin', 'form', 'error', Buffer.from([0, 1, 2, 255]), 100, 200)
    insert.run('neg', 'form', 'pending', null, -86_400 * 365, null)
    insert.run('future', 'form', 'completed', '{}', 32_503_680_000, -5)
    const rows = listTasks(s, {}, { field: 'created_at', dir: 'asc' }, { limit: 10 }).tasks
    expect(rows.map((r) => r.id)).toEqual(['neg', 'big', 'bad', 'bin', 'future'])
    expect(rows.find((r) => r.id === 'big')!.result_bytes).toBe(Buffer.byteLength(big))
    expect(getTask(s, 'big')!.result.kind).toBe('json')
    expect(getTask(s, 'bad')!.result.kind).toBe('malformed')
    expect(getTask(s, 'bin')!.result).toMatchObject({ kind: 'binary', bytes: 4 })
    expect(getTask(s, 'bin')!.error).toBeTypeOf('string')
    expect(countTasks(s, { olderThanDays: 7 })).toBe(4)
    expect(countTasks(s, { updatedFrom: 0 })).toBe(3)
    expect(facetTasks(s).status).toEqual({ completed: 3, error: 1, pending: 1 })
    rmSync(s.path)
  })
})
