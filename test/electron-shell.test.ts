import { describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES, ipcChannel } from '../src/shared/channels'
import { chooseDatabase, dbArgument, pushRecent, secondInstancePath } from '../src/main/db-choice'
import { createDispatcher } from '../src/main/handlers'
import { registerIpc, type IpcMainLike } from '../src/main/ipc'
import { menuTemplate } from '../src/main/menu'
import { createI18n } from '../src/shared/i18n'
import { APP_CSP, decideNavigation, decideWindowOpen, isAppUrl, isTrustedSender, windowOptions } from '../src/main/security'
import { inProcessHost } from '../src/main/store/host'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const PAGE = 'file:///opt/app/out/renderer/index.html'

describe('window security', () => {
  it('isolates the page: context isolation and sandbox on, Node off, web security on', () => {
    const w = windowOptions('/opt/app/out/preload/index.cjs').webPreferences!
    expect(w).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
    expect(w.preload).toMatch(/\.cjs$/)
  })

  it('the CSP allows no remote or inline script, and index.html carries the same policy', () => {
    expect(APP_CSP).toContain("script-src 'self'")
    expect(APP_CSP).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|http)/)
    expect(APP_CSP).toContain("object-src 'none'")
    const html = readFileSync(join(import.meta.dirname, '..', 'src', 'renderer', 'index.html'), 'utf8')
    expect(html).toContain(`content="${APP_CSP}"`)
  })

  it('only the app page is the app', () => {
    expect(isAppUrl(PAGE, PAGE)).toBe(true)
    expect(isAppUrl(`${PAGE}?filter=x#top`, PAGE)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', PAGE)).toBe(false)
    expect(isAppUrl('https://example.com/out/renderer/index.html', PAGE)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', PAGE, 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', PAGE, 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('not a url', PAGE)).toBe(false)
  })

  it('adversarial URLs that look like the app page are not it (hosts of file: URLs, user@ forms, look-alike origins)', () => {
    const path = new URL(PAGE).pathname
    const devServer = 'http://localhost:5173'
    for (const url of [
      `file://attacker${path}`,
      `file://attacker.example/C:${path}`,
      `file://127.0.0.1${path}`,
      `file://user@attacker${path}`,
      `file:////attacker/share${path}`,
      `file://%61ttacker${path}`,
      'http://localhost:5173@attacker.example/',
      'http://localhost.attacker.example:5173/',
      'http://user:pw@attacker.example/?http://localhost:5173/',
      'http://localhost:51730/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/'
    ]) {
      expect(isAppUrl(url, PAGE, devServer), url).toBe(false)
      expect(isTrustedSender({ url, parent: null }, PAGE, devServer), url).toBe(false)
      expect(decideNavigation(url, PAGE, devServer).allow, url).toBe(false)
    }
    // The page itself, written as the URL parser writes it (localhost is the empty host of a file: URL).
    expect(isAppUrl(`file://localhost${path}`, PAGE)).toBe(true)
  })

  it('navigation away is denied; web links go to the system browser; window.open is always denied', () => {
    expect(decideNavigation(PAGE, PAGE)).toEqual({ allow: true })
    expect(decideNavigation('https://example.com', PAGE)).toEqual({ allow: false, openExternally: true })
    expect(decideNavigation('file:///tmp/evil.html', PAGE)).toEqual({ allow: false, openExternally: false })
    expect(decideNavigation('javascript:alert(1)', PAGE)).toEqual({ allow: false, openExternally: false })
    expect(decideWindowOpen('https://example.com')).toEqual({ action: 'deny', openExternally: true })
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false })
  })

  it('trusts IPC only from the top frame of the app page', () => {
    expect(isTrustedSender({ url: PAGE, parent: null }, PAGE)).toBe(true)
    expect(isTrustedSender({ url: PAGE, parent: {} }, PAGE)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.test/', parent: null }, PAGE)).toBe(false)
    expect(isTrustedSender(null, PAGE)).toBe(false)
  })
})

function fakeIpc() {
  const handlers = new Map<string, (event: { senderFrame: { url: string; parent: unknown } | null }, ...args: unknown[]) => Promise<unknown>>()
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }
  return { ipc, handlers }
}

