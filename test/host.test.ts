import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Events } from '../src/shared/contract'
import { AppError } from '../src/shared/errors'
import { builtPaths } from '../src/main/paths'
import { workerHost, type StoreHost } from '../src/main/store/host'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import { tempDir } from './helpers'

const WORKER = builtPaths(join(import.meta.dirname, '..')).worker
const hosts: StoreHost[] = []
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close()
})

function host(watchMs = 0) {
  expect(existsSync(WORKER), 'the worker is built by npm run build').toBe(true)
  const h = workerHost(WORKER, { watchMs })
  hosts.push(h)
  return h
}

function demoFile(count: number): string {
  const path = join(tempDir(), 'tasks.db')
  const s = openStore(path, { create: true })
  insertSeedDemo(s, { count, seed: 3 })
  s.db.close()
  return path
}

describe('worker host', () => {
  it('answers typed calls from the worker thread', async () => {
    const h = host()
    const info = await h.call('db.open', { path: demoFile(500) })
    expect(info.kind).toBe('seed')
    expect(await h.call('tasks.count', { filter: {} })).toEqual({ count: 500 })
    const page = await h.call('tasks.list', { filter: {}, sort: { field: 'id', dir: 'asc' }, page: { limit: 10 } })
    expect(page.tasks).toHaveLength(10)
  })

  it('keeps error codes and messages across the thread', async () => {
    const h = host()
    const missing = join(tempDir(), 'missing.db')
    const error = await h.call('db.open', { path: missing }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(missing) })
    await expect(h.call('tasks.count', { filter: {} })).rejects.toMatchObject({ code: 'NO_DATABASE' })
  })

  it('runs concurrent calls and answers each one', async () => {
    const h = host()
    await h.call('db.open', { path: demoFile(300) })
    const results = await Promise.all(
      ['pending', 'processing', 'completed', 'error'].map((s) => h.call('tasks.count', { filter: { statuses: [s] } }))
    )
    expect(results.reduce((a, r) => a + r.count, 0)).toBe(300)
  })

  it('the event loop stays free while the worker runs a long purge, and progress and cancel cross the thread', async () => {
    const h = host()
    await h.call('db.open', { path: demoFile(60_000) })
    const progress: Events['job.progress'][] = []
    h.onEvent((event, payload) => event === 'job.progress' && progress.push(payload as Events['job.progress']))
    const preview = await h.call('tasks.preview', { target: { filter: {} } })
    let ticks = 0
    let spinning = true
    const spin = () => {
      ticks++
      if (spinning) setImmediate(spin)
    }
    spin()
    const purge = h.call('tasks.purge', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'p1' })
    // Cancel once the purge is under way: the cancel is itself a call, answered between chunks.
    while (progress.filter((p) => p.done > 0).length < 2) await new Promise((r) => setTimeout(r, 5))
    expect(await h.call('jobs.cancel', { jobId: 'p1' })).toEqual({ cancelled: true })
    const result = await purge
    spinning = false
    expect(result.cancelled).toBe(true)
    expect(result.deleted).toBeGreaterThan(0)
    expect(result.deleted).toBeLessThan(60_000)
    expect(await h.call('tasks.count', { filter: {} })).toEqual({ count: 60_000 - result.deleted })
    // The main thread kept turning its loop the whole time (a blocked loop would have ticked a handful of times).
    expect(ticks).toBeGreaterThan(50)
  })

  it('emits "database changed" when another process commits', async () => {
    const h = host(50)
    const path = demoFile(10)
    await h.call('db.open', { path })
    const seen: string[] = []
    h.onEvent((event, payload) => event === 'db.changed' && seen.push((payload as Events['db.changed']).reason))
    const other = new Database(path)
    other.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES ('ext', 'form', 'pending', 1)").run()
    other.close()
    for (let i = 0; i < 100 && !seen.includes('external'); i++) await new Promise((r) => setTimeout(r, 20))
    expect(seen).toContain('external')
  })

  it('reports a database file deleted while open, and closes it', async () => {
    const h = host(50)
    const path = demoFile(10)
    await h.call('db.open', { path })
    const closed: Events['db.closed'][] = []
    h.onEvent((event, payload) => event === 'db.closed' && closed.push(payload as Events['db.closed']))
    const { rmSync } = await import('node:fs')
    rmSync(path)
    for (let i = 0; i < 100 && closed.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(closed[0]).toMatchObject({ reason: 'error', message: expect.stringMatching(/deleted or moved/) })
    expect(await h.call('db.current', {})).toBeNull()
  })
})

describe('watching', () => {
  it('db.watch turns the look-out for other processes off and on', async () => {
    const h = host(0)
    const path = demoFile(10)
    await h.call('db.open', { path })
    const seen: string[] = []
    h.onEvent((event) => event === 'db.changed' && seen.push(event))
    const write = (id: string) => {
      const other = new Database(path)
      other.prepare("INSERT INTO tasks (id, type, status, created_at) VALUES (?, 'form', 'pending', 1)").run(id)
      other.close()
    }
    write('a')
    await new Promise((r) => setTimeout(r, 300))
    expect(seen).toEqual([])
    expect(await h.call('db.watch', { intervalMs: 50 })).toEqual({ intervalMs: 50 })
    write('b')
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(seen.length).toBeGreaterThan(0)
  })
})

describe('pooled host', () => {
  it('answers aggregates from a second connection that follows the primary: opens, writes, closes, :memory:', async () => {
    const { pooledHost } = await import('../src/main/store/host')
    const h = pooledHost(WORKER, { watchMs: 0 })
    hosts.push(h)
    const path = demoFile(400)
    await h.call('db.open', { path })
    expect(await h.call('tasks.count', { filter: {} })).toEqual({ count: 400 })
    const stats = await h.call('db.stats', {})
    expect(stats).toMatchObject({ total: 400, read_only: false })
    // A write by the primary is seen by the reader at once.
    const preview = await h.call('tasks.preview', { target: { filter: { statuses: ['completed'] } } })
    const purged = await h.call('tasks.purge', { target: { filter: { statuses: ['completed'] } }, snapshot: preview.snapshot, jobId: 'p' })
    expect(await h.call('tasks.count', { filter: {} })).toEqual({ count: 400 - purged.deleted })
    expect((await h.call('tasks.facets', { filter: {}, part: 'all' })).status.completed).toBeUndefined()
    // Closing closes both; an in-memory database is served by the primary alone.
    await h.call('db.close', {})
    await expect(h.call('tasks.count', { filter: {} })).rejects.toMatchObject({ code: 'NO_DATABASE' })
    await h.call('db.open', { path: ':memory:', create: true })
    expect(await h.call('tasks.count', { filter: {} })).toEqual({ count: 0 })
    await h.call('db.open', { path, readOnly: true })
    expect(await h.call('db.stats', {})).toMatchObject({ read_only: true })
  })

  it('a page does not wait behind a long aggregate', async () => {
    const { pooledHost } = await import('../src/main/store/host')
    const h = pooledHost(WORKER, { watchMs: 0 })
    hosts.push(h)
    await h.call('db.open', { path: demoFile(60_000) })
    const order: string[] = []
    // A text search over every result is the slowest count there is; the page is asked for right after it.
    const count = h.call('tasks.count', { filter: { text: 'no such text anywhere' } }).then(() => order.push('count'))
    const page = h.call('tasks.list', { filter: {}, sort: { field: 'created_at', dir: 'desc' }, page: { limit: 100 } }).then(() => order.push('page'))
    await Promise.all([count, page])
    expect(order).toEqual(['page', 'count'])
  })
})
