import Database from 'better-sqlite3'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../src/shared/errors'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import { storeError } from '../src/main/store/model/errors'
import { storeStats } from '../src/main/store/sqlite/stats'
import { sha256File, tempDir } from './helpers'

function expectRefused(path: string, code: string, pattern: RegExp, options = {}) {
  let error: unknown
  try {
    openStore(path, options).db.close()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  expect((error as AppError).message).toMatch(pattern)
  expect((error as AppError).message).toContain(path)
}

function seedFile(dir: string, name = 'good.db', count = 50): string {
  const path = join(dir, name)
  const s = openStore(path, { create: true })
  insertSeedDemo(s, { count, seed: 1 })
  s.db.close()
  return path
}

describe('opening files', () => {
  it('a missing path is an error unless create is asked', () => {
    const dir = tempDir()
    expectRefused(join(dir, 'nope.db'), 'NOT_FOUND', /does not exist/)
    const s = openStore(join(dir, 'new.db'), { create: true })
    expect(s.created).toBe(true)
    expect(s.dialect.kind).toBe('seed')
    expect(storeStats(s).missing_indexes).toEqual([])
    s.db.close()
  })

  const badFiles: [string, (dir: string) => string, string, RegExp][] = [
    ['a directory', (d) => (mkdirSync(join(d, 'folder.db')), join(d, 'folder.db')), 'NOT_A_FILE', /folder/],
    ['an empty file', (d) => (writeFileSync(join(d, 'empty.db'), ''), join(d, 'empty.db')), 'NOT_SQLITE', /empty/],
    ['random bytes', (d) => (writeFileSync(join(d, 'r.db'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), join(d, 'r.db')), 'NOT_SQLITE', /not a SQLite database/],
    ['a text file', (d) => (writeFileSync(join(d, 't.db'), 'id,type,status\n1,form,done\n'), join(d, 't.db')), 'NOT_SQLITE', /not a SQLite database/],
    [
      'a truncated database',
      (d) => {
        const p = seedFile(d, 'full.db', 3000)
        writeFileSync(join(d, 'trunc.db'), readFileSync(p).subarray(0, 8192 + 100))
        return join(d, 'trunc.db')
      },
      'CORRUPT',
      /damaged/
    ],
    [
      'no tasks table',
      (d) => {
        const db = new Database(join(d, 'other.db'))
        db.exec('CREATE TABLE jobs (id TEXT)')
        db.close()
        return join(d, 'other.db')
      },
      'INCOMPATIBLE_SCHEMA',
      /no tasks table/
    ],
    [
      'a tasks table of another shape',
      (d) => {
        const db = new Database(join(d, 'shape.db'))
        db.exec('CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT, done INTEGER)')
        db.close()
        return join(d, 'shape.db')
      },
      'INCOMPATIBLE_SCHEMA',
      /match neither.*missing: type, status, result, created_at, updated_at/
    ],
    [
      'a view named tasks',
      (d) => {
        const db = new Database(join(d, 'view.db'))
        db.exec('CREATE TABLE t (x); CREATE VIEW tasks AS SELECT x FROM t')
        db.close()
        return join(d, 'view.db')
      },
      'INCOMPATIBLE_SCHEMA',
      /is a view/
    ]
  ]

  it.each(badFiles)('%s gives a typed error naming the file and leaves it unchanged', (_name, make, code, pattern) => {
    const path = make(tempDir())
    const before = _name === 'a directory' ? null : sha256File(path)
    expectRefused(path, code, pattern)
    // create only applies to a missing path, an empty file or a database without tasks: it never rewrites a bad file
    if (!['an empty file', 'no tasks table'].includes(_name)) expectRefused(path, code, pattern, { create: true })
    if (before) expect(sha256File(path)).toBe(before)
  })

  it('create on a SQLite file without a tasks table adds one (init)', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'other.db'))
    db.exec('CREATE TABLE jobs (id TEXT)')
    db.close()
    const s = openStore(join(dir, 'other.db'), { create: true })
    expect(s.created).toBe(true)
    s.db.close()
  })

  it('read-only mode cannot write, and never creates', () => {
    const dir = tempDir()
    const path = seedFile(dir)
    const before = sha256File(path)
    const s = openStore(path, { readOnly: true })
    expect(() => s.db.prepare("DELETE FROM tasks").run()).toThrow(/readonly/)
    s.db.close()
    expect(sha256File(path)).toBe(before)
    expectRefused(join(dir, 'nothing.db'), 'NOT_FOUND', /read-only/, { readOnly: true, create: true })
  })

  it('a permission error names the file', () => {
    const e = storeError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/x/tasks.db', 'Open')
    expect(e.toJSON()).toEqual({ code: 'IO', message: 'No permission to read /x/tasks.db.' })
    expect(storeError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'f.db', 'Delete tasks in').code).toBe('DISK_FULL')
    expect(storeError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'f.db', 'Open').message).toMatch(/f\.db is locked by another program/)
  })

  it('never changes the journal mode of an existing file', () => {
    const dir = tempDir()
    const path = join(dir, 'wal.db')
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER)')
    db.close()
    const s = openStore(path)
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal')
    s.db.close()
    const path2 = seedFile(dir, 'delete.db')
    const s2 = openStore(path2)
    expect(s2.db.pragma('journal_mode', { simple: true })).toBe('delete')
    s2.db.close()
  })

  it('does not add indexes to a file it did not create', () => {
    const dir = tempDir()
    const path = join(dir, 'theirs.db')
    const db = new Database(path)
    db.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER)')
    db.close()
    const before = sha256File(path)
    const s = openStore(path, { create: true })
    expect(s.created).toBe(false)
    expect(storeStats(s).missing_indexes.length).toBeGreaterThan(0)
    s.db.close()
    expect(sha256File(path)).toBe(before)
  })
})
