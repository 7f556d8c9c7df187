import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { sha256File, tempDir } from './helpers'

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, signal = new AbortController().signal) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    env,
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal }
  })
  const stdout = out.join('\n')
  return { code, stdout, stderr: err.join('\n'), json: () => JSON.parse(stdout) as Record<string, unknown> }
}

async function demo(count = 300) {
  const db = join(tempDir(), 'tasks.db')
  const r = await cli(['demo', '--count', String(count), '--seed', '7', '--db', db, '--json'])
  expect(r.json()).toEqual({ inserted: count })
  return db
}

describe('docusnap-tasks', () => {
  it('init creates the table once; add/update/status/result follow the seed', async () => {
    const db = join(tempDir(), 'a.db')
    expect((await cli(['init', '--db', db, '--json'])).json()).toMatchObject({ created: true, kind: 'seed' })
    expect((await cli(['init', '--db', db, '--json'])).json()).toMatchObject({ created: false })
    expect((await cli(['add', 't1', '--type', 'document', '--db', db, '--json'])).json()).toMatchObject({ id: 't1', status: 'pending', updated_at: null })
    expect((await cli(['update', 't1', '--status', 'completed', '--result', '{"标题": "发票", "n": 1.0}', '--db', db, '--json'])).json()).toEqual({ updated: 1 })
    const status = (await cli(['status', 't1', '--db', db, '--json'])).json()
    expect(Object.keys(status)).toEqual(['status', 'created_at', 'updated_at'])
    expect(status.status).toBe('completed')
    const result = await cli(['result', 't1', '--db', db, '--json'])
    expect(result.stdout).toContain('"result": {"标题": "发票", "n": 1.0}')
    expect(result.json()).toMatchObject({ status: 'completed', result: { 标题: '发票', n: 1 } })
    // a falsy result keeps the stored one
    await cli(['update', 't1', '--status', 'error', '--result', '{}', '--db', db])
    expect((await cli(['result', 't1', '--db', db, '--json'])).json()).toMatchObject({ status: 'error', result: { 标题: '发票' } })
  })

  it('missing tasks print null and exit 1', async () => {
    const db = await demo(5)
    for (const command of ['status', 'result']) {
      const r = await cli([command, 'nope', '--db', db, '--json'])
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('null')
    }
    expect((await cli(['update', 'nope', '--status', 'x', '--db', db, '--json'])).code).toBe(1)
  })

  it('list pages with a cursor through every task, in order, with the documented keys', async () => {
    const db = await demo(230)
    const seen: string[] = []
    let after: string | null = null
    do {
      const r = await cli(['list', '--db', db, '--json', '--limit', '100', ...(after ? ['--after', after] : [])])
      const page = r.json() as { tasks: Record<string, unknown>[]; next: string | null }
      for (const t of page.tasks) expect(Object.keys(t)).toEqual(['id', 'type', 'status', 'created_at', 'updated_at', 'result_bytes'])
      seen.push(...page.tasks.map((t) => String(t.id)))
      after = page.next
    } while (after)
    expect(new Set(seen).size).toBe(230)
    // --skip starts further on in the same order; a search refuses it, saying why.
    const skipped = (await cli(['list', '--db', db, '--json', '--limit', '3', '--skip', '150'])).json() as { tasks: { id: string }[] }
    expect(skipped.tasks.map((t) => t.id)).toEqual(seen.slice(150, 153))
    const search = await cli(['list', '--db', db, '--search', 'x', '--skip', '5'])
    expect(search.code).toBe(1)
    expect(search.stderr).toMatch(/cannot jump ahead/)
  })

  it('count, facets and stats agree', async () => {
    const db = await demo(400)
    const count = (await cli(['count', '--status', 'error', '--db', db, '--json'])).json().count as number
    const facets = (await cli(['facets', '--db', db, '--json'])).json() as { status: Record<string, number>; type: Record<string, number> }
    const stats = (await cli(['stats', '--db', db, '--json'])).json() as Record<string, unknown>
    expect(facets.status.error).toBe(count)
    expect(stats.total).toBe(400)
    expect(stats.by_status).toEqual(facets.status)
    expect(stats.by_type).toEqual(facets.type)
    expect(stats.file_bytes).toBeGreaterThan(0)
  })

  it('cleanup --dry-run predicts what cleanup deletes', async () => {
    const db = await demo(500)
    const dry = (await cli(['cleanup', '--days', '7', '--dry-run', '--db', db, '--json'])).json()
    const real = (await cli(['cleanup', '--days', '7', '--db', db, '--json'])).json()
    expect(real).toEqual({ deleted: dry.would_delete })
    expect((await cli(['count', '--older-than', '7', '--db', db, '--json'])).json()).toEqual({ count: 0 })
  })

  it('purge refuses without --yes and without a filter, and then deletes exactly the filter', async () => {
    const db = await demo(300)
    const before = sha256File(db)
    expect((await cli(['purge', '--status', 'error', '--db', db])).code).toBe(2)
    expect((await cli(['purge', '--yes', '--db', db])).code).toBe(2)
    expect(sha256File(db)).toBe(before)
    const errors = (await cli(['count', '--status', 'error', '--db', db, '--json'])).json().count
    expect((await cli(['purge', '--status', 'error', '--yes', '--db', db, '--json'])).json()).toEqual({ deleted: errors })
    expect((await cli(['purge', '--all', '--yes', '--db', db, '--json'])).json()).toEqual({ deleted: 300 - (errors as number) })
  })

  it('requeue by ids and by filter', async () => {
    const db = await demo(200)
    const list = (await cli(['list', '--status', 'error', '--limit', '2', '--db', db, '--json'])).json() as { tasks: { id: string }[] }
    const ids = list.tasks.map((t) => t.id)
    expect((await cli(['requeue', ...ids, '--yes', '--db', db, '--json'])).json()).toEqual({ requeued: ids.length })
    const left = (await cli(['count', '--status', 'error', '--db', db, '--json'])).json().count
    expect((await cli(['requeue', '--status', 'error', '--yes', '--db', db, '--json'])).json()).toEqual({ requeued: left })
  })

  it('a cancelled purge reports what it did and exits 1', async () => {
    const db = await demo(50)
    const controller = new AbortController()
    controller.abort()
    const r = await cli(['purge', '--all', '--yes', '--db', db, '--json'], {}, controller.signal)
    expect(r.code).toBe(1)
    expect(r.json()).toEqual({ deleted: 0, cancelled: true })
  })

  it('vacuum and indexes', async () => {
    const db = await demo(100)
    expect(Object.keys((await cli(['vacuum', '--db', db, '--json'])).json())).toEqual(['bytes_before', 'bytes_after'])
    expect((await cli(['indexes', '--db', db, '--json'])).json().missing).toEqual([])
  })

  it('takes the database from $DATABASE_PATH, and --db wins over it', async () => {
    const db = await demo(20)
    expect((await cli(['count', '--json'], { DATABASE_PATH: db })).json()).toEqual({ count: 20 })
    expect((await cli(['count', '--db', join(tempDir(), 'none.db')], { DATABASE_PATH: db })).code).toBe(1)
  })

  it('usage errors exit 2 with a message; failures exit 1 with a one-line message', async () => {
    const db = await demo(5)
    for (const args of [['frobnicate'], ['list', '--bogus'], ['list', '--limit', 'x'], ['list', '--created-after', 'soon'], ['list', '--sort', 'size'], ['add', 'x']]) {
      const r = await cli([...args, '--db', db])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^docusnap-tasks: /)
    }
    const r = await cli(['list', '--db', join(tempDir(), 'missing.db'), '--json'])
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('read-only refuses writes and leaves the file unchanged', async () => {
    const db = await demo(30)
    const before = sha256File(db)
    const r = await cli(['purge', '--all', '--yes', '--read-only', '--db', db])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/read-only/)
    expect(sha256File(db)).toBe(before)
  })

  it('the built bin runs as a process with the same exit codes', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js')
    expect(existsSync(join(import.meta.dirname, '..', 'out', 'main', 'cli.js')), 'run npm run build first').toBe(true)
    const db = join(tempDir(), 'p.db')
    const ok = spawnSync(process.execPath, [bin, 'demo', '--count', '10', '--db', db, '--json'], { encoding: 'utf8' })
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual({ inserted: 10 })
    const bad = spawnSync(process.execPath, [bin, 'purge', '--db', db], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
  })
})

