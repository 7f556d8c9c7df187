import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../src/main/handlers'
import { inProcessHost } from '../src/main/store/host'
import { openStore } from '../src/main/store/sqlite/open'
import { createTaskRecord } from '../src/main/store/sqlite/seed'
import { SettingsStore } from '../src/main/settings/settings-store'
import { settingsFileIn, userDataDir } from '../src/main/settings/location'
import { isDue, nextRunAt, NO_RULE, RETRY_AFTER_FAILURE_SECONDS } from '../src/shared/schedule'
import { CLEANUP_EVERY_SECONDS, DEFAULT_SETTINGS, parseSettings, type FileCleanup } from '../src/shared/settings'
import { startTicker, type Clock } from '../src/renderer/src/features/schedule/ticker'
import { tempDir } from './helpers'

const DAY = 86_400
const T0 = 1_780_000_000

describe('settings file', () => {
  it('starts from the defaults when there is no file, and saves what changes', () => {
    const file = join(tempDir(), 'sub', 'settings.json')
    const store = new SettingsStore(file)
    expect(store.state()).toEqual({ settings: DEFAULT_SETTINGS, file, problems: [] })
    store.update({ theme: 'dark', language: 'zh-CN', refreshSeconds: 10, confirmThreshold: 50 })
    store.pushRecent('/a.db')
    store.pushRecent('/b.db')
    store.pushRecent('/a.db')
    const again = new SettingsStore(file).state()
    expect(again.settings).toMatchObject({ theme: 'dark', language: 'zh-CN', refreshSeconds: 10, confirmThreshold: 50, recentFiles: ['/a.db', '/b.db'] })
    expect(again.problems).toEqual([])
  })

  it('keeps every valid field of a partly bad file, reports the rest, and keeps the original aside on the next save', () => {
    const file = join(tempDir(), 'settings.json')
    const original = JSON.stringify({ theme: 'purple', language: 'zh-CN', refreshSeconds: 0, recentFiles: ['/x.db'], colour: 1, cleanup: { '/ok.db': { rule: { enabled: true, days: 3 }, history: [] }, '/bad.db': { rule: { enabled: 'yes' } } } })
    writeFileSync(file, original)
    const store = new SettingsStore(file)
    const { settings, problems } = store.state()
    expect(settings).toMatchObject({ theme: 'system', language: 'zh-CN', refreshSeconds: 1, recentFiles: ['/x.db'] })
    expect(Object.keys(settings.cleanup)).toEqual(['/ok.db'])
    expect(problems.map((p) => p.split(':')[0])).toEqual(['theme', 'refreshSeconds', 'cleanup of /bad.db', 'colour'])
    store.update({ theme: 'light' })
    expect(readFileSync(`${file}.invalid`, 'utf8')).toBe(original)
    expect(new SettingsStore(file).state().problems).toEqual([])
  })

  it('treats a file that is not JSON as defaults and does not destroy it', () => {
    const file = join(tempDir(), 'settings.json')
    writeFileSync(file, '{ not json')
    const store = new SettingsStore(file)
    expect(store.state().settings).toEqual(DEFAULT_SETTINGS)
    expect(store.state().problems[0]).toMatch(/not valid JSON/)
    store.reset()
    expect(readFileSync(`${file}.invalid`, 'utf8')).toBe('{ not json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_SETTINGS)
  })

  it('a failed save changes nothing and says where it could not write', () => {
    const dir = tempDir()
    const file = join(dir, 'settings.json')
    const store = new SettingsStore(file)
    store.update({ theme: 'dark' })
    if (process.getuid?.() === 0) {
      // root writes through permissions; a folder in the way of the file's folder fails for everyone.
      const blocked = new SettingsStore(join(dir, 'settings.json', 'inner.json'))
      expect(() => blocked.update({ theme: 'light' })).toThrow(/Could not save the settings/)
      expect(blocked.state().settings.theme).toBe('system')
      return
    }
    chmodSync(dir, 0o500)
    try {
      expect(() => store.update({ theme: 'light' })).toThrow(/Could not save the settings to .*settings\.json/)
      expect(store.state().settings.theme).toBe('dark')
    } finally {
      chmodSync(dir, 0o700)
    }
  })

  it('reads leniently: a non-object gives the defaults and one problem', () => {
    expect(parseSettings([1, 2])).toEqual({ settings: DEFAULT_SETTINGS, problems: ['the file does not hold a JSON object'] })
    expect(parseSettings({ cleanup: 'x' }).problems).toEqual(['cleanup: not an object'])
  })

  it('lives where Electron keeps user data, per platform', () => {
    expect(userDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/docusnap-task-admin')
    expect(userDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/docusnap-task-admin')
    expect(userDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/docusnap-task-admin')
    expect(userDataDir({ APPDATA: 'C:\\AppData' }, 'win32', 'C:\\u')).toContain('docusnap-task-admin')
    expect(settingsFileIn('/d')).toBe('/d/settings.json')
  })
})

describe('schedule', () => {
  const on = (history: FileCleanup['history'] = []): FileCleanup => ({ rule: { enabled: true, days: 7 }, history })

  it('is off without a rule, due at once when switched on, then daily', () => {
    expect(nextRunAt(NO_RULE, T0)).toBeNull()
    expect(isDue(NO_RULE, T0)).toBe(false)
    expect(isDue(on(), T0)).toBe(true)
    const ran = on([{ at: T0, deleted: 3 }])
    expect(nextRunAt(ran, T0)).toBe(T0 + CLEANUP_EVERY_SECONDS)
    expect(isDue(ran, T0 + CLEANUP_EVERY_SECONDS - 1)).toBe(false)
    expect(isDue(ran, T0 + CLEANUP_EVERY_SECONDS)).toBe(true)
  })

  it('retries an hour after a failed run, and does not wait for a run dated in the future', () => {
    const failed = on([{ at: T0, deleted: 0, error: 'database is locked' }])
    expect(nextRunAt(failed, T0)).toBe(T0 + RETRY_AFTER_FAILURE_SECONDS)
    expect(isDue(on([{ at: T0 + 30 * DAY, deleted: 0 }]), T0)).toBe(true)
  })

  it('the ticker asks at once and every minute with the clock it is given, one request at a time', async () => {
    vi.useFakeTimers({ now: T0 * 1000 })
    try {
      const clock: Clock = { now: () => Date.now(), setInterval: (f, ms) => setInterval(f, ms), clearInterval: (h) => clearInterval(h as number) }
      const asked: number[] = []
      let release: () => void = () => undefined
      const stop = startTicker(
        (now) => {
          asked.push(now)
          return new Promise<void>((r) => (release = r))
        },
        clock
      )
      expect(asked).toEqual([T0])
      await vi.advanceTimersByTimeAsync(5 * 60_000) // the first answer is still pending: no second request
      expect(asked).toHaveLength(1)
      release()
      await vi.advanceTimersByTimeAsync(60_000)
      expect(asked).toEqual([T0, T0 + 6 * 60])
      release()
      stop()
      await vi.advanceTimersByTimeAsync(DAY * 1000)
      expect(asked).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('scheduled cleanup through the handlers', () => {
  const hosts: { close(): Promise<void> }[] = []
  afterEach(async () => {
    while (hosts.length) await hosts.pop()!.close()
  })

  function setup(options: { readOnly?: boolean } = {}) {
    const dir = tempDir()
    const db = join(dir, 'tasks.db')
    const s = openStore(db, { create: true })
    const now = Math.floor(Date.now() / 1000)
    for (let i = 0; i < 30; i++) createTaskRecord(s.db, `old-${i}`, 'ocr', now - 10 * DAY - i)
    for (let i = 0; i < 20; i++) createTaskRecord(s.db, `new-${i}`, 'ocr', now - 2 * DAY - i)
    s.db.close()
    const host = inProcessHost({ watchMs: 0 })
    hosts.push(host)
    const settings = new SettingsStore(join(dir, 'settings.json'))
    const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: options.readOnly ?? false, settings })
    const call = async (channel: string, input: unknown) => {
      const r = await dispatch(channel, input)
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
      return r.value as never
    }
    return { db, dir, now, call, dispatch, settings }
  }

  it('does nothing on a file whose rule is off (the default for files the app did not create)', async () => {
    const { db, now, call } = setup()
    await call('db.open', { path: db })
    expect(await call('cleanup.scheduled', { now })).toMatchObject({ ran: false, reason: 'not-due' })
    expect(await call('tasks.count', {})).toEqual({ count: 50 })
  })

  it('when on: deletes only what the rule covers, records it, and waits a day for the next run', async () => {
    const { db, dir, now, call } = setup()
    const opened = (await call('db.open', { path: db })) as { path: string }
    await call('settings.cleanupRule', { path: opened.path, rule: { enabled: true, days: 7 } })
    const first = (await call('cleanup.scheduled', { now })) as { ran: boolean; run: { deleted: number }; cleanup: FileCleanup }
    expect(first.ran).toBe(true)
    expect(first.run).toEqual({ at: now, deleted: 30 })
    expect(await call('tasks.count', {})).toEqual({ count: 20 })
    expect(await call('cleanup.scheduled', { now: now + 3600 })).toMatchObject({ ran: false, reason: 'not-due' })
    const second = (await call('cleanup.scheduled', { now: now + DAY })) as { ran: boolean; cleanup: FileCleanup }
    expect(second.ran).toBe(true)
    expect(second.cleanup.history.map((h) => h.deleted)).toEqual([0, 30])
    // Kept in the settings file for the next start.
    const saved = new SettingsStore(join(dir, 'settings.json')).state().settings.cleanup[opened.path]
    expect(saved?.history).toHaveLength(2)
  })

  it('two windows asking at once delete once', async () => {
    const { db, now, call } = setup()
    const opened = (await call('db.open', { path: db })) as { path: string }
    await call('settings.cleanupRule', { path: opened.path, rule: { enabled: true, days: 7 } })
    const both = (await Promise.all([call('cleanup.scheduled', { now }), call('cleanup.scheduled', { now })])) as { ran: boolean }[]
    expect(both.filter((r) => r.ran)).toHaveLength(1)
  })

  it('a read-only server never runs it, and cannot arm one for later', async () => {
    const { db, now, call } = setup({ readOnly: true })
    const opened = (await call('db.open', { path: db })) as { path: string }
    for (const [channel, input] of [
      ['settings.cleanupRule', { path: opened.path, rule: { enabled: true, days: 1 } }],
      ['settings.update', { patch: { confirmThreshold: 1e9 } }],
      ['settings.reset', {}],
      ['cleanup.scheduled', { now }]
    ] as const)
      expect(String(await call(channel, input).catch((e: Error) => e.message)), channel).toMatch(/^READ_ONLY/)
    expect(await call('tasks.count', {})).toEqual({ count: 50 })
    // Nothing reached the settings: no rule, the threshold as it was, not even a recent-files entry.
    const state = (await call('settings.get', {})) as { settings: typeof DEFAULT_SETTINGS }
    expect(state.settings.cleanup).toEqual({})
    expect(state.settings.confirmThreshold).toBe(DEFAULT_SETTINGS.confirmThreshold)
    expect(state.settings.recentFiles).toEqual([])
  })

  it('a file the app creates gets the seed rule (7 days, on); it joins the recent files', async () => {
    const { dir, call } = setup()
    const fresh = join(dir, 'fresh.db')
    const opened = (await call('db.open', { path: fresh, create: true })) as { path: string }
    const state = (await call('settings.get', {})) as { settings: typeof DEFAULT_SETTINGS }
    expect(state.settings.cleanup[opened.path]?.rule).toEqual({ enabled: true, days: 7 })
    expect(state.settings.recentFiles[0]).toBe(opened.path)
  })

  it('bad settings input is refused and changes nothing', async () => {
    const { call, dispatch } = setup()
    await call('settings.update', { patch: { theme: 'dark' } })
    const r = await dispatch('settings.update', { patch: { theme: 'dark', refreshSeconds: -1 } })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(((await call('settings.get', {})) as { settings: typeof DEFAULT_SETTINGS }).settings).toMatchObject({ theme: 'dark', refreshSeconds: 1 })
    expect(((await call('settings.reset', {})) as { settings: typeof DEFAULT_SETTINGS }).settings).toEqual(DEFAULT_SETTINGS)
  })

  it('a failing run is recorded with its reason', async () => {
    const { db, now, call } = setup()
    const opened = (await call('db.open', { path: db })) as { path: string }
    await call('settings.cleanupRule', { path: opened.path, rule: { enabled: true, days: 7 } })
    mkdirSync(join(db + '-journal')) // a directory where the rollback journal must go: every write fails
    const r = (await call('cleanup.scheduled', { now })) as { ran: boolean; run: { error?: string; deleted: number } }
    expect(r.ran).toBe(true)
    expect(r.run.deleted).toBe(0)
    expect(r.run.error).toBeTruthy()
    expect(existsSync(db)).toBe(true)
  })
})

describe('settings that cannot be saved', () => {
  it('do not stop a database from opening', async () => {
    const dir = tempDir()
    const db = join(dir, 'tasks.db')
    openStore(db, { create: true }).db.close()
    // A folder where the settings file's folder should be: every save fails.
    writeFileSync(join(dir, 'blocked'), 'not a folder')
    const settings = new SettingsStore(join(dir, 'blocked', 'settings.json'))
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false, settings })
    const opened = await dispatch('db.open', { path: db })
    expect(opened.ok).toBe(true)
    const update = await dispatch('settings.update', { patch: { theme: 'dark' } })
    expect(update).toMatchObject({ ok: false, error: { code: 'IO' } })
    await host.close()
  })
})

describe('one file, one key', () => {
  it('a settings file with a non-path key (__proto__, a relative path) drops it and says so; nothing reaches the prototype', () => {
    const raw = JSON.parse(
      '{"cleanup": {"__proto__": {"rule": {"enabled": true, "days": 1}, "history": []}, "../../x.db": {"rule": {"enabled": true, "days": 1}, "history": []}, "/srv/tasks.db": {"rule": {"enabled": true, "days": 7}, "history": []}}}'
    ) as unknown
    const { settings, problems } = parseSettings(raw)
    expect(Object.keys(settings.cleanup)).toEqual(['/srv/tasks.db'])
    expect(problems).toEqual(['cleanup of __proto__: invalid file name', 'cleanup of ../../x.db: invalid file name'])
    expect(({} as Record<string, unknown>).rule).toBeUndefined()
  })

  it('the same file written two ways is one key in recent files and rules', async () => {
    const dir = tempDir()
    const db = join(dir, 'tasks.db')
    openStore(db, { create: true }).db.close()
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false, settings: new SettingsStore(join(dir, 'settings.json')) })
    const call = async (channel: string, input: unknown) => {
      const r = await dispatch(channel, input)
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
      return r.value as never
    }
    const { symlinkSync } = await import('node:fs')
    symlinkSync(db, join(dir, 'alias.db'))
    const a = (await call('db.open', { path: db })) as { path: string }
    const b = (await call('db.open', { path: join(dir, '.', 'sub', '..', 'alias.db') })) as { path: string }
    expect(b.path).toBe(a.path)
    await call('settings.cleanupRule', { path: join(dir, 'alias.db'), rule: { enabled: true, days: 3 } })
    const state = (await call('settings.get', {})) as { settings: typeof DEFAULT_SETTINGS }
    expect(Object.keys(state.settings.cleanup)).toEqual([a.path])
    expect(state.settings.recentFiles).toEqual([a.path])
    await host.close()
  })
})
