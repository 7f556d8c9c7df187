import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../src/main/handlers'
import { SettingsStore } from '../src/main/settings/settings-store'
import { createTask, editTask } from '../src/main/store/sqlite/edit'
import { writeExport } from '../src/main/store/model/export'
import { sqliteExportSource } from '../src/main/store/sqlite/export'
import { inProcessHost } from '../src/main/store/host'
import { requeueTasks } from '../src/main/store/sqlite/maintenance'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import { purgeTasks } from '../src/main/store/sqlite/purge'
import { takeSnapshot } from '../src/main/store/sqlite/chunked'
import { nowSeconds, localDay } from '../src/main/store/model/time'
import { dailyCounts } from '../src/main/store/sqlite/stats'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { countTasks } from '../src/main/store/sqlite/count'
import { guessTimeUnit } from '../src/main/store/model/time-unit'
import { sha256File, tempDir } from './helpers'

// A file whose writer stored Date.now() (milliseconds), read in the unit the user chose (issue 30.3): rows show the
// right times, filters and cleanup cut in the file's unit, the app's own writes use it, and the file is not rewritten.

const NOW = 1_780_000_000 // a fixed clock: 2026-05-28
const DAY = 86_400
const created = (i: number, now = NOW) => now - i * (DAY / 2) - DAY / 4

/**
 * 20 tasks, one every half day back from a quarter day before `now` (no task sits on a filter's edge), stored in
 * milliseconds as a JavaScript writer would.
 */
function millisecondFile(now = NOW): string {
  const path = join(tempDir(), 'ms.db')
  const s = openStore(path, { create: true })
  const insert = s.db.prepare("INSERT INTO tasks (id, type, status, result, created_at, updated_at) VALUES (?, 'form', ?, NULL, ?, ?)")
  // Rows not in time order: inserted oldest, newest, then the rest.
  const order = [19, 0, ...Array.from({ length: 18 }, (_, i) => i + 1)]
  for (const i of order) insert.run(`t${String(i).padStart(2, '0')}`, i % 4 === 0 ? 'error' : 'completed', created(i, now) * 1000, (created(i, now) + 5) * 1000)
  closeStore(s)
  return path
}

