import Database from 'better-sqlite3'
import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../src/main/store/sqlite/open'
import { pythonDumps, pythonFloatRepr, pythonLoads, pythonReformat, standardJson } from '../src/shared/python-json'
import { getTask } from '../src/main/store/sqlite/task-detail'
import {
  cleanupExpiredTasks,
  createTaskRecord,
  getTaskResult,
  getTaskStatus,
  initDb,
  SEED_TABLE_SQL,
  updateTaskResult
} from '../src/main/store/sqlite/seed'
import { runSeedPython, tempDir } from './helpers'

function memory() {
  const db = new Database(':memory:')
  initDb(db)
  return db
}

describe('seed functions on :memory:', () => {
  it('create_task_record inserts a pending task with created_at = now and no update time', () => {
    const db = memory()
    createTaskRecord(db, 't1', 'document', 1000)
    expect(getTaskStatus(db, 't1')).toEqual({ status: 'pending', created_at: 1000, updated_at: null })
    expect(getTaskResult(db, 't1')).toMatchObject({ status: 'pending', result: null, created_at: 1000, updated_at: null })
  })

  it('a duplicate id is refused with a message that names it', () => {
    const db = memory()
    createTaskRecord(db, 'dup', 'form', 1)
    expect(() => createTaskRecord(db, 'dup', 'form', 2)).toThrow(/"dup" already exists/)
  })

  it('update_task_result stores a truthy result as Python JSON and sets updated_at', () => {
    const db = memory()
    createTaskRecord(db, 't', 'form', 10)
    expect(updateTaskResult(db, 't', 'completed', { 名字: '张三', n: [1, 2.5, { x: null }] }, 20)).toBe(1)
    const raw = db.prepare('SELECT result, updated_at FROM tasks').get() as { result: string; updated_at: number }
    expect(raw.result).toBe('{"名字": "张三", "n": [1, 2.5, {"x": null}]}')
    expect(raw.updated_at).toBe(20)
    expect(getTaskResult(db, 't')?.result).toEqual({ 名字: '张三', n: [1, 2.5, { x: null }] })
  })

  it.each([[null], [undefined], [{}], [[]], [''], [0], [false], [{ json: '0.0' }], [{ json: '{}' }]])(
    'a falsy result (%j) leaves the stored result untouched but still updates status and time',
    (falsy) => {
      const db = memory()
      createTaskRecord(db, 't', 'form', 10)
      updateTaskResult(db, 't', 'processing', { step: 1 }, 11)
      updateTaskResult(db, 't', 'error', falsy, 12)
      expect(getTaskResult(db, 't')).toMatchObject({ status: 'error', result: { step: 1 }, updated_at: 12 })
    }
  )

  it('update of a missing task changes nothing and reports 0 rows', () => {
    const db = memory()
    expect(updateTaskResult(db, 'none', 'completed', { a: 1 }, 5)).toBe(0)
    expect(getTaskStatus(db, 'none')).toBeNull()
  })

  it('get_task_result treats an empty stored string as no result, and raises on malformed JSON', () => {
    const db = memory()
    db.prepare("INSERT INTO tasks VALUES ('e', 'form', 'completed', '', 1, 2), ('m', 'form', 'completed', '{oops', 1, 2)").run()
    expect(getTaskResult(db, 'e')?.result).toBeNull()
    expect(() => getTaskResult(db, 'm')).toThrow(/Getting task result failed/)
  })

  it('cleanup_expired_tasks deletes created_at < now - days*86400 and returns the count', () => {
    const db = memory()
    const now = 100 * 86_400
    createTaskRecord(db, 'old', 'form', now - 7 * 86_400 - 1)
    createTaskRecord(db, 'edge', 'form', now - 7 * 86_400)
    createTaskRecord(db, 'new', 'form', now)
    expect(cleanupExpiredTasks(db, 7, now)).toBe(1)
    expect(getTaskStatus(db, 'old')).toBeNull()
    expect(getTaskStatus(db, 'edge')).not.toBeNull()
    expect(cleanupExpiredTasks(db, 0, now + 1)).toBe(2)
  })
})

