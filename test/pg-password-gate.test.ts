import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../src/main/handlers'
import { servedFiles } from '../src/main/path-policy'
import { PagePasswords } from '../src/main/server/password-gate'
import { inProcessHost } from '../src/main/store/host'
import { freshTableUrl, pgSkipReason, pgUrl } from './pg'

// Serve mode on PostgreSQL is no password oracle (issue 24.7): a page's password is tried only after the server's own
// login was refused, five failures lock it out (a fixed clock here), and each failure is logged.

const describePg = pgUrl ? describe : describe.skip
if (!pgUrl) console.warn(`PostgreSQL password gate tests skipped: ${pgSkipReason}`)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

function withPassword(url: string, password: string | null): string {
  const u = new URL(url)
  u.password = password === null ? '' : encodeURIComponent(password)
  return u.toString()
}

async function served(startWith: (url: string) => string) {
  const t = await freshTableUrl()
  cleanups.push(t.close)
  await t.query(`CREATE TABLE ${t.schema}.tasks (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL, result text, created_at bigint NOT NULL, updated_at bigint)`)
  const right = decodeURIComponent(new URL(t.url).password)
  const own = startWith(t.url)
  let now = 0
  const log: string[] = []
  const host = inProcessHost({ watchMs: 0 })
  cleanups.push(() => host.close())
  const gate = new PagePasswords({ own: [own], now: () => now, log: (l) => log.push(l) })
  const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: true, paths: servedFiles([own]), pagePasswords: gate })
  return { dispatch, own, right, page: (password: string | null) => withPassword(t.url, password), log, tick: (ms: number) => (now += ms) }
}

describePg('a page’s PostgreSQL password', () => {
  it('is not tried while the server’s own login works', async () => {
    const s = await served((url) => url)
    expect(await s.dispatch('db.open', { path: s.own })).toMatchObject({ ok: true })
    for (const channel of ['db.probe', 'db.open'] as const)
      expect(await s.dispatch(channel, { path: s.page('guess') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/logs in with its own credentials/) } })
    expect(s.log).toEqual([])
  })

  it('after the server’s own was refused: five wrong ones lock it out, logged, until the lock-out ends', async () => {
    const s = await served((url) => withPassword(url, 'not-the-password'))
    expect(await s.dispatch('db.open', { path: s.own })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    for (let i = 0; i < 5; i++) expect(await s.dispatch('db.probe', { path: s.page(`guess-${i}`) })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(s.log).toHaveLength(6)
    expect(s.log.at(-1)).toMatch(/refused for 15 min/)
    expect(s.log.join('\n')).not.toMatch(/guess|not-the-password/)
    // Locked: even the right one is not tried.
    expect(await s.dispatch('db.open', { path: s.page(s.right) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/too many wrong passwords/) } })
    s.tick(15 * 60_000 + 1)
    expect(await s.dispatch('db.open', { path: s.page(s.right) })).toMatchObject({ ok: true })
  })
})