describe('times stored in milliseconds', () => {
  it('a sample tells milliseconds from seconds, and says nothing of a mix or an empty table', () => {
    expect(guessTimeUnit([NOW * 1000, NOW * 1000 - 5, NOW * 1000 + 9])).toBe('milliseconds')
    expect(guessTimeUnit([NOW, NOW - 5, 100])).toBe('seconds')
    expect(guessTimeUnit([])).toBeNull()
    // Past the year 3000 as milliseconds too: no unit explains it.
    expect(guessTimeUnit([1e17, 1e17, 1e17])).toBeNull()
    // Half and half is no majority.
    expect(guessTimeUnit([NOW, NOW * 1000])).toBeNull()
  })

  it('read as milliseconds: the same rows, times in seconds, filters and daily counts in the file’s unit', () => {
    const path = millisecondFile()
    const before = sha256File(path)
    const s = openStore(path, { timeUnit: 'milliseconds', readOnly: true })
    const page = listTasks(s, {}, { field: 'created_at', dir: 'desc' }, { limit: 3 }, NOW)
    expect(page.tasks.map((t) => [t.id, t.created, t.updated])).toEqual([
      ['t00', created(0), created(0) + 5],
      ['t01', created(1), created(1) + 5],
      ['t02', created(2), created(2) + 5]
    ])
    // "Created in the last 2 days" and "older than 7 days" cut where a person expects, not 1000× off.
    expect(countTasks(s, { createdFrom: NOW - 2 * DAY }, NOW)).toBe(4)
    expect(countTasks(s, { olderThanDays: 7 }, NOW)).toBe(6)
    expect(countTasks(s, { statuses: ['error'], createdWithin: 3 * DAY }, NOW)).toBe(2)
    const days = dailyCounts(s, 30, NOW)
    expect(days.reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0), 0)).toBe(20)
    expect(days.at(-1)!.day).toBe(localDay(NOW))
    closeStore(s)
    // Read in seconds, the same file has every task far in the future: nothing is older than 7 days.
    const asSeconds = openStore(path, { readOnly: true })
    expect(countTasks(asSeconds, { olderThanDays: 7 }, NOW)).toBe(0)
    closeStore(asSeconds)
    expect(sha256File(path)).toBe(before)
  })

  it('cleanup deletes exactly the tasks older than 7 days; requeue, create and edit write milliseconds; CSV times are right', async () => {
    const path = millisecondFile()
    const s = openStore(path, { timeUnit: 'milliseconds' })
    const r = await purgeTasks(s, { filter: { olderThanDays: 7 } }, { gapMs: 0, snapshot: takeSnapshot(s, NOW) })
    expect(r.deleted).toBe(6)
    const left = s.db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all()
    expect(left).toEqual(Array.from({ length: 14 }, (_, i) => `t${String(i).padStart(2, '0')}`))
    await requeueTasks(s, { keys: ['t04'] }, { gapMs: 0 }, NOW)
    expect(s.db.prepare("SELECT updated_at FROM tasks WHERE id = 't04'").pluck().get()).toBe(NOW * 1000)
    const before = Date.now()
    createTask(s, 'new-one', 'form')
    editTask(s, 't01', 'completed', '{"ok": true}')
    const written = s.db.prepare("SELECT created_at FROM tasks WHERE id = 'new-one' UNION ALL SELECT updated_at FROM tasks WHERE id = 't01'").pluck().all() as number[]
    for (const t of written) expect(Math.abs(t - before)).toBeLessThan(60_000)
    let csv = ''
    await writeExport(sqliteExportSource(s, { statuses: ['error'] }, {}, NOW), (c) => void (csv += c), { format: 'csv' })
    expect(csv).toContain(`t00,form,error,${new Date(created(0) * 1000).toISOString().replace('.000Z', 'Z')}`)
    closeStore(s)
  })

  it('the choice is remembered per file and applied when it is opened again; the file stays as it was', async () => {
    // Through the dispatcher the clock is the real one: the tasks are placed back from it.
    const path = millisecondFile(nowSeconds())
    const before = sha256File(path)
    const settings = new SettingsStore(join(tempDir(), 'settings.json'))
    const host = inProcessHost({ watchMs: 0 })
    const dispatch = createDispatcher(host, { carrier: 'electron', version: 't', readOnly: false, settings })
    const opened = await dispatch('db.open', { path })
    expect(opened).toMatchObject({ ok: true, value: { times: { unit: 'seconds', looksLike: 'milliseconds', chosen: false } } })
    const chosen = await dispatch('settings.timeUnit', { unit: 'milliseconds' })
    expect(chosen).toMatchObject({ ok: true, value: { times: { unit: 'milliseconds', looksLike: 'milliseconds', chosen: true } } })
    expect(await dispatch('tasks.count', { filter: { olderThanDays: 7 } })).toEqual({ ok: true, value: { count: 6 } })
    await dispatch('db.close', {})
    expect(await dispatch('db.open', { path })).toMatchObject({ ok: true, value: { times: { unit: 'milliseconds' } } })
    expect(new SettingsStore(settings.file).state().settings.timeUnits).toEqual({ [path]: 'milliseconds' })
    // Back to seconds: kept too (the app does not ask again), and the file is still the same bytes.
    expect(await dispatch('settings.timeUnit', { unit: 'seconds' })).toMatchObject({ ok: true, value: { times: { unit: 'seconds', chosen: true } } })
    expect(settings.state().settings.timeUnits).toEqual({ [path]: 'seconds' })
    await host.close()
    expect(sha256File(path)).toBe(before)
    // A seed file in seconds suggests nothing to change.
    const plain = join(tempDir(), 'plain.db')
    const p = openStore(plain, { create: true })
    p.db.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES ('a', 'form', 'pending', ?)").run(NOW)
    closeStore(p)
    const host2 = inProcessHost({ watchMs: 0 })
    const d2 = createDispatcher(host2, { carrier: 'electron', version: 't', readOnly: false })
    expect(await d2('db.open', { path: plain })).toMatchObject({ ok: true, value: { times: { unit: 'seconds', looksLike: 'seconds' } } })
    await host2.close()
    expect(new Database(plain).prepare('SELECT created_at FROM tasks').pluck().get()).toBe(NOW)
  })
})
