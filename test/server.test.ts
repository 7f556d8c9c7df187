import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { allowedHosts, hostAllowed, isLoopback } from '../src/main/server/guard'
import { startServer, type RunningServer } from '../src/main/server/server'
import { createDispatcher } from '../src/main/handlers'
import { inProcessHost } from '../src/main/store/host'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import { exportTasks } from '../src/main/store/sqlite/export'
import { servedFiles } from '../src/main/path-policy'
import { SettingsStore } from '../src/main/settings/settings-store'
import { sha256File, tempDir } from './helpers'

const running: RunningServer[] = []
afterEach(async () => {
  while (running.length) await running.pop()!.close()
})

async function serve(options: { readOnly?: boolean; maxBodyBytes?: number; allowDirs?: string[]; settings?: SettingsStore } = {}) {
  const dir = tempDir()
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(renderer, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  const dbPath = join(dir, 'tasks.db')
  const s = openStore(dbPath, { create: true })
  insertSeedDemo(s, { count: 200, seed: 9 })
  s.db.close()
  const host = inProcessHost({ watchMs: 0 })
  // As serve-command.ts wires it: the page may name the served file (and --allow-dir folders) only.
  const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: options.readOnly ?? false, settings: options.settings, paths: servedFiles([dbPath], options.allowDirs) })
  await dispatch('db.open', { path: dbPath, readOnly: options.readOnly })
  // Downloads as serve-command.ts streams them: a read-only connection of their own.
  const exportTo = async (request: { filter: object; format: 'csv' | 'json' | 'jsonl'; withResult: boolean; bom: boolean }, write: (chunk: string) => Promise<void> | void, signal: AbortSignal) => {
    const reader = openStore(dbPath, { readOnly: true })
    try {
      return await exportTasks(reader, request.filter, write, { format: request.format, withResult: request.withResult, bom: request.bom, signal })
    } finally {
      reader.db.close()
    }
  }
  const server = await startServer({ dispatch, onEvent: host.onEvent, rendererDir: renderer, host: '127.0.0.1', port: 0, maxBodyBytes: options.maxBodyBytes, exportTo })
  running.push({ ...server, close: async () => (await server.close(), await host.close()) })
  return { server, dbPath, dir, base: `http://127.0.0.1:${server.port}` }
}

interface Res {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function http(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    if (init.body !== undefined) req.write(init.body)
    req.end()
  })
}

