import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { redactSecrets } from '../src/shared/redact'
import { toErrorInfo, AppError } from '../src/shared/errors'
import { parsePgUrl } from '../src/main/store/pg/url'
import { openEngine } from '../src/main/store/open-engine'
import { freshTableUrl, pgUrl } from './pg'
import { tempDir } from './helpers'

// A password in a URL (userinfo, or libpq's ?password= and ?sslpassword=) is used for the login and shown nowhere
// (issue 24.6): not in errors, --json, banners, the page, the recent list or the process's command line.

const BIN = join(import.meta.dirname, '..', 'bin', 'docusnap-tasks.js')
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

describe('passwords in URLs', () => {
  it('redacts the userinfo password of any scheme and the password parameters of a query string', () => {
    expect(redactSecrets('postgres://ops:hunter2@db/x')).toBe('postgres://ops@db/x')
    expect(redactSecrets('see postgresql+psycopg2://ops:hunter2@db:5432/x now')).toBe('see postgresql+psycopg2://ops@db:5432/x now')
    expect(redactSecrets(' postgres://ops:p%40ss@db/x')).toBe(' postgres://ops@db/x')
    expect(redactSecrets('postgres://ops@db/x?sslmode=require&password=hunter2&table=t')).toBe('postgres://ops@db/x?sslmode=require&password=***&table=t')
    expect(redactSecrets('postgres://ops@db/x?sslpassword=hunter2')).toBe('postgres://ops@db/x?sslpassword=***')
    expect(toErrorInfo(new AppError('IO', 'Cannot open postgres://a:hunter2@h/d')).message).not.toContain('hunter2')
    expect(toErrorInfo(new Error('mysql://a:hunter2@h/d failed')).message).not.toContain('hunter2')
  })

  it('takes ?password= for the login and leaves it, and ?sslpassword=, out of the URL shown', () => {
    const t = parsePgUrl('postgres://ops@db:5432/x?password=hunter2&sslpassword=keypass&table=ops.tasks&sslmode=require')
    expect(t.password).toBe('hunter2')
    expect(t.shown).toBe('postgres://ops@db:5432/x?table=ops.tasks&sslmode=require')
    expect(t.connectionString).not.toContain('hunter2')
    // The key's passphrase still reaches the driver, which reads it from the connection string.
    expect(t.connectionString).toContain('sslpassword=keypass')
    // The userinfo password wins, as in libpq.
    expect(parsePgUrl('postgres://ops:first@db/x?password=second').password).toBe('first')
  })

  it('a URL of another kind, or one with a space before it, is no file path to echo back', async () => {
    await expect(openEngine('postgresql+psycopg2://ops:hunter2@127.0.0.1:1/x', {})).rejects.toThrow(/is a URL this app does not open/)
    await expect(openEngine('postgresql+psycopg2://ops:hunter2@127.0.0.1:1/x', {})).rejects.not.toThrow(/hunter2/)
    // With a space before it, still a PostgreSQL URL (nothing listens on port 1): the error names it without its password.
    const e = await openEngine(' postgres://ops:hunter2@127.0.0.1:1/x', {}).catch((x: unknown) => x)
    expect(toErrorInfo(e)).toMatchObject({ code: 'IO', message: expect.not.stringContaining('hunter2') })
  })

  it('the built CLI warns about a password on its command line, prints it nowhere, and scrubs it from /proc/PID/cmdline', async () => {
    const url = 'postgres://ops@127.0.0.1:1/x?password=hunter2'
    const r = spawnSync(process.execPath, [BIN, 'count', '--db', url, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tempDir() } })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/a password on the command line can be read by every user of this machine/)
    expect(`${r.stdout}${r.stderr}`).not.toContain('hunter2')
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'IO' } })
    // serve stays up on a database it could not open: its command line as other users read it.
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', 'postgres://ops:hunter2@127.0.0.1:1/x', '--settings', join(tempDir(), 's.json')], { stdio: ['ignore', 'pipe', 'pipe'] })
    cleanups.push(() => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))))
    let out = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c) => ((out += String(c)), /#token=/.test(out) && resolve()))
      child.stderr.on('data', (c) => (out += String(c)))
      child.on('exit', () => reject(new Error(out)))
    })
    expect(out).not.toContain('hunter2')
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')
    expect(cmdline).not.toContain('hunter2')
    expect(cmdline).toContain('postgres://ops@127.0.0.1:1/x')
  })

  it.skipIf(!pgUrl)('logs in with ?password= (no userinfo password, no PGPASSWORD)', async () => {
    const t = await freshTableUrl()
    cleanups.push(t.close)
    const u = new URL(t.url)
    const password = decodeURIComponent(u.password)
    u.password = ''
    u.searchParams.set('password', password)
    const engine = await openEngine(u.toString(), { create: true })
    try {
      expect(engine.info().path).not.toContain(password)
      expect(engine.info().path).not.toContain('password')
    } finally {
      await engine.close()
    }
  })
})