describe('IPC registration', () => {
  it('registers every contract channel, checks the sender first, validates input, and maps errors', async () => {
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = vi.fn(createDispatcher(host, { carrier: 'electron', version: '1', readOnly: false }))
    const { ipc, handlers } = fakeIpc()
    const unregister = registerIpc(ipc, dispatch, (f) => isTrustedSender(f, PAGE))
    expect([...handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort())

    const call = (channel: string, input: unknown, url = PAGE) => handlers.get(ipcChannel(channel as never))!({ senderFrame: { url, parent: null } }, input)
    expect(await call('tasks.list', {}, 'https://evil.test/')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } })
    expect(dispatch).not.toHaveBeenCalled()

    expect(await call('tasks.list', { filter: { statuses: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call('tasks.list', {})).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } })
    expect(await call('db.open', { path: ':memory:', create: true })).toMatchObject({ ok: true, value: { kind: 'seed' } })
    expect(await call('tasks.count', {})).toEqual({ ok: true, value: { count: 0 } })
    expect(await call('db.pick', { mode: 'open' })).toEqual({ ok: true, value: { path: null } })

    unregister()
    expect(handlers.size).toBe(0)
    await host.close()
  })

  it('read-only mode refuses every write before it reaches the store', async () => {
    const host = inProcessHost({ watchMs: 0 })
    const spy = vi.spyOn(host, 'call')
    const dispatch = createDispatcher(host, { carrier: 'http', version: '1', readOnly: true })
    for (const channel of ['db.vacuum', 'db.addIndexes', 'db.demo', 'tasks.purge', 'tasks.requeue', 'tasks.retry', 'tasks.timeout', 'settings.update', 'settings.reset', 'settings.cleanupRule', 'cleanup.scheduled', 'tasks.create', 'tasks.update', 'tasks.duplicate'])
      expect(await dispatch(channel, {}), channel).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } })
    expect(await dispatch('db.open', { path: 'x.db', create: true })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } })
    expect(spy).not.toHaveBeenCalled()
    await dispatch('db.open', { path: ':memory:' })
    expect(spy).toHaveBeenCalledWith('db.open', { path: ':memory:', readOnly: true })
    await host.close()
  })

  it('unknown channels and prototype names are errors, not crashes', async () => {
    const dispatch = createDispatcher(inProcessHost({ watchMs: 0 }), { carrier: 'http', version: '1', readOnly: false })
    for (const name of ['nope', '__proto__', 'constructor', 'toString'])
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('database choice and menu', () => {
  it('--db wins, then $DATABASE_PATH, then the user-data default (created)', () => {
    expect(chooseDatabase(['electron', '.', '--db', '/a.db'], { DATABASE_PATH: '/b.db' }, '/u')).toEqual({ path: '/a.db', create: false })
    expect(chooseDatabase(['electron', '--db=/c.db'], {}, '/u')).toEqual({ path: '/c.db', create: false })
    expect(chooseDatabase(['electron'], { DATABASE_PATH: '/b.db' }, '/u')).toEqual({ path: '/b.db', create: false })
    expect(chooseDatabase(['electron'], {}, '/u')).toEqual({ path: join('/u', 'tasks.db'), create: true })
    expect(dbArgument(['x', '--db'])).toBeUndefined()
    expect(secondInstancePath(['x', '--db', 'postgres://ops@db/d?table=tasks'], '/home/u')).toBe('postgres://ops@db/d?table=tasks')
    expect(chooseDatabase(['electron', '--db', 'postgres://ops@db/d'], {}, '/u')).toEqual({ path: 'postgres://ops@db/d', create: false })
  })

  it('recent files: newest first, unique, bounded', () => {
    expect(pushRecent(['/a', '/b', '/c'], '/b', 3)).toEqual(['/b', '/a', '/c'])
    expect(pushRecent(['/a', '/b', '/c'], '/d', 3)).toEqual(['/d', '/a', '/b'])
  })

  it('the menu speaks the chosen language', () => {
    const actions = { open: vi.fn(), openPath: vi.fn(), create: vi.fn(), connect: vi.fn(), copy: vi.fn(), close: vi.fn(), about: vi.fn() }
    const [file, , view] = menuTemplate([], actions, 'linux', createI18n('zh-CN').t)
    expect(file!.label).toBe('文件(&F)')
    expect(view!.label).toBe('视图(&V)')
    expect((file!.submenu as { label?: string }[]).map((i) => i.label).filter(Boolean)).toEqual(['打开…', '以只读方式打开…', '最近打开', '新建…', '连接 PostgreSQL…', '复制任务到…', '关闭数据库'])
  })

  it('the File menu offers open, open read-only, recent, new and close, wired to the actions', () => {
    const actions = { open: vi.fn(), openPath: vi.fn(), create: vi.fn(), connect: vi.fn(), copy: vi.fn(), close: vi.fn(), about: vi.fn() }
    const [file] = menuTemplate(['/x/tasks.db'], actions, 'linux', createI18n('en').t)
    const items = file!.submenu as { label?: string; click?: () => void; submenu?: { click: () => void }[] }[]
    const byLabel = (l: string) => items.find((i) => i.label === l)!
    byLabel('Open…').click!()
    byLabel('Open Read-only…').click!()
    byLabel('Open Recent').submenu![0]!.click()
    byLabel('New…').click!()
    byLabel('Connect to PostgreSQL…').click!()
    byLabel('Close Database').click!()
    expect(actions.open.mock.calls).toEqual([[false], [true]])
    expect(actions.openPath).toHaveBeenCalledWith('/x/tasks.db')
    expect(actions.create).toHaveBeenCalled()
    expect(actions.connect).toHaveBeenCalled()
    expect(actions.close).toHaveBeenCalled()
  })

  it('Copy Tasks To… needs an open database; a PostgreSQL URL in the recent list is shown whole', () => {
    const actions = { open: vi.fn(), openPath: vi.fn(), create: vi.fn(), connect: vi.fn(), copy: vi.fn(), close: vi.fn(), about: vi.fn() }
    const url = 'postgres://ops@db.internal:5432/docusnap?table=ops.tasks'
    const items = (open: boolean) => menuTemplate([url], actions, 'linux', createI18n('en').t, open)[0]!.submenu as { label?: string; enabled?: boolean; click?: () => void; submenu?: { label: string; click: () => void }[] }[]
    expect(items(false).find((i) => i.label === 'Copy Tasks To…')!.enabled).toBe(false)
    const copy = items(true).find((i) => i.label === 'Copy Tasks To…')!
    expect(copy.enabled).toBe(true)
    copy.click!()
    expect(actions.copy).toHaveBeenCalled()
    const recent = items(true).find((i) => i.label === 'Open Recent')!.submenu![0]!
    expect(recent.label).toBe(url)
    recent.click()
    expect(actions.openPath).toHaveBeenCalledWith(url)
  })
})

describe('main accepts only paths it handed out (a compromised renderer cannot name files)', () => {
  it('open, create, export and cleanup rules: only what its dialogs, command line, recent list or settings gave', async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { GrantedPaths } = await import('../src/main/path-policy')
    const { SettingsStore } = await import('../src/main/settings/settings-store')
    const { openStore } = await import('../src/main/store/sqlite/open')
    const dir = mkdtempSync(join(tmpdir(), 'docusnap-grants-'))
    const picked = join(dir, 'picked.db')
    const other = join(dir, 'other.db')
    for (const f of [picked, other]) openStore(f, { create: true }).db.close()
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'keep me')
    const grants = new GrantedPaths()
    let next: string | null = null
    // The carrier's dialogs grant what they return, as index.ts's pickFile does.
    const pickFile = async (mode: 'open' | 'new' | 'export') => (next === null ? null : grants.grant(next, mode === 'export' ? 'export' : mode === 'new' ? 'create' : 'open'))
    const settings = new SettingsStore(join(dir, 'settings.json'))
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = createDispatcher(host, { carrier: 'electron', version: '1', readOnly: false, pickFile, settings, paths: grants })
    try {
      const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
      expect(await dispatch('db.open', { path: other })).toMatchObject(forbidden)
      expect(await dispatch('db.open', { path: join(dir, 'made-up.db'), create: true })).toMatchObject(forbidden)
      expect(existsSync(join(dir, 'made-up.db'))).toBe(false)
      next = picked
      expect(await dispatch('db.pick', { mode: 'open' })).toEqual({ ok: true, value: { path: picked } })
      expect(await dispatch('db.open', { path: `${dir}/./picked.db` })).toMatchObject({ ok: true, value: { path: picked } })
      // An export writes only the file its save dialog returned, once.
      const exportInput = { filter: {}, format: 'csv', withResult: false, bom: false, jobId: 'e' }
      expect(await dispatch('tasks.export', { ...exportInput, path: victim })).toMatchObject(forbidden)
      expect(readFileSync(victim, 'utf8')).toBe('keep me')
      const out = join(dir, 'out.csv')
      next = out
      await dispatch('db.pick', { mode: 'export' })
      expect(await dispatch('tasks.export', { ...exportInput, path: out })).toMatchObject({ ok: true })
      expect(await dispatch('tasks.export', { ...exportInput, path: out, jobId: 'f' })).toMatchObject(forbidden)
      // A cleanup rule only for the open file; the recent list may be opened again.
      expect(await dispatch('settings.cleanupRule', { path: other, rule: { enabled: true, days: 1 } })).toMatchObject(forbidden)
      expect(await dispatch('settings.cleanupRule', { path: picked, rule: { enabled: true, days: 9 } })).toMatchObject({ ok: true })
      const fresh = new GrantedPaths()
      const again = createDispatcher(host, { carrier: 'electron', version: '1', readOnly: false, settings, paths: fresh })
      expect(await again('db.open', { path: picked })).toMatchObject({ ok: true })
    } finally {
      await host.close()
    }
  })

  it('a second launch’s relative --db is read in its own folder', async () => {
    expect(secondInstancePath(['electron', '.', '--db', 'tasks.db'], '/home/ann/work')).toBe(join('/home/ann/work', 'tasks.db'))
    expect(secondInstancePath(['electron', '--db=/srv/t.db'], '/home/ann')).toBe('/srv/t.db')
    expect(secondInstancePath(['electron'], '/x')).toBeUndefined()
  })
})
