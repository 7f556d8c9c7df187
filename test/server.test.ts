import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { allowedHosts, hostAllowed, isLoopback } from '../src/main/server/guard'
import { startServer, type RunningServer } from '../src/main/server/server'
import { createDispatcher } from '../src/main/handlers'
import { inProcessHost } from '../src/main/store/host'
import { insertSeedDemo } from '../src/main/store/demo'
import { openStore } from '../src/main/store/open'
import { sha256File, tempDir } from './helpers'

const running: RunningServer[] = []
afterEach(async () => {
  while (running.length) await running.pop()!.close()
})

async function serve(options: { readOnly?: boolean; maxBodyBytes?: number } = {}) {
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
  const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: options.readOnly ?? false })
  await dispatch('db.open', { path: dbPath, readOnly: options.readOnly })
  const server = await startServer({ dispatch, onEvent: host.onEvent, rendererDir: renderer, host: '127.0.0.1', port: 0, maxBodyBytes: options.maxBodyBytes })
  running.push({ ...server, close: async () => (await server.close(), await host.close()) })
  return { server, dbPath, base: `http://127.0.0.1:${server.port}` }
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
    const req = request(`${base}/api/events?token=${server.token}`, (res) => res.on('data', (c) => frames.push(String(c))))
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
    expect(hostAllowed('localhost:8080', allowedHosts('0.0.0.0', 8080))).toBe(false)
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
