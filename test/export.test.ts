import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { insertBackendDemo, insertSeedDemo } from '../src/main/store/sqlite/demo'
import { csvField } from '../src/main/store/model/export'
import { exportTasks } from '../src/main/store/sqlite/export'
import { openStore } from '../src/main/store/sqlite/open'
import { createTaskRecord } from '../src/main/store/sqlite/seed'
import { countTasks } from '../src/main/store/sqlite/count'
import { tempDir } from './helpers'

/** A small RFC 4180 reader, to check what we write reads back to the same values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal: new AbortController().signal } })
  return { code, json: () => JSON.parse(out.join('\n')) as Record<string, unknown>, stderr: err.join('\n') }
}

describe('export', () => {
  it('CSV quoting: quotes, commas, line breaks, edge spaces; nothing else is quoted', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
    expect(csvField(' lead')).toBe('" lead"')
    expect(csvField(null)).toBe('')
    expect(csvField(12)).toBe('12')
    expect(csvField('中文')).toBe('中文')
  })

  it('CSV cells a spreadsheet would run as formulas open as text (OWASP), through the CLI too', async () => {
    expect(csvField('=HYPERLINK("http://x.invalid","click")')).toBe(`"'=HYPERLINK(""http://x.invalid"",""click"")"`)
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)")
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0")
    expect(csvField('\tx')).toBe("'\tx")
    expect(csvField('\rx')).toBe(`"'\rx"`)
    // Stored numbers are numbers; text in the middle is left alone.
    expect(csvField(-5)).toBe('-5')
    expect(csvField('a=b')).toBe('a=b')
    const db = join(tempDir(), 'f.db')
    const s = openStore(db, { create: true })
    createTaskRecord(s.db, '=cmd|\' /C calc\'!A0', '@SUM(1)')
    s.db.close()
    const out = join(tempDir(), 'f.csv')
    expect((await cli(['export', '--db', db, '--format', 'csv', '--out', out, '--json'])).code).toBe(0)
    const line = readFileSync(out, 'utf8').split('\r\n')[1]!
    expect(line.startsWith("'=cmd|' /C calc'!A0,'@SUM(1),pending,")).toBe(true)
  })

  it('CSV with results reads back to exactly the stored values, Unicode and all, with an optional BOM', async () => {
    const s = openStore(':memory:', { create: true })
    insertSeedDemo(s, { count: 300, seed: 3 })
    s.db.prepare("INSERT INTO tasks VALUES ('tricky, \"one\"', 'form', 'error', ?, 5, NULL)").run('{"error": "多行\\n,\\"引号\\""}\n')
    let text = ''
    const r = await exportTasks(s, {}, (c) => void (text += c), { format: 'csv', withResult: true, bom: true, rawTimes: true })
    expect(r).toEqual({ exported: 301, cancelled: false })
    expect(text.startsWith('\ufeffid,type,status,created_at,updated_at,result\r\n')).toBe(true)
    const rows = parseCsv(text.slice(1))
    expect(rows).toHaveLength(302)
    const stored = s.db.prepare('SELECT id, type, status, created_at, updated_at, result FROM tasks ORDER BY rowid').raw().all() as unknown[][]
    expect(rows.slice(1)).toEqual(stored.map((row) => row.map((v) => (v === null ? '' : String(v)))))
  })

  it('CSV times are ISO 8601 UTC by default (seed seconds and backend text alike); raw on request', async () => {
    const s = openStore(':memory:', { create: true })
    s.db.prepare("INSERT INTO tasks VALUES ('t', 'form', 'completed', NULL, 1796038626, NULL)").run()
    let text = ''
    await exportTasks(s, {}, (c) => void (text += c), { format: 'csv' })
    expect(text.split('\r\n')[1]).toBe('t,form,completed,2026-11-30T11:37:06Z,')
    text = ''
    await exportTasks(s, {}, (c) => void (text += c), { format: 'csv', rawTimes: true })
    expect(text.split('\r\n')[1]).toBe('t,form,completed,1796038626,')
    const { isoTime } = await import('../src/main/store/model/export')
    expect(isoTime('2024-01-01 00:00:00')).toBe('2024-01-01T00:00:00Z')
    expect(isoTime('not a time')).toBe('not a time')
  })

  it('JSON results are the parsed value, digits as stored; NaN noted; text that is not JSON stays a string', async () => {
    const s = openStore(':memory:', { create: true })
    s.db.prepare(`INSERT INTO tasks VALUES ('a', 'form', 'completed', '{"n": 1.0, "标题": "发票"}', 1, NULL)`).run()
    s.db.prepare(`INSERT INTO tasks VALUES ('b', 'form', 'completed', '{"x": NaN}', 2, NULL)`).run()
    s.db.prepare("INSERT INTO tasks VALUES ('c', 'form', 'error', 'not json at all', 3, NULL)").run()
    s.db.prepare("INSERT INTO tasks VALUES ('d', 'form', 'pending', NULL, 4, NULL)").run()
    let lines = ''
    await exportTasks(s, {}, (c) => void (lines += c), { format: 'jsonl', withResult: true })
    const rows = lines.trimEnd().split('\n')
    expect(rows[0]).toBe('{"id":"a","type":"form","status":"completed","created_at":1,"updated_at":null,"result":{"n": 1.0, "标题": "发票"}}')
    expect(JSON.parse(rows[1]!)).toEqual({ id: 'b', type: 'form', status: 'completed', created_at: 2, updated_at: null, result: { x: null }, result_non_finite: { '$.x': 'NaN' } })
    expect(JSON.parse(rows[2]!).result).toBe('not json at all')
    expect(JSON.parse(rows[3]!).result).toBeNull()
    let json = ''
    await exportTasks(s, {}, (c) => void (json += c), { format: 'json', withResult: true })
    expect((JSON.parse(json) as { result: unknown }[]).map((r) => typeof r.result)).toEqual(['object', 'object', 'string', 'object'])
  })

  it('JSON and JSON Lines carry the stored fields, filtered', async () => {
    const s = openStore(':memory:', { create: true })
    insertSeedDemo(s, { count: 200, seed: 5 })
    const errors = countTasks(s, { statuses: ['error'] })
    let json = ''
    await exportTasks(s, { statuses: ['error'] }, (c) => void (json += c), { format: 'json', withResult: true })
    const parsed = JSON.parse(json) as Record<string, unknown>[]
    expect(parsed).toHaveLength(errors)
    expect(Object.keys(parsed[0]!)).toEqual(['id', 'type', 'status', 'created_at', 'updated_at', 'result'])
    expect(typeof parsed[0]!.result).toBe('object')
    let lines = ''
    await exportTasks(s, { statuses: ['error'] }, (c) => void (lines += c), { format: 'jsonl' })
    expect(lines.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(parsed.map(({ result: _r, ...rest }) => rest))
    let empty = ''
    await exportTasks(s, { statuses: ['nope'] }, (c) => void (empty += c), { format: 'json' })
    expect(JSON.parse(empty)).toEqual([])
  })

  it('backend files export their own columns', async () => {
    const s = openStore(join(tempDir(), 'b.db'), { create: true, schema: 'backend' })
    insertBackendDemo(s, { count: 50, seed: 1 })
    let text = ''
    await exportTasks(s, {}, (c) => void (text += c), { format: 'csv' })
    expect(text.split('\r\n')[0]).toBe('client_id,sha256,type,status,error_detail,created_at,last_accessed')
  })

  it('streams: a large export never holds more than a page in memory', async () => {
    const s = openStore(':memory:', { create: true })
    insertSeedDemo(s, { count: 20_000, seed: 9 })
    let largest = 0
    let bytes = 0
    const r = await exportTasks(s, {}, (c) => {
      largest = Math.max(largest, c.length)
      bytes += c.length
    }, { format: 'jsonl', withResult: true, pageSize: 500 })
    expect(r.exported).toBe(20_000)
    // Each write is one page (500 rows), a small part of the whole.
    expect(largest).toBeLessThan(bytes / 20)
  })

  it('cancel stops between pages', async () => {
    const s = openStore(':memory:', { create: true })
    insertSeedDemo(s, { count: 5000, seed: 2 })
    const controller = new AbortController()
    const r = await exportTasks(s, {}, () => undefined, { format: 'csv', pageSize: 1000, signal: controller.signal, onProgress: (p) => p.done >= 2000 && controller.abort() })
    expect(r).toEqual({ exported: 2000, cancelled: true })
  })

  it('CLI: export [filters] --format --out → {"exported":N}; no half file on failure', async () => {
    const dir = tempDir()
    const db = join(dir, 't.db')
    await cli(['demo', '--count', '400', '--db', db, '--seed', '4'])
    const out = join(dir, 'errors.csv')
    const n = (await cli(['count', '--status', 'error', '--db', db, '--json'])).json().count
    expect((await cli(['export', '--status', 'error', '--format', 'csv', '--with-result', '--bom', '--out', out, '--db', db, '--json'])).json()).toEqual({ exported: n })
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength((n as number) + 1)
    expect((await cli(['export', '--format', 'xml', '--out', out, '--db', db])).code).toBe(2)
    expect((await cli(['export', '--format', 'csv', '--db', db])).code).toBe(2)
    const bad = join(dir, 'no-such-folder', 'x.csv')
    expect((await cli(['export', '--format', 'csv', '--out', bad, '--db', db])).code).toBe(1)
    expect(existsSync(bad)).toBe(false)
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([])
  })

  it('the exported CSV opens in Python’s csv module with the same rows', async () => {
    const dir = tempDir()
    const db = join(dir, 't.db')
    await cli(['demo', '--count', '100', '--db', db, '--seed', '6'])
    const out = join(dir, 'all.csv')
    await cli(['export', '--format', 'csv', '--with-result', '--out', out, '--db', db])
    const py = spawnSync('python3', ['-c', 'import csv,sys,json; r=list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))); print(json.dumps([len(r), r[0], sum(1 for x in r[1:] if x[5] and json.loads(x[5]))]))', out], { encoding: 'utf8' })
    const [rows, header, withJson] = JSON.parse(py.stdout) as [number, string[], number]
    expect(rows).toBe(101)
    expect(header).toEqual(['id', 'type', 'status', 'created_at', 'updated_at', 'result'])
    expect(withJson).toBeGreaterThan(50)
  })
})

describe('export through the carriers', () => {
  it('desktop: the session writes the file the user chose, reporting progress; the browser carrier refuses to write files', async () => {
    const { StoreSession } = await import('../src/main/store/session')
    const { createDispatcher } = await import('../src/main/handlers')
    const { inProcessHost } = await import('../src/main/store/host')
    const dir = tempDir()
    const db = join(dir, 't.db')
    await cli(['demo', '--count', '250', '--db', db, '--seed', '7'])
    const progress: number[] = []
    const session = new StoreSession((event, payload) => event === 'job.progress' && progress.push((payload as { done: number }).done), { watchMs: 0 })
    await session.handle('db.open', { path: db })
    const out = join(dir, 'out.jsonl')
    expect(await session.handle('tasks.export', { filter: {}, format: 'jsonl', withResult: false, bom: false, rawTimes: false, path: out, jobId: 'x' })).toEqual({ exported: 250, cancelled: false })
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(250)
    expect(progress.at(-1)).toBe(250)
    await session.dispose()
    const http = createDispatcher(inProcessHost({ watchMs: 0 }), { carrier: 'http', version: 't', readOnly: false })
    expect(await http('tasks.export', { format: 'csv', path: join(dir, 'x.csv'), jobId: 'y' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(existsSync(join(dir, 'x.csv'))).toBe(false)
  })
})