describe('Python json.dumps formatting', () => {
  it('formats floats like repr()', () => {
    expect([1e16, 1e15, 0.0001, 0.00001, 1.5, -0, 123456789.125, 1e-7, 5e-324].map(pythonFloatRepr)).toEqual([
      '1e+16',
      '1000000000000000.0',
      '0.0001',
      '1e-05',
      '1.5',
      '-0.0',
      '123456789.125',
      '1e-07',
      '5e-324'
    ])
  })

  it('matches the real json.dumps(..., ensure_ascii=False) on tricky values', () => {
    const samples = [
      '{"a": 1.0, "b": [1E2, -0, -0.0, 1e400, 100000000000000000000001]}',
      '"tab\\there \\u0001 \\u2028 \\ud83d\\ude00 中文 \\"q\\" \\\\"',
      '{"dup": 1, "x": 2, "dup": 3}',
      '[NaN, Infinity, -Infinity, true, false, null, {}]',
      '{"nested": {"deep": [[[]]], "é": "ü"}}',
      '0.1',
      '3.141592653589793',
      '1.7976931348623157e308'
    ]
    const py = runSeedPython(join(tempDir(), 'x.db'), samples.map((s) => ['dumps', s]))
    expect(samples.map((s) => pythonReformat(s).json)).toEqual(py)
  })

  it('agrees with Python on random JSON (property)', () => {
    const values = fc.sample(fc.jsonValue({ maxDepth: 4 }), 300).map((v) => JSON.stringify(v))
    const py = runSeedPython(join(tempDir(), 'x.db'), values.map((s) => ['dumps', s]))
    expect(values.map((s) => pythonReformat(s).json)).toEqual(py)
  })

  it('JS values: safe integers stay ints, other numbers are floats', () => {
    expect(pythonDumps({ a: 1, b: 0.5, c: [true, null, 'x'] })).toBe('{"a": 1, "b": 0.5, "c": [true, null, "x"]}')
  })

  it('rejects text that is not JSON', () => {
    expect(() => pythonReformat('{"a":')).toThrow()
    expect(() => pythonReformat('[1,]')).toThrow()
    expect(() => pythonReformat('"\\x"')).toThrow()
  })
})

