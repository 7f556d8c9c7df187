import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChunked, takeSnapshot } from '../src/main/store/sqlite/chunked'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { requeueTasks, vacuumStore, addIndexes } from '../src/main/store/sqlite/maintenance'
import { openStore } from '../src/main/store/sqlite/open'
import { previewTarget, purgeTasks } from '../src/main/store/sqlite/purge'
import { storeStats } from '../src/main/store/sqlite/stats'
import { countTasks } from '../src/main/store/sqlite/count'
import { tempDir } from './helpers'
import { cleanupTarget } from '../src/main/store/model/rules'
import { makeSnapshot } from '../src/main/store/model/snapshot'

function demoStore(count: number, path = ':memory:') {
  const store = openStore(path, { create: true })
  insertSeedDemo(store, { count, seed: 42, now: 1_700_000_000 })
  return store
}

describe('chunked purge', () => {
  it('deletes in several transactions, reports progress and the exact count', async () => {
    const store = demoStore(5000)
    const expected = countTasks(store, { statuses: ['completed'] })
    const progress: number[] = []
    const r = await purgeTasks(store, { filter: { statuses: ['completed'] } }, { onProgress: (p) => progress.push(p.done), targetMs: 0.01, gapMs: 0 })
    expect(r).toEqual({ deleted: expected, total: expected, cancelled: false })
    expect(progress.length).toBeGreaterThan(3)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(countTasks(store, { statuses: ['completed'] })).toBe(0)
    expect(countTasks(store)).toBe(5000 - expected)
  })

  it('a cancel between chunks leaves whole chunks only, and running again finishes the job', async () => {
    const store = demoStore(4000)
    const total = countTasks(store, { types: ['document'] })
    const controller = new AbortController()
    const sizes: number[] = []
    let last = 0
    const r = await purgeTasks(
      store,
      { filter: { types: ['document'] } },
      {
        signal: controller.signal,
        targetMs: 0.01,
        gapMs: 0,
        onProgress: (p) => {
          if (p.done > last) sizes.push(p.done - last)
          last = p.done
          if (sizes.length === 2) controller.abort()
        }
      }
    )
    expect(r.cancelled).toBe(true)
    expect(r.deleted).toBe(sizes[0]! + sizes[1]!)
    expect(countTasks(store, { types: ['document'] })).toBe(total - r.deleted)
    const again = await purgeTasks(store, { filter: { types: ['document'] } }, { gapMs: 0 })
    expect(r.deleted + again.deleted).toBe(total)
  })

  it('never deletes a task created after the snapshot the user confirmed', async () => {
    const store = demoStore(1000)
    const preview = previewTarget(store, { filter: { statuses: ['pending', 'processing', 'completed', 'error'] } })
    store.db.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES ('late', 'form', 'pending', 1)").run()
    const r = await purgeTasks(store, { filter: { statuses: ['pending', 'processing', 'completed', 'error'] } }, { snapshot: preview.snapshot, gapMs: 0 })
    expect(r.deleted).toBe(preview.count)
    expect(store.db.prepare('SELECT id FROM tasks').pluck().all()).toEqual(['late'])
  })

  it('tasks added while a purge runs survive it', async () => {
    const store = demoStore(3000)
    let added = 0
    const r = await purgeTasks(
      store,
      { filter: { olderThanDays: 0 } },
      {
        targetMs: 0.01,
        gapMs: 0,
        onProgress: () => {
          store.db.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES (?, 'form', 'pending', 0)").run(`new-${added++}`)
        }
      }
    )
    expect(r.deleted).toBe(3000)
    expect(countTasks(store)).toBe(added)
  })

  it('deletes by keys, in chunks, and ignores keys that do not exist', async () => {
    const store = demoStore(1200)
    const ids = store.db.prepare('SELECT id FROM tasks LIMIT 1100').pluck().all() as string[]
    const r = await purgeTasks(store, { keys: [...ids, 'no-such-id'] }, { gapMs: 0 })
    expect(r.deleted).toBe(1100)
    expect(countTasks(store)).toBe(100)
  })

  it('a selection larger than SQLite takes in one statement (40,000 keys) previews and deletes exactly', async () => {
    const store = demoStore(45_000)
    const keys = store.db.prepare('SELECT id FROM tasks ORDER BY created_at LIMIT 40000').pluck().all() as string[]
    const expected = store.db.prepare('SELECT min(created_at) AS lo, max(created_at) AS hi FROM (SELECT created_at FROM tasks ORDER BY created_at LIMIT 40000)').get() as { lo: number; hi: number }
    const preview = previewTarget(store, { keys })
    expect(preview).toMatchObject({ count: 40_000, oldest: expected.lo, newest: expected.hi })
    const r = await purgeTasks(store, { keys }, { snapshot: preview.snapshot, gapMs: 0 })
    expect(r.deleted).toBe(40_000)
    expect(countTasks(store)).toBe(5000)
  })

  it('preview tells how many, per status, oldest and newest, and writes nothing', () => {
    const store = demoStore(800)
    const p = previewTarget(store, cleanupTarget(7), 1_700_000_000)
    const rows = store.db.prepare('SELECT status, created_at FROM tasks WHERE created_at < ?').all(1_700_000_000 - 7 * 86_400) as {
      status: string
      created_at: number
    }[]
    expect(p.count).toBe(rows.length)
    expect(p.oldest).toBe(Math.min(...rows.map((r) => r.created_at)))
    expect(p.newest).toBe(Math.max(...rows.map((r) => r.created_at)))
    expect(Object.values(p.by_status).reduce((a, b) => a + b, 0)).toBe(rows.length)
    expect(countTasks(store)).toBe(800)
  })

  it('a snapshot is opaque: its rowid bound is honoured, and one that is not this engine’s is refused, nothing deleted', async () => {
    const store = demoStore(300)
    const preview = previewTarget(store, { filter: {} }, 1_700_000_000)
    expect(Object.keys(preview.snapshot).sort()).toEqual(['at', 'bound'])
    insertSeedDemo(store, { count: 20, seed: 7, now: 1_700_000_000 })
    for (const bound of [makeSnapshot(1, null).bound, 'not a snapshot', makeSnapshot(1, 1.5).bound])
      await expect(purgeTasks(store, { filter: {} }, { snapshot: { bound, at: 1_700_000_000 }, gapMs: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(countTasks(store)).toBe(320)
    // Rows written after the preview are outside its snapshot.
    expect((await purgeTasks(store, { filter: {} }, { snapshot: preview.snapshot, gapMs: 0 })).deleted).toBe(300)
    expect(countTasks(store)).toBe(20)
  })

  it('refuses to write a read-only store', async () => {
    const dir = tempDir()
    demoStore(10, join(dir, 'a.db')).db.close()
    const ro = openStore(join(dir, 'a.db'), { readOnly: true })
    await expect(purgeTasks(ro, { filter: {} })).rejects.toMatchObject({ code: 'READ_ONLY' })
    await expect(requeueTasks(ro, { filter: {} })).rejects.toMatchObject({ code: 'READ_ONLY' })
    expect(() => vacuumStore(ro)).toThrow(/read-only/)
    expect(() => addIndexes(ro)).toThrow(/read-only/)
  })

  it('a failure mid-way (disk full) rolls back the chunk and says how far it got', async () => {
    const store = demoStore(2000)
    let calls = 0
    const snapshot = takeSnapshot(store)
    await expect(
      runChunked(
        store,
        { filter: {} },
        'Delete tasks in',
        (where, table) => {
          if (++calls === 3) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
          return store.db.prepare(`DELETE FROM ${table} WHERE ${where.sql}`).run(...where.params).changes
        },
        { snapshot, targetMs: 0.01, gapMs: 0 }
      )
    ).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/already done before it failed; running it again finishes the job/) })
    expect(store.db.inTransaction).toBe(false)
    // Exactly the two chunks that committed, in the message and in `partial`.
    const left = (store.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n
    const failure = await runChunked(store, { filter: {} }, 'Delete tasks in', () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'DISK_FULL', partial: { done: 0, total: left } })
    expect(2000 - left).toBeGreaterThan(0)
  })
})