describe('the command line in Chinese', () => {
  it('follows --lang or the POSIX locale for messages; JSON stays the same', async () => {
    const db = join(tempDir(), 'zh.db')
    await cli(['demo', '--count', '1200', '--seed', '3', '--db', db])
    const zh = await cli(['count', '--db', db], { LANG: 'zh_CN.UTF-8' })
    expect(zh.stdout.trim()).toBe('1,200 个任务')
    const en = await cli(['count', '--db', db, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })
    expect(en.stdout.trim()).toBe('1,200 tasks')
    const json = await cli(['count', '--db', db, '--json', '--lang', 'zh-CN'])
    expect(JSON.parse(json.stdout)).toEqual({ count: 1200 })
    const usage = await cli(['purge', '--db', db, '--status', 'error', '--lang', 'zh-CN'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('purge 会永久删除任务：加上 --yes 以确认')
    const help = await cli(['--help'], { LC_ALL: 'zh_CN.UTF-8' })
    expect(help.stdout).toContain('用法：docusnap-tasks <命令> [选项]')
    // Errors from the store keep their details (the file name) after a sentence in the user's language.
    const missing = await cli(['count', '--db', join(tempDir(), 'nope.db')], { LANG: 'zh_CN.UTF-8' })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^docusnap-tasks: 找不到文件。 .*nope\.db/)
  })

  it('refuses a language it does not have', async () => {
    const r = await cli(['count', '--lang', 'fr'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--lang must be en or zh-CN.')
  })
})

describe('times without a zone are UTC, whatever the machine’s TZ', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js')
  const count = (db: string, args: string[], TZ: string) => {
    const r = spawnSync(process.execPath, [bin, 'count', '--db', db, '--json', ...args], { encoding: 'utf8', env: { ...process.env, TZ } })
    expect(r.status, r.stderr).toBe(0)
    return (JSON.parse(r.stdout) as { count: number }).count
  }

  it('on the backend’s UTC text and on the seed’s unix seconds, under two time zones, as SQL counts them', async () => {
    const dir = tempDir()
    const backend = join(dir, 'backend.db')
    const seed = join(dir, 'seed.db')
    expect((await cli(['demo', '--count', '400', '--days', '2', '--schema', 'backend', '--seed', '3', '--db', backend])).code).toBe(0)
    expect((await cli(['demo', '--count', '400', '--days', '2', '--seed', '3', '--db', seed])).code).toBe(0)
    const Database = (await import('better-sqlite3')).default
    // A time in the middle of the data, as the backend writes it (UTC text).
    const b = new Database(backend, { readonly: true })
    const middle = (b.prepare('SELECT created_at FROM tasks ORDER BY created_at LIMIT 1 OFFSET 200').get() as { created_at: string }).created_at
    const backendTruth = (b.prepare('SELECT count(*) AS n FROM tasks WHERE created_at >= ?').get(middle) as { n: number }).n
    b.close()
    const s = new Database(seed, { readonly: true })
    const seconds = Date.parse(`${middle.replace(' ', 'T')}Z`) / 1000
    const seedTruth = (s.prepare('SELECT count(*) AS n FROM tasks WHERE created_at >= ?').get(seconds) as { n: number }).n
    s.close()
    for (const TZ of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      expect(count(backend, ['--created-after', middle], TZ), TZ).toBe(backendTruth)
      expect(count(backend, ['--created-after', middle.replace(' ', 'T')], TZ), TZ).toBe(backendTruth)
      expect(count(seed, ['--created-after', middle], TZ), TZ).toBe(seedTruth)
      // An explicit offset is honoured: the same instant written in Shanghai time.
      const shanghai = new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 19) + '+08:00'
      expect(count(seed, ['--created-after', shanghai], TZ), TZ).toBe(seedTruth)
      expect(count(seed, ['--created-after', shanghai.replace('+08:00', '+0800')], TZ), TZ).toBe(seedTruth)
    }
    // A date alone is midnight UTC; nonsense is a usage error that says how times are read.
    const r = spawnSync(process.execPath, [bin, 'count', '--db', seed, '--created-after', '29/11/2026'], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai', LANG: 'C' } })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('read as UTC')
  })

  it('prints times in UTC, labelled', async () => {
    const db = join(tempDir(), 'seed.db')
    await cli(['init', '--db', db])
    await cli(['add', 'x', '--type', 'form', '--db', db])
    const r = spawnSync(process.execPath, [bin, 'list', '--db', db], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai', LANG: 'C' } })
    expect(r.stdout).toContain('created (UTC)')
    // Read back as UTC, the printed creation time is now (the machine is in UTC+8 for this run).
    const printed = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(r.stdout)![1]!
    expect(Math.abs(Date.parse(`${printed.replace(' ', 'T')}Z`) - Date.now())).toBeLessThan(120_000)
  })
})

describe('filters carry no control characters and no unbounded text, on every carrier', () => {
  it('the dispatcher (IPC and HTTP) refuses a NUL that would match every row', async () => {
    const { createDispatcher } = await import('../src/main/handlers')
    const { inProcessHost } = await import('../src/main/store/host')
    const db = await demo(50)
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false })
    try {
      await dispatch('db.open', { path: db })
      for (const filter of [{ id: '\u0000zzz' }, { text: 'a\u0000' }, { statuses: ['error\n'] }, { clients: ['\u001b[31m'] }]) {
        const r = await dispatch('tasks.count', { filter })
        expect(r, JSON.stringify(filter)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/control character/) } })
      }
      // A real filter still counts.
      expect(await dispatch('tasks.count', { filter: { id: 'zzz' } })).toEqual({ ok: true, value: { count: 0 } })
    } finally {
      await host.close()
    }
  })

  it('the command line goes through the same schema: a clear usage error, nothing run', async () => {
    const db = await demo(20)
    const tab = await cli(['count', '--db', db, '--search', 'a\u0001b', '--lang', 'en'])
    expect(tab.code).toBe(2)
    expect(tab.stderr).toBe('docusnap-tasks: --search: Contains a control character (such as NUL or a line break), which no stored text can match.')
    const long = await cli(['count', '--db', db, '--search', 'x'.repeat(120_000), '--lang', 'en'])
    expect(long.code).toBe(2)
    expect(long.stderr).toBe('docusnap-tasks: --search: Longer than 500 characters: shorten it.')
    const purge = await cli(['purge', '--db', db, '--id', 'a\u0000', '--yes', '--lang', 'en'])
    expect(purge.code).toBe(2)
    expect((await cli(['count', '--db', db, '--json'])).json()).toEqual({ count: 20 })
  })
})
