import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { takeSnapshot } from '../src/main/store/sqlite/chunked'
import { insertBackendDemo, insertSeedDemo } from '../src/main/store/sqlite/demo'
import { BACKEND_INDEX_SQL, BACKEND_TABLE_SQL } from '../src/main/store/sqlite/backend-schema'
import { DIALECTS } from '../src/main/store/model/dialect'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import { purgeTasks } from '../src/main/store/sqlite/purge'
import { chooseWalk, keyWalk, scatteredStructures, taskIndexes } from '../src/main/store/sqlite/walk'
import { tempDir } from './helpers'
import { expiryTarget } from '../src/main/store/model/rules'

const NOW = 1_700_000_000

/** A file as DocuSnap-Backend writes it: its table and its one index, nothing of ours. */
function backendFile(count: number) {
  const path = join(tempDir(), 'backend.db')
  const raw = new Database(path)
  raw.exec(BACKEND_TABLE_SQL)
  raw.exec(BACKEND_INDEX_SQL)
  raw.close()
  const store = openStore(path)
  insertBackendDemo(store, { count, seed: 7, now: NOW, days: 10 })
  return store
}

describe('the walk a chunked write takes', () => {
  it('rowid windows on the seed shape, key windows on the backend shape (both its indexes follow the key)', () => {
    const seedKey = DIALECTS.seed.keyColumns
    const backendKey = DIALECTS.backend.keyColumns
    const seedIndexes = [{ name: 'sqlite_autoindex_tasks_1', columns: ['id'] }]
    const backendIndexes = [
      { name: 'sqlite_autoindex_tasks_1', columns: ['client_id', 'sha256', 'type'] },
      { name: 'idx_client_sha', columns: ['client_id', 'sha256'] }
    ]
    expect(scatteredStructures(seedIndexes, seedKey)).toEqual({ rowid: 1, key: 1 })
    expect(chooseWalk(seedIndexes, seedKey, 0.8)).toBe('rowid')
    expect(scatteredStructures(backendIndexes, backendKey)).toEqual({ rowid: 2, key: 1 })
    expect(chooseWalk(backendIndexes, backendKey, 0.8)).toBe('key')
    // A sparse target: reading ahead in key order would read many rows to find a few.
    expect(chooseWalk(backendIndexes, backendKey, 0.05)).toBe('rowid')
    // With the app's time indexes added, each walk scatters them alike; the key walk still scatters one fewer.
    const withOurs = [...backendIndexes, { name: 'idx_tasks_last_accessed', columns: ['last_accessed'] }]
    expect(scatteredStructures(withOurs, backendKey)).toEqual({ rowid: 3, key: 2 })
  })

  it('reads the indexes of a real file', () => {
    const store = backendFile(10)
    expect(taskIndexes(store).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'idx_client_sha', columns: ['client_id', 'sha256'] },
      { name: 'sqlite_autoindex_tasks_1', columns: ['client_id', 'sha256', 'type'] }
    ])
    closeStore(store)
  })

  it('expiry on a backend file walks by key and deletes exactly the expired rows, none created after the snapshot', async () => {
    const store = backendFile(6000)
    const target = expiryTarget(store.dialect.kind, 12 * 60, NOW)
    const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n
    const cutoff = new Date((NOW - 12 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ')
    const expired = count(`SELECT count(*) AS n FROM tasks WHERE last_accessed < '${cutoff}'`)
    const kept = count('SELECT count(*) AS n FROM tasks') - expired
    expect(expired).toBeGreaterThan(6000 / 4)
    const snapshot = takeSnapshot(store, NOW)
    // A task the backend writes after the user confirmed, with a very old access time: it matches, but is not touched.
    store.db.prepare("INSERT INTO tasks (client_id, sha256, type, status, created_at, last_accessed) VALUES ('zz', 'late', 'doc', 'processing', '2000-01-01 00:00:00', '2000-01-01 00:00:00')").run()
    const walks: string[] = []
    const sizes: number[] = []
    const r = await purgeTasks(store, target, { snapshot, gapMs: 0, maxRows: 300, onWalk: (w) => walks.push(w), onChunk: (_ms, n) => sizes.push(n) })
    expect(walks).toEqual(['key'])
    expect(r).toEqual({ deleted: expired, total: expired, cancelled: false })
    expect(sizes.length).toBeGreaterThan(3)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300)
    expect(count(`SELECT count(*) AS n FROM tasks WHERE last_accessed < '${cutoff}'`)).toBe(1)
    expect(count("SELECT count(*) AS n FROM tasks WHERE sha256 = 'late'")).toBe(1)
    expect(count('SELECT count(*) AS n FROM tasks')).toBe(kept + 1)
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
    closeStore(store)
  })

  it('every key window, the first one too, is a range of the key index (never a scan of the snapshot\'s rowids)', () => {
    const store = backendFile(2000)
    const base = { sql: 'rowid <= ? AND (last_accessed <= ?)', params: [10_000, '2999-01-01 00:00:00'] }
    const walk = keyWalk(store, base, DIALECTS.backend.keyColumns)
    for (let i = 0; i < 3; i++) {
      const w = walk.next(300)!
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN DELETE FROM tasks WHERE ${w.where.sql}`).all(...w.where.params) as { detail: string }[]).map((r) => r.detail).join(' ')
      expect(plan).toMatch(/USING INDEX (idx_client_sha|sqlite_autoindex_tasks_1)/)
      walk.advance()
    }
    closeStore(store)
  })

  it('a cancel mid-way on a key walk leaves whole windows, and running again finishes the job', async () => {
    const store = backendFile(3000)
    const target = expiryTarget(store.dialect.kind, 12 * 60, NOW)
    const controller = new AbortController()
    const first = await purgeTasks(store, target, {
      gapMs: 0,
      maxRows: 200,
      signal: controller.signal,
      onChunk: () => controller.abort()
    })
    expect(first.cancelled).toBe(true)
    expect(first.deleted).toBeGreaterThan(0)
    expect(first.deleted).toBeLessThanOrEqual(200)
    const second = await purgeTasks(store, target, { gapMs: 0 })
    expect(first.deleted + second.deleted).toBe(first.total)
    closeStore(store)
  })
})

describe('a maintenance window', () => {
  it('takes larger transactions while nobody else writes, and drops back (and says so) when another process commits', async () => {
    const path = join(tempDir(), 'seed.db')
    const store = openStore(path, { create: true })
    insertSeedDemo(store, { count: 20_000, seed: 3, now: NOW })
    const other = new Database(path, { timeout: 5000 })
    const flags: boolean[] = []
    let chunks = 0
    const r = await purgeTasks(
      store,
      { filter: { statuses: ['completed', 'error'] } },
      {
        maintenance: true,
        maxRows: 500,
        onProgress: (p) => flags.push(p.maintenance!),
        onChunk: () => {
          // The backend comes back after the third transaction.
          if (++chunks === 3) other.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES ('back', 'document', 'pending', 1)").run()
        }
      }
    )
    other.close()
    expect(r.cancelled).toBe(false)
    expect(flags[0]).toBe(true)
    const firstOff = flags.indexOf(false)
    // Seen before the next transaction, and never turned on again.
    expect(firstOff).toBe(4)
    expect(flags.slice(firstOff).every((f) => f === false)).toBe(true)
    expect((store.db.prepare("SELECT count(*) AS n FROM tasks WHERE id = 'back'").get() as { n: number }).n).toBe(1)
    closeStore(store)
  })

  it('without one, progress carries no maintenance flag', async () => {
    const store = openStore(':memory:', { create: true })
    insertSeedDemo(store, { count: 500, seed: 3, now: NOW })
    const seen: object[] = []
    await purgeTasks(store, { filter: { statuses: ['completed'] } }, { gapMs: 0, onProgress: (p) => seen.push(p) })
    expect(seen.every((p) => !('maintenance' in p))).toBe(true)
    closeStore(store)
  })
})