describe('maintenance', () => {
  it('requeue sets pending and updated_at now on the target only', async () => {
    const store = demoStore(500)
    const errors = countTasks(store, { statuses: ['error'] })
    const r = await requeueTasks(store, { filter: { statuses: ['error'] } }, { gapMs: 0 }, 1_800_000_000)
    expect(r.requeued).toBe(errors)
    expect(countTasks(store, { statuses: ['error'] })).toBe(0)
    expect(countTasks(store, { updatedFrom: 1_800_000_000 })).toBe(errors)
  })

  it('a key target narrowed by a filter touches only the selected tasks that match it (the errored of a selection)', async () => {
    const store = demoStore(400)
    const rows = store.db.prepare("SELECT id, status FROM tasks WHERE status IN ('error', 'completed') ORDER BY rowid LIMIT 40").all() as { id: string; status: string }[]
    const keys = rows.map((r) => r.id)
    const erroredOfSelection = rows.filter((r) => r.status === 'error').length
    expect(erroredOfSelection).toBeGreaterThan(0)
    expect(erroredOfSelection).toBeLessThan(keys.length)
    const target = { keys, only: { statuses: ['error'] } }
    expect(previewTarget(store, target).count).toBe(erroredOfSelection)
    const before = countTasks(store, { statuses: ['error'] })
    const r = await requeueTasks(store, target, { gapMs: 0 })
    expect(r.requeued).toBe(erroredOfSelection)
    expect(countTasks(store, { statuses: ['error'] })).toBe(before - erroredOfSelection)
    // The completed tasks of the selection kept their status.
    for (const row of rows.filter((x) => x.status === 'completed'))
      expect((store.db.prepare('SELECT status FROM tasks WHERE id = ?').get(row.id) as { status: string }).status).toBe('completed')
  })

  it('vacuum reports the size before and after; add indexes adds only the missing ones', async () => {
    const dir = tempDir()
    const store = demoStore(3000, join(dir, 'v.db'))
    await purgeTasks(store, { filter: { statuses: ['completed'] } }, { gapMs: 0 })
    const r = vacuumStore(store)
    expect(r.bytes_after).toBeLessThan(r.bytes_before)
    store.db.exec('DROP INDEX idx_tasks_updated_at')
    expect(storeStats(store).missing_indexes).toEqual(['idx_tasks_updated_at'])
    expect(addIndexes(store)).toEqual({ added: ['idx_tasks_updated_at'] })
    expect(addIndexes(store)).toEqual({ added: [] })
  })
})