describe('a database written by us and one written by the seed module are the same database', () => {
  it('the table DDL is stored byte for byte as the seed stores it', () => {
    const dir = tempDir()
    runSeedPython(join(dir, 'py.db'), [['init_db']])
    const ours = openStore(join(dir, 'ts.db'), { create: true })
    const theirs = new Database(join(dir, 'py.db'), { readonly: true })
    const ddl = (db: Database.Database) => (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'tasks'").get() as { sql: string }).sql
    expect(ddl(ours.db)).toBe(ddl(theirs))
    expect(ddl(ours.db)).toBe(SEED_TABLE_SQL.replace('IF NOT EXISTS ', ''))
    ours.db.close()
    theirs.close()
  })

  it('Python reads what we wrote exactly as it reads what it wrote itself', () => {
    const dir = tempDir()
    const results = [
      '{"title": "增值税发票", "amount": 1.0, "items": [{"n": 1}, {"n": 2.5}], "big": 12345678901234567890}',
      '"just a string"',
      '[1, [2, [3, []]]]'
    ]
    // Python writes py.db; we write ts.db with the same operations.
    const pyDb = join(dir, 'py.db')
    runSeedPython(pyDb, [
      ['init_db'],
      ...results.flatMap((r, i) => [
        ['create_task_record', `t${i}`, 'document'],
        ['update_task_result_json', `t${i}`, 'completed', r]
      ]),
      ['create_task_record', 'falsy', 'form'],
      ['update_task_result_json', 'falsy', 'processing', '{"step": "ocr"}'],
      ['update_task_result_json', 'falsy', 'error', '{}']
    ])
    const ts = openStore(join(dir, 'ts.db'), { create: true })
    results.forEach((r, i) => {
      createTaskRecord(ts.db, `t${i}`, 'document')
      updateTaskResult(ts.db, `t${i}`, 'completed', { json: r })
    })
    createTaskRecord(ts.db, 'falsy', 'form')
    updateTaskResult(ts.db, 'falsy', 'processing', { json: '{"step": "ocr"}' })
    updateTaskResult(ts.db, 'falsy', 'error', { json: '{}' })
    ts.db.close()

    const rows = (path: string) =>
      new Database(path, { readonly: true }).prepare('SELECT id, type, status, result FROM tasks ORDER BY id').all()
    expect(rows(join(dir, 'ts.db'))).toEqual(rows(pyDb))

    const ids = [...results.map((_, i) => `t${i}`), 'falsy', 'missing']
    const read = (path: string) => runSeedPython(path, ids.map((id) => ['get_task_result_text', id]))
    const strip = (xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x.replace(/"(created|updated)_at": \d+/g, '"$1_at": T') : x))
    expect(strip(read(join(dir, 'ts.db')))).toEqual(strip(read(pyDb)))
  })

  it('we read what Python wrote as the seed returns it', () => {
    const dir = tempDir()
    const db = join(dir, 'py.db')
    const [, , , status, result] = runSeedPython(db, [
      ['init_db'],
      ['create_task_record', 'a', 'form_filling'],
      ['update_task_result_json', 'a', 'completed', '{"filled": {"姓名": "李四"}, "n": [1, 2]}'],
      ['get_task_status', 'a'],
      ['get_task_result', 'a']
    ])
    const store = openStore(db)
    expect(getTaskStatus(store.db, 'a')).toEqual(status)
    const ours = getTaskResult(store.db, 'a')!
    expect({ status: ours.status, result: ours.result, created_at: ours.created_at, updated_at: ours.updated_at }).toEqual(result)
    store.db.close()
  })

  it('Python cleanup and ours delete the same rows', () => {
    const dir = tempDir()
    const now = Math.floor(Date.now() / 1000)
    const seedRows = (db: Database.Database) => {
      initDb(db)
      const insert = db.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES (?, 'form', 'pending', ?)")
      for (let i = 0; i < 40; i++) insert.run(`t${i}`, now - i * 43_200 - 30)
    }
    const a = new Database(join(dir, 'a.db'))
    seedRows(a)
    a.close()
    const b = new Database(join(dir, 'b.db'))
    seedRows(b)
    const [pyDeleted] = runSeedPython(join(dir, 'a.db'), [['cleanup_expired_tasks', 7]])
    expect(cleanupExpiredTasks(b, 7)).toBe(pyDeleted)
    const ids = (db: Database.Database) => db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all()
    expect(ids(b)).toEqual(ids(new Database(join(dir, 'a.db'))))
  })
})