const api = (base: string, token: string, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  http(`${base}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input)
  })

describe('serve mode over HTTP', () => {
  it('answers contract calls with the token, and prints a URL that carries it', async () => {
    const { server, base } = await serve()
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=${server.token}$`))
    const r = await api(base, server.token, 'tasks.count', { filter: {} })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { count: 200 } })
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('missing or wrong token is 401', async () => {
    const { base, server } = await serve()
    expect((await http(`${base}/api/tasks.count`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401)
    expect((await api(base, 'x'.repeat(server.token.length), 'tasks.count', {})).status).toBe(401)
    expect((await http(`${base}/api/events?token=wrong`)).status).toBe(401)
    // A token in a URL is no longer accepted anywhere: it would end up in histories and logs.
    expect((await http(`${base}/api/events?token=${server.token}`)).status).toBe(401)
    expect((await http(`${base}/api/export?token=${server.token}&request=${encodeURIComponent('{"filter":{},"format":"csv"}')}`)).status).toBe(401)
  })

  it('the token is traded for a session secret sent as a header; a cookie authorises nothing, and nonces open streams and downloads once', async () => {
    const { base, server } = await serve()
    expect((await http(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401)
    const signIn = await http(`${base}/api/session`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' })
    expect(signIn.status).toBe(200)
    // No cookie at all: cookies are shared by every port of this host.
    expect(signIn.headers['set-cookie']).toBeUndefined()
    const secret = (JSON.parse(signIn.body) as { value: { secret: string } }).value.secret
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const json = { 'Content-Type': 'application/json' }
    const call = await http(`${base}/api/tasks.count`, { method: 'POST', headers: { ...json, 'x-docusnap-session': secret }, body: '{}' })
    expect(JSON.parse(call.body)).toEqual({ ok: true, value: { count: 200 } })
    // The secret replayed as a cookie (what a listener on another port of 127.0.0.1 would capture) is refused, and
    // so is a call with the old cookie name.
    for (const cookie of [`docusnap_session_${server.port}=${secret}`, `x-docusnap-session=${secret}`]) {
      const replay = await http(`${base}/api/tasks.purge`, { method: 'POST', headers: { ...json, Cookie: cookie, Origin: `http://127.0.0.1:${server.port + 1}` }, body: '{"target":{"filter":{}},"jobId":"x"}' })
      expect(replay.status).toBe(401)
    }
    expect((await http(`${base}/api/tasks.count`, { method: 'POST', headers: { ...json, 'x-docusnap-session': 'A'.repeat(43) }, body: '{}' })).status).toBe(401)
    // A download and the event stream need a nonce, good for one use.
    const nonce = async () => (JSON.parse((await http(`${base}/api/session/nonce`, { method: 'POST', headers: { ...json, 'x-docusnap-session': secret }, body: '{}' })).body) as { value: { nonce: string } }).value.nonce
    const query = `/api/export?request=${encodeURIComponent('{"filter":{},"format":"csv"}')}`
    expect((await http(`${base}${query}`, { headers: { Cookie: `docusnap_session_${server.port}=${secret}` } })).status).toBe(401)
    const n = await nonce()
    const download = await http(`${base}${query}&nonce=${n}`)
    expect(download.status).toBe(200)
    expect(download.body.split('\r\n').filter(Boolean)).toHaveLength(201)
    expect((await http(`${base}${query}&nonce=${n}`)).status).toBe(401)
    expect((await http(`${base}/api/events?nonce=${n}`)).status).toBe(401)
    // Cookie or not, a call must still be JSON (a cross-site form cannot send one) and for this Host.
    expect((await http(`${base}/api/tasks.count`, { method: 'POST', headers: { 'x-docusnap-session': secret, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415)
  })

  it('sessions end when signed out, after an idle time and after an absolute time (a fixed clock), and take their nonces along', async () => {
    let now = 1_000_000
    const dir = tempDir()
    mkdirSync(join(dir, 'r'))
    writeFileSync(join(dir, 'r', 'index.html'), '<!doctype html>')
    const dispatch = createDispatcher(inProcessHost({ watchMs: 0 }), { carrier: 'http', version: 't', readOnly: true })
    const server = await startServer({ dispatch, onEvent: () => () => undefined, rendererDir: join(dir, 'r'), host: '127.0.0.1', port: 0, sessionTimes: { idleMs: 1000, maxMs: 5000, nonceMs: 100 }, now: () => now })
    running.push(server)
    const base = `http://127.0.0.1:${server.port}`
    const json = { 'Content-Type': 'application/json' }
    const signIn = async () => (JSON.parse((await http(`${base}/api/session`, { method: 'POST', headers: { ...json, Authorization: `Bearer ${server.token}` }, body: '{}' })).body) as { value: { secret: string } }).value.secret
    const status = async (secret: string) => (await http(`${base}/api/db.current`, { method: 'POST', headers: { ...json, 'x-docusnap-session': secret }, body: '{}' })).status
    const nonce = async (secret: string) => http(`${base}/api/session/nonce`, { method: 'POST', headers: { ...json, 'x-docusnap-session': secret }, body: '{}' })
    // Idle: used every 900 ms it lives on, until the absolute limit.
    const a = await signIn()
    for (let i = 0; i < 5; i++) {
      now += 900
      expect(await status(a)).toBe(200)
    }
    now += 900
    expect(await status(a)).toBe(401)
    // Idle for longer than allowed.
    const b = await signIn()
    now += 1001
    expect(await status(b)).toBe(401)
    // A nonce past its time, and one of a session that signed out.
    const c = await signIn()
    const late = (JSON.parse((await nonce(c)).body) as { value: { nonce: string } }).value.nonce
    now += 101
    expect((await http(`${base}/api/events?nonce=${late}`)).status).toBe(401)
    const kept = (JSON.parse((await nonce(c)).body) as { value: { nonce: string } }).value.nonce
    expect((await http(`${base}/api/session/end`, { method: 'POST', headers: { ...json, 'x-docusnap-session': c }, body: '{}' })).status).toBe(200)
    expect(await status(c)).toBe(401)
    expect((await nonce(c)).status).toBe(401)
    expect((await http(`${base}/api/events?nonce=${kept}`)).status).toBe(401)
  })

  it('--open writes a private redirect page instead of putting the token on a command line', async () => {
    const { writeRedirect, openCommand, redirectPage } = await import('../src/main/server/open-browser')
    const { statSync, readFileSync: read } = await import('node:fs')
    const url = 'http://127.0.0.1:8765/#token=abc_DEF-123'
    const r = writeRedirect(url, tempDir())
    expect(statSync(r.file).mode & 0o777).toBe(0o600)
    expect(statSync(join(r.file, '..')).mode & 0o777).toBe(0o700)
    expect(read(r.file, 'utf8')).toBe(redirectPage(url))
    expect(redirectPage(url)).toContain('location.replace("http://127.0.0.1:8765/#token=abc_DEF-123")')
    const { command, args } = openCommand(r.file, 'linux')
    expect(command).toBe('xdg-open')
    expect(args.join(' ')).not.toContain('abc_DEF-123')
    r.remove()
    expect(existsSync(r.file)).toBe(false)
    // A URL cannot break out of the page.
    expect(redirectPage('http://x/#token=a"><script>alert(1)</script>')).not.toContain('"><script>alert')
  })

  it('a foreign Host header is refused (DNS rebinding), for pages and API alike', async () => {
    const { base, server } = await serve()
    expect((await http(`${base}/`, { headers: { Host: 'evil.example:80' } })).status).toBe(421)
    expect((await api(base, server.token, 'tasks.count', {}, { Host: `attacker.test:${server.port}` })).status).toBe(421)
    expect((await http(`${base}/`, { headers: { Host: `localhost:${server.port}` } })).status).toBe(200)
  })

  it('a cross-origin form post cannot call the API: it needs JSON and the bearer token', async () => {
    const { base, server, dbPath } = await serve()
    const before = sha256File(dbPath)
    const form = await http(`${base}/api/tasks.purge`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.test' }, body: 'a=1' })
    expect(form.status).toBe(401)
    const typed = await api(base, server.token, 'tasks.count', {}, { 'Content-Type': 'text/plain' })
    expect(typed.status).toBe(415)
    expect(sha256File(dbPath)).toBe(before)
  })

  it('state changes are POST only; GET on the API is refused', async () => {
    const { base } = await serve()
    expect((await http(`${base}/api/tasks.purge`)).status).toBe(405)
  })

  it('bad JSON, invalid input and oversized bodies are clear errors that change nothing', async () => {
    const { base, server, dbPath } = await serve({ maxBodyBytes: 2000 })
    const before = sha256File(dbPath)
    const bad = await http(`${base}/api/tasks.count`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{"filter":' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_INPUT')
    const invalid = await api(base, server.token, 'tasks.purge', { target: { filter: {} } })
    expect(invalid.status).toBe(400)
    const big = await api(base, server.token, 'tasks.count', { filter: { id: 'x'.repeat(5000) } })
    expect(big.status).toBe(413)
    expect(sha256File(dbPath)).toBe(before)
  })

  it('read-only refuses every write', async () => {
    const { base, server, dbPath } = await serve({ readOnly: true })
    const before = sha256File(dbPath)
    const preview = JSON.parse((await api(base, server.token, 'tasks.preview', { target: { filter: {} } })).body).value
    for (const [channel, input] of [
      ['tasks.purge', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'a' }],
      ['tasks.requeue', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'b' }],
      ['tasks.retry', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'd' }],
      ['tasks.timeout', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'c' }],
      ['db.vacuum', {}],
      ['db.addIndexes', {}],
      ['db.demo', { count: 5 }]
    ] as const) {
      const r = await api(base, server.token, channel, input)
      expect(r.status, channel).toBe(403)
      expect(JSON.parse(r.body).error.code).toBe('READ_ONLY')
    }
    expect(sha256File(dbPath)).toBe(before)
  })

  it('serves the renderer and nothing outside it', async () => {
    const { base } = await serve()
    const page = await http(`${base}/`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await http(`${base}/assets/a.js`)).headers['content-type']).toMatch(/javascript/)
    expect((await http(`${base}/../secret.txt`)).body).not.toContain('secret')
    expect((await http(`${base}/%2e%2e/secret.txt`)).body).not.toContain('secret')
    expect((await http(`${base}/assets/none.js`)).status).toBe(404)
  })

  it('streams events to the browser', async () => {
    const { base, server } = await serve()
    const frames: string[] = []
    const req = request(`${base}/api/events`, { headers: { Authorization: `Bearer ${server.token}` } }, (res) => res.on('data', (c) => frames.push(String(c))))
    req.end()
    await new Promise((r) => setTimeout(r, 100))
    const preview = JSON.parse((await api(base, server.token, 'tasks.preview', { target: { filter: { statuses: ['error'] } } })).body).value
    await api(base, server.token, 'tasks.purge', { target: { filter: { statuses: ['error'] } }, snapshot: preview.snapshot, jobId: 'ev' })
    await new Promise((r) => setTimeout(r, 100))
    req.destroy()
    const text = frames.join('')
    expect(text).toContain('event: job.progress')
    expect(text).toContain('"jobId":"ev"')
    expect(text).toContain('event: db.changed')
  })

  it('a slow or broken client does not block others', async () => {
    const { base, server } = await serve()
    const slow = connect(server.port, '127.0.0.1')
    slow.write('POST /api/tasks.count HTTP/1.1\r\nHost: 127.0.0.1\r\n') // and never finishes
    const broken = connect(server.port, '127.0.0.1')
    broken.write('GARBAGE\r\n\r\n')
    const r = await api(base, server.token, 'tasks.count', {})
    expect(r.status).toBe(200)
    slow.destroy()
    broken.destroy()
  })
})

describe('guards', () => {
  it('loopback detection and allowed hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '192.168.1.2', 'example.com'].some(isLoopback)).toBe(false)
    const hosts = allowedHosts('127.0.0.1', 8080)
    expect(hostAllowed('127.0.0.1:8080', hosts)).toBe(true)
    expect(hostAllowed('LOCALHOST:8080', hosts)).toBe(true)
    expect(hostAllowed('127.0.0.1:8081', hosts)).toBe(false)
    expect(hostAllowed(undefined, hosts)).toBe(false)
    // Bound to every interface: the loopback names, this machine's addresses and --allow-host names; nothing else.
    const all = allowedHosts('0.0.0.0', 8080, { interfaceAddresses: ['127.0.0.1', '192.168.1.2', 'fe80::1'], extraNames: ['Tasks.Example.com'] })
    for (const h of ['0.0.0.0:8080', 'localhost:8080', '127.0.0.1:8080', '[::1]:8080', '192.168.1.2:8080', '[fe80::1]:8080', 'tasks.example.com:8080'])
      expect(hostAllowed(h, all), h).toBe(true)
    for (const h of ['evil.example:8080', '192.168.1.3:8080', '192.168.1.2:8081']) expect(hostAllowed(h, all), h).toBe(false)
    // Bound to one LAN address, only that address (and --allow-host names).
    expect(hostAllowed('localhost:8080', allowedHosts('192.168.1.2', 8080))).toBe(false)
  })
})

describe('docusnap-tasks serve', () => {
  async function start(args: string[]) {
    const { spawn } = await import('node:child_process')
    const db = join(tempDir(), 's.db')
    const s = openStore(db, { create: true })
    insertSeedDemo(s, { count: 5, seed: 1 })
    s.db.close()
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js'), 'serve', '--db', db, '--port', '0', '--settings', join(tempDir(), 'settings.json'), ...args])
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += String(c)))
    child.stderr.on('data', (c) => (err += String(c)))
    for (let i = 0; i < 100 && !/token=/.test(out); i++) await new Promise((r) => setTimeout(r, 50))
    const stop = async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    return { out: () => out, err: () => err, stop }
  }

  it('binds loopback by default, and warns when told to bind another address', async () => {
    const plain = await start([])
    expect(plain.out()).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=/)
    expect(plain.err()).toBe('')
    await plain.stop()
    expect(plain.err()).toMatch(/Stopped; the database is closed/)
    const open = await start(['--host', '0.0.0.0'])
    expect(open.err()).toMatch(/Warning: serving on 0\.0\.0\.0, reachable from other machines/)
    await open.stop()
  })
})

