import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { StoreSession } from '../src/main/store/session'
import { compareSortValues, SortWalk } from '../src/main/store/sqlite/unindexed'
import { compileFilter } from '../src/main/store/model/where'
import { tempDir } from './helpers'

const NOW = 1_700_000_000
const newest = { field: 'created_at' as const, dir: 'desc' as const }

/** A seed-module file: its table and key only, 20,000 tasks. */
function seedModuleFile() {
  const path = join(tempDir(), 'tasks.db')
  const store = openStore(path, { create: true })
  insertSeedDemo(store, { count: 20_000, seed: 9, now: NOW })
  for (const { name } of store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]) store.db.exec(`DROP INDEX ${name}`)
  return { path, store }
}

describe('pages by a time column on a file without its index', () => {
  it('reads the table in several short statements and gives the same page as one ORDER BY', () => {
    const { store } = seedModuleFile()
    const windows: number[] = []
    const page = listTasks(store, {}, newest, { limit: 100 }, NOW, { unindexed: { span: 1000, onWindow: (ms) => windows.push(ms) } })
    expect(windows.length).toBeGreaterThan(3)
    const direct = store.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100').pluck().all()
    expect(page.tasks.map((t) => t.id)).toEqual(direct)
    closeStore(store)
  })

  it('later pages come from the same walk while the file is unchanged, and from a new one after any commit', () => {
    const { path, store } = seedModuleFile()
    const windows: number[] = []
    const tuning = { span: 1000, onWindow: (ms: number) => windows.push(ms) }
    const first = listTasks(store, {}, newest, { limit: 100 }, NOW, { unindexed: tuning })
    const walked = windows.length
    const second = listTasks(store, {}, newest, { limit: 100, after: first.next }, NOW, { unindexed: tuning })
    expect(windows.length).toBe(walked)
    // Another process deletes a task of the third page: the next page is read afresh and does not show it.
    const direct = store.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100 OFFSET 200').pluck().all() as string[]
    const other = new Database(path)
    other.prepare('DELETE FROM tasks WHERE id = ?').run(direct[10])
    other.close()
    const third = listTasks(store, {}, newest, { limit: 100, after: second.next }, NOW, { unindexed: tuning })
    expect(windows.length).toBeGreaterThan(walked)
    expect(third.tasks.map((t) => t.id)).toEqual(store.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100 OFFSET 200').pluck().all())
    expect(third.tasks.map((t) => t.id)).not.toContain(direct[10])
    // This connection's own change counts too.
    const before = windows.length
    store.db.prepare('DELETE FROM tasks WHERE id = ?').run(third.tasks[0]!.id)
    listTasks(store, {}, newest, { limit: 100, after: first.next }, NOW, { unindexed: tuning })
    expect(windows.length).toBeGreaterThan(before)
    closeStore(store)
  })

  it('a walk asked with a budget gives the best rows found so far, then goes on to the exact page', () => {
    const { store } = seedModuleFile()
    const where = compileFilter(store.dialect, {}, NOW)
    const walk = new SortWalk(store, { where, after: null, cursor: null, column: 'created_at', dir: 'desc', limit: 100 }, { span: 1000 })
    const fractions: number[] = []
    // A budget of 0 reads one window a call.
    for (let p = walk.run(0); ; p = walk.run(0)) {
      fractions.push(p.fraction!)
      if (p.complete) break
    }
    expect(fractions.length).toBeGreaterThan(3)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)
    const direct = store.db.prepare('SELECT rowid FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 101').pluck().all()
    expect(walk.pairs().map((p) => p.r)).toEqual(direct)
    closeStore(store)
  })

  it('through the session: partial pages say how far they read and have no cursor; resuming ends on the exact page', async () => {
    const { path, store } = seedModuleFile()
    closeStore(store)
    const session = new StoreSession(() => undefined, { watchMs: 0 })
    await session.handle('db.open', { path } as never)
    const input = { filter: {}, sort: newest, page: { limit: 100 }, budgetMs: 10 }
    const list = (i: object) => session.handle('tasks.list', i as never)
    let page = await list(input)
    for (let guard = 0; page.sorting && guard < 1000; guard++) {
      expect(page.next).toBeNull()
      expect(page.sorting.complete).toBe(false)
      page = await list({ ...input, resume: true })
    }
    expect(page.sorting).toBeUndefined()
    const check = openStore(path, { readOnly: true })
    expect(page.tasks.map((t) => t.id)).toEqual(check.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100').pluck().all())
    // The exact page's cursor continues from the walk.
    const second = await list({ filter: {}, sort: newest, page: { limit: 100, after: page.next } })
    expect(second.tasks.map((t) => t.id)).toEqual(check.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100 OFFSET 100').pluck().all())
    closeStore(check)
    await session.dispose()
  })

  it('a walk that saw another process commit half-way is not kept for the pages after it', () => {
    const { path, store } = seedModuleFile()
    const where = compileFilter(store.dialect, {}, NOW)
    const walk = new SortWalk(store, { where, after: null, cursor: null, column: 'created_at', dir: 'desc', limit: 100 }, { span: 1000 })
    walk.run(0)
    const other = new Database(path)
    other.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES ('late', 'document', 'pending', 1)").run()
    other.close()
    while (!walk.run(0).complete);
    const windows: number[] = []
    // The same first page again: read afresh, not from the walk that straddled the commit.
    const again = listTasks(store, {}, newest, { limit: 100 }, NOW, { unindexed: { onWindow: (ms) => windows.push(ms) } })
    expect(windows.length).toBeGreaterThan(0)
    expect(again.tasks.map((t) => t.id)).toEqual(store.db.prepare('SELECT id FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT 100').pluck().all())
    closeStore(store)
  })

  it('orders values as SQLite does: NULL, numbers, text, blobs', () => {
    const values = [Buffer.from('b'), 'b', 'a', 10, 2, null, Buffer.from('a')]
    expect([...values].sort(compareSortValues)).toEqual([null, 2, 10, 'a', 'b', Buffer.from('a'), Buffer.from('b')])
  })
})