describe('what the seed module can store, read back as it reads it', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js')
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, env: { ...process.env, LANG: 'C' } })

  it('NaN and ±Infinity (json.dumps writes them): valid JSON out, where they were noted, a tree in the app', () => {
    const db = join(tempDir(), 'nan.db')
    runSeedPython(db, [['init_db'], ['create_task_record', 'n1', 'document'], ['update_task_result_json', 'n1', 'completed', '{"score": NaN, "range": [-Infinity, 1.5, Infinity], "ok": 1}']])
    const stored = (new Database(db).prepare("SELECT result FROM tasks WHERE id = 'n1'").get() as { result: string }).result
    expect(stored).toBe('{"score": NaN, "range": [-Infinity, 1.5, Infinity], "ok": 1}')
    const r = run(['result', 'n1', '--json', '--db', db])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed', result: { score: null, range: [null, 1.5, null], ok: 1 }, non_finite: { '$.score': 'NaN', '$.range[0]': '-Infinity', '$.range[2]': 'Infinity' } })
    // For people, the stored text as Python wrote it.
    expect(run(['result', 'n1', '--db', db]).stdout.trim()).toBe(stored)
    // The app shows it as JSON (a tree with NaN and Infinity), not as malformed.
    const s = openStore(db, { readOnly: true })
    expect(getTask(s, 'n1')?.result).toEqual({ kind: 'json', text: stored })
    expect(getTaskResult(s.db, 'n1')?.result).toEqual({ score: NaN, range: [-Infinity, 1.5, Infinity], ok: 1 })
    s.db.close()
    // Standard JSON stays byte for byte as stored, without a note.
    expect(standardJson('{"a": 1.0}')).toEqual({ json: '{"a": 1.0}', nonFinite: {} })
    expect(pythonLoads('{"__proto__": NaN}')).toEqual(Object.assign(Object.create(null) as object, { ['__proto__']: NaN }))
  })

  it('update --result-file (and - for stdin) stores a 1 MB result byte for byte as the seed module does', () => {
    const dir = tempDir()
    const big = JSON.stringify({ 标题: '发票', pages: Array.from({ length: 9000 }, (_, i) => ({ n: i, text: `第 ${i} 页 — ${'x'.repeat(80)}`, score: i / 7 })) })
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000)
    const file = join(dir, 'result.json')
    writeFileSync(file, big)
    const py = join(dir, 'py.db')
    runSeedPython(py, [['init_db'], ['create_task_record', 't', 'document'], ['update_task_result_json', 't', 'completed', big]])
    const ours = join(dir, 'ours.db')
    for (const db of [ours, join(dir, 'stdin.db')]) {
      expect(run(['init', '--db', db]).status).toBe(0)
      expect(run(['add', 't', '--type', 'document', '--db', db]).status).toBe(0)
    }
    expect(run(['update', 't', '--status', 'completed', '--result-file', file, '--db', ours, '--json']).stdout.trim()).toBe('{"updated":1}')
    expect(run(['update', 't', '--status', 'completed', '--result-file', '-', '--db', join(dir, 'stdin.db'), '--json'], big).stdout.trim()).toBe('{"updated":1}')
    const resultOf = (db: string) => (new Database(db).prepare("SELECT result FROM tasks WHERE id = 't'").get() as { result: string }).result
    // Compared as digests: a failure should not print megabytes.
    const digest = (db: string) => createHash('sha256').update(resultOf(db)).digest('hex')
    expect(digest(ours)).toBe(digest(py))
    expect(digest(join(dir, 'stdin.db'))).toBe(digest(py))
    // A value starting with '-' through a file; both options at once is a usage error; a missing file says so.
    writeFileSync(file, '-1.5e-7')
    expect(run(['update', 't', '--status', 'completed', '--result-file', file, '--db', ours]).status).toBe(0)
    expect(resultOf(ours)).toBe('-1.5e-07')
    const both = run(['update', 't', '--status', 'x', '--result', '1', '--result-file', file, '--db', ours])
    expect([both.status, both.stderr.trim()]).toEqual([2, 'docusnap-tasks: update: give --result or --result-file, not both.'])
    const missing = run(['update', 't', '--status', 'x', '--result-file', join(dir, 'nope.json'), '--db', ours])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(`Cannot read the result from ${join(dir, 'nope.json')}`)
    expect(resultOf(ours)).toBe('-1.5e-07')
  })
})

describe('editing results as the seed module reads them', () => {
  it('pretty-prints as json.dumps(indent=2) does, and says where text stops being JSON', async () => {
    const { pythonPretty, pythonJsonError } = await import('../src/shared/python-json')
    const text = '{"a": [1, 2.0, NaN], "标题": {}, "b": []}'
    const py = runSeedPython(join(tempDir(), 'x.db'), [['dumps', text]])
    expect(py[0]).toBe(pythonReformat(text).json)
    expect(pythonPretty(text)).toBe('{\n  "a": [\n    1,\n    2.0,\n    NaN\n  ],\n  "标题": {},\n  "b": []\n}')
    expect(pythonReformat(pythonPretty(text)).json).toBe(pythonReformat(text).json)
    expect(pythonJsonError(text)).toBeNull()
    expect(pythonJsonError('{"a": 1,}')).toMatchObject({ position: 8 })
  })
})