describe('a server serves its file, and reveals nothing else of its disk', () => {
  const body = (r: Res) => JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string }; value?: unknown }

  it('refuses every other path with one answer, whether it exists, is a folder or is missing; never creates one', async () => {
    const { base, server, dbPath, dir } = await serve()
    const other = join(tempDir(), 'other.db')
    const o = openStore(other, { create: true })
    o.db.close()
    const before = sha256File(other)
    const answers = new Set<string>()
    for (const path of ['/etc/shadow', '/root', join(dir, 'missing.db'), other, `${dir}/../${dir.split('/').pop()}/secret.txt`]) {
      const r = body(await api(base, server.token, 'db.open', { path }))
      expect(r.ok, path).toBe(false)
      answers.add(`${r.error!.code}: ${r.error!.message}`)
    }
    expect([...answers]).toEqual(['FORBIDDEN: This server serves only the database it was started on (start it with --allow-dir DIR to offer the files of a folder).'])
    const create = body(await api(base, server.token, 'db.open', { path: join(dir, 'new.db'), create: true }))
    expect(create.error?.code).toBe('FORBIDDEN')
    expect(existsSync(join(dir, 'new.db'))).toBe(false)
    expect(sha256File(other)).toBe(before)
    // Its own file, however it is written, still opens.
    expect(body(await api(base, server.token, 'db.open', { path: `${dir}/./tasks.db` })).ok).toBe(true)
    expect((body(await api(base, server.token, 'db.current', {})).value as { path: string }).path).toBe(dbPath)
  })

  it('--allow-dir offers the files of a folder, checked after symbolic links are resolved', async () => {
    const shared = tempDir()
    const inside = join(shared, 'b.db')
    const s = openStore(inside, { create: true })
    s.db.close()
    const outside = join(tempDir(), 'c.db')
    openStore(outside, { create: true }).db.close()
    symlinkSync(outside, join(shared, 'link.db'))
    const { base, server } = await serve({ allowDirs: [shared] })
    expect(body(await api(base, server.token, 'db.open', { path: inside })).ok).toBe(true)
    expect(body(await api(base, server.token, 'db.open', { path: join(shared, 'link.db') })).error?.code).toBe('FORBIDDEN')
    expect(body(await api(base, server.token, 'db.open', { path: `${shared}/../x.db` })).error?.code).toBe('FORBIDDEN')
  })

  it('settings over HTTP show nothing of other files, and a rule is set for the served file only', async () => {
    const settings = new SettingsStore(join(tempDir(), 'settings.json'))
    settings.pushRecent('/home/someone/private/tasks.db')
    settings.setRule('/home/someone/private/tasks.db', { enabled: true, days: 3 })
    const { base, server, dbPath } = await serve({ settings })
    const shown = body(await api(base, server.token, 'settings.get', {})).value as { file: string | null; settings: { recentFiles: string[]; cleanup: Record<string, unknown> } }
    expect(shown.file).toBeNull()
    expect(shown.settings.recentFiles).toEqual([dbPath])
    expect(Object.keys(shown.settings.cleanup)).toEqual([])
    const r = body(await api(base, server.token, 'settings.cleanupRule', { path: '/home/someone/other.db', rule: { enabled: true, days: 1 } }))
    expect(r.error).toEqual({ code: 'FORBIDDEN', message: 'A cleanup rule can be set only for the database that is open.' })
    expect(settings.state().settings.cleanup['/home/someone/other.db']).toBeUndefined()
    expect(body(await api(base, server.token, 'settings.cleanupRule', { path: dbPath, rule: { enabled: false, days: 2 } })).ok).toBe(true)
  })
})
