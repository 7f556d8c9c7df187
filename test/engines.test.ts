import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type Events, type Input, type Output } from '../src/shared/contract'
import type { TaskFilter, TaskSort } from '../src/shared/filter'
import type { SchemaKind, TaskRow } from '../src/shared/task'
import { copyTasks } from '../src/main/store/copy'
import { insertBackendDemo, insertSeedDemo } from '../src/main/store/sqlite/demo'
import { closeStore, openStore } from '../src/main/store/sqlite/open'
import { StoreSession } from '../src/main/store/session'
import type { SessionChannel } from '../src/main/store/worker-protocol'
import { nowSeconds } from '../src/main/store/model/time'
import type { Distribution } from '../src/shared/results'
import { citusSkipReason, citusUrl, freshTableUrl, pgSkipReason, pgUrl } from './pg'
import { tempDir } from './helpers'

// The conformance suite of the engine seam: the same tasks in a SQLite file and in a PostgreSQL table (copied across
// with the copy command's code), the same contract calls through a session on each, and the answers compared —
// SQLite is the oracle. Then the writes: each on both engines, checked the same way. Where the engines differ by
// design (NULL order, the order of ties) the comparison says so. Each runs on plain PostgreSQL and on a Citus cluster
// (a coordinator and two workers): the seed's tasks distributed by id, the backend's by client_id, and a reference
// table — the tables the copy distributes.

interface Server {
  name: string
  url: string | null
  /** The shapes tried on this server, each with how the copy distributes it (undefined: a plain table). */
  shapes: Partial<Record<SchemaKind, Distribution | undefined>>
}
const SERVERS: Server[] = [
  { name: 'PostgreSQL', url: pgUrl, shapes: { seed: undefined, backend: undefined } },
  { name: 'Citus', url: citusUrl, shapes: { seed: 'id', backend: 'client_id' } },
  { name: 'Citus reference table', url: citusUrl, shapes: { seed: 'reference' } }
]
if (!pgUrl) console.warn(`PostgreSQL conformance tests skipped: ${pgSkipReason}`)
else if (!citusUrl) console.warn(`Citus conformance tests skipped: ${citusSkipReason}`)

class Engine {
  readonly events: { event: string; payload: unknown }[] = []
  readonly session = new StoreSession((event, payload) => this.events.push({ event, payload }), { watchMs: 0 })
  call<C extends SessionChannel>(channel: C, input: Input<C>): Promise<Output<C>> {
    // Parsed as the dispatcher parses it (defaults filled in), so both engines see what a carrier would hand them.
    return this.session.handle(channel, contract[channel].input.parse(input) as never)
  }
}

async function pair(server: Server, kind: SchemaKind, count: number, seed: number) {
  const dir = tempDir()
  const file = join(dir, 'tasks.db')
  const s = openStore(file, { create: true, schema: kind })
  if (kind === 'seed') insertSeedDemo(s, { count, seed, days: 20 })
  else insertBackendDemo(s, { count, seed, days: 3 })
  closeStore(s)
  const table = await freshTableUrl('tasks', server.url)
  const distributeBy = server.shapes[kind]
  const copied = await copyTasks(file, table.url, { distributeBy })
  expect(copied.checks.every((c) => c.same)).toBe(true)
  if (distributeBy === 'reference') expect(copied.citus).toMatchObject({ distribution: 'reference', column: null, nodes: 3 })
  else if (distributeBy) expect(copied.citus).toMatchObject({ distribution: 'hash', column: distributeBy, nodes: 2 })
  else expect(copied.citus).toBeUndefined()
  const lite = new Engine()
  const post = new Engine()
  await lite.call('db.open', { path: file })
  await post.call('db.open', { path: table.url })
  return { file, table, lite, post, close: async () => (await lite.session.dispose(), await post.session.dispose(), await table.close()) }
}

/** Every row of a listing, page by page through the cursors. */
async function walk(e: Engine, filter: TaskFilter, sort: TaskSort, limit = 37): Promise<TaskRow[]> {
  const out: TaskRow[] = []
  let after: string | null = null
  for (let i = 0; i < 1000; i++) {
    const page: Output<'tasks.list'> = await e.call('tasks.list', { filter, sort, page: { limit, after } })
    out.push(...page.tasks)
    if (!page.next) return out
    after = page.next
  }
  throw new Error('no end')
}

const sortValue = (t: TaskRow, field: TaskSort['field']) =>
  field === 'created_at' ? t.created : field === 'updated_at' ? t.updated : field === 'id' ? (t.client_id ?? t.id) : t[field]

for (const server of SERVERS)
  for (const kind of Object.keys(server.shapes) as SchemaKind[]) readsAlike(server, kind)
for (const server of SERVERS) writesAlike(server)

function readsAlike(server: Server, kind: SchemaKind) {
  describe.skipIf(!server.url)(`${kind} tasks: ${server.name} answers as SQLite does`, () => {
    let p: Awaited<ReturnType<typeof pair>>
    beforeAll(async () => {
      p = await pair(server, kind, 1500, kind === 'seed' ? 11 : 12)
    })
    afterAll(() => p?.close())

    const filters: TaskFilter[] = [
      {},
      { statuses: ['error'] },
      { statuses: ['completed', 'processing'], types: ['document'] },
      { text: 'timeout' },
      { id: 'A' },
      { errors: ['OCR_FAILURE'] },
      { createdWithin: 86_400 },
      { updatedWithin: 7200 },
      { olderThanDays: 1 }
    ]

    it('counts and facets are equal for every filter', async () => {
      for (const filter of filters) {
        const a = await p.lite.call('tasks.count', { filter })
        const b = await p.post.call('tasks.count', { filter })
        expect(b, JSON.stringify(filter)).toEqual(a)
        const fa = await p.lite.call('tasks.facets', { filter })
        const fb = await p.post.call('tasks.facets', { filter })
        expect(fb, JSON.stringify(filter)).toEqual(fa)
      }
    })

    it('with a budget: a count that ends complete is the exact one', async () => {
      const b = await p.post.call('tasks.count', { filter: { statuses: ['error'] }, budgetMs: 10_000 })
      expect(b.progress?.complete).toBe(true)
      expect(b.count).toBe((await p.lite.call('tasks.count', { filter: { statuses: ['error'] } })).count)
    })

    it('every sort pages through the same tasks in the same order of values, each exactly once', async () => {
      const sorts: TaskSort[] = [
        { field: 'created_at', dir: 'desc' },
        { field: 'created_at', dir: 'asc' },
        { field: 'updated_at', dir: 'desc' },
        { field: 'type', dir: 'asc' },
        { field: 'status', dir: 'desc' },
        { field: 'id', dir: 'asc' }
      ]
      for (const sort of sorts)
        for (const filter of [{}, { statuses: ['error', 'completed'] }] as TaskFilter[]) {
          const a = await walk(p.lite, filter, sort)
          const b = await walk(p.post, filter, sort)
          const label = JSON.stringify({ sort, filter })
          expect(new Set(b.map((t) => t.key)).size, label).toBe(b.length)
          expect(b.map((t) => t.key).sort(), label).toEqual(a.map((t) => t.key).sort())
          // Ties are ordered by rowid on SQLite and by key on PostgreSQL; NULLs sort lowest on SQLite and as
          // PostgreSQL orders them (last ascending, first descending): compare the values that are there.
          const valued = (rows: TaskRow[]) => rows.map((t) => sortValue(t, sort.field)).filter((v) => v !== null)
          expect(valued(b), label).toEqual(valued(a))
        }
    })

    it('rows read the same: list columns and the detail with its result', async () => {
      const a = await walk(p.lite, {}, { field: 'id', dir: 'asc' }, 500)
      const byKey = new Map(a.map((t) => [t.key, t]))
      for (const t of (await walk(p.post, {}, { field: 'id', dir: 'asc' }, 500)).slice(0, 300)) expect(t).toEqual(byKey.get(t.key))
      for (const t of a.slice(0, 40)) expect(await p.post.call('tasks.get', { key: t.key })).toEqual(await p.lite.call('tasks.get', { key: t.key }))
    })

    it('a jump (skip) lands on the same values', async () => {
      const sort: TaskSort = { field: 'created_at', dir: 'desc' }
      const a = await p.lite.call('tasks.list', { sort, page: { limit: 20, skip: 700 } })
      const b = await p.post.call('tasks.list', { sort, page: { limit: 20, skip: 700 } })
      expect(b.tasks.map((t) => t.created)).toEqual(a.tasks.map((t) => t.created))
    })

    it('a search with a budget streams: partial pages, then the same matches', async () => {
      const filter: TaskFilter = { text: 'e' }
      const sort: TaskSort = { field: 'created_at', dir: 'desc' }
      const exact = await walk(p.lite, filter, sort, 1000)
      const got: TaskRow[] = []
      let after: string | null = null
      for (let i = 0; i < 10_000; i++) {
        const page: Output<'tasks.list'> = await p.post.call('tasks.list', { filter, sort, page: { limit: 50, after }, budgetMs: 10 })
        got.push(...page.tasks)
        if (!page.next) break
        after = page.next
      }
      expect(got.map((t) => t.key).sort()).toEqual(exact.map((t) => t.key).sort())
    })

    it('preview, stats and daily counts agree', async () => {
      const target = { filter: { statuses: ['error'] } }
      const a = await p.lite.call('tasks.preview', { target })
      const b = await p.post.call('tasks.preview', { target })
      expect({ ...b, snapshot: null }).toEqual({ ...a, snapshot: null })
      const sa = await p.lite.call('db.stats', {})
      const sb = await p.post.call('db.stats', {})
      for (const k of ['kind', 'total', 'by_status', 'by_type', 'oldest', 'newest'] as const) expect(sb[k], k).toEqual(sa[k])
      expect(sb.postgres?.server_version).toMatch(/^\d+/)
      expect(await p.post.call('db.daily', { days: 30 })).toEqual(await p.lite.call('db.daily', { days: 30 }))
    })

    it('exports the same CSV and JSON, byte for byte', async () => {
      const dir = tempDir()
      for (const format of ['csv', 'json'] as const) {
        const out = (e: Engine, name: string) =>
          e.call('tasks.export', { filter: { statuses: ['error', 'completed'] }, format, withResult: true, path: join(dir, name), jobId: `x-${name.replace(".", "_")}` })
        const ra = await out(p.lite, `a.${format}`)
        const rb = await out(p.post, `b.${format}`)
        expect(rb).toEqual(ra)
        const { readFileSync } = await import('node:fs')
        const lines = (f: string) =>
          readFileSync(join(dir, f), 'utf8')
            .split('\n')
            .map((l) => l.replace(/,$/, ''))
            .sort()
        // Rows come in rowid order from SQLite and key order from PostgreSQL: the same lines.
        expect(lines(`b.${format}`)).toEqual(lines(`a.${format}`))
      }
    })
  })
}

function writesAlike(server: Server) {
  describe.skipIf(!server.url)(`writes on SQLite and ${server.name}`, () => {
    async function both(kind: SchemaKind, count = 400) {
      return pair(server, kind, count, 21)
    }
    // A shape this server does not try is not a test here (not a skipped one).
    const none = (() => undefined) as unknown as typeof it
    const seedIt = 'seed' in server.shapes ? it : none
    const backendIt = 'backend' in server.shapes ? it : none

    seedIt('purge: exactly the target, progress to the end, and nothing created after the preview', async () => {
      const p = await both('seed')
      try {
        for (const e of [p.lite, p.post]) {
          const target = { filter: { statuses: ['completed'] } }
          const preview = await e.call('tasks.preview', { target })
          // A task created after the preview, matching the filter: never touched.
          await e.call('tasks.create', { id: `late-${e === p.lite ? 'a' : 'b'}`, type: 'document' })
          await e.call('tasks.update', { key: `late-${e === p.lite ? 'a' : 'b'}`, status: 'completed' })
          const r = await e.call('tasks.purge', { target, snapshot: preview.snapshot, jobId: 'p1' })
          expect(r).toEqual({ deleted: preview.count, total: preview.count, cancelled: false })
          expect((await e.call('tasks.count', { filter: { statuses: ['completed'] } })).count).toBe(1)
          const progress = e.events.filter((x) => x.event === 'job.progress').map((x) => x.payload as Events['job.progress'])
          expect(progress.at(-1)).toMatchObject({ done: preview.count, total: preview.count })
        }
        expect((await p.post.call('tasks.facets', {})).status).toEqual((await p.lite.call('tasks.facets', {})).status)
      } finally {
        await p.close()
      }
    })

    seedIt('cleanup by the seed rule, requeue, and the seed functions behave the same', async () => {
      const p = await both('seed')
      try {
        for (const e of [p.lite, p.post]) {
          const r = await e.call('tasks.cleanup', { days: 7, jobId: 'c' })
          expect(r.cancelled).toBe(false)
          expect((await e.call('tasks.count', { filter: { olderThanDays: 7 } })).count).toBe(0)
          const errors = await e.call('tasks.preview', { target: { filter: { statuses: ['error'] } } })
          const q = await e.call('tasks.requeue', { target: { filter: { statuses: ['error'] } }, snapshot: errors.snapshot, jobId: 'q' })
          expect(q.requeued).toBe(errors.count)
          await e.call('tasks.create', { id: 'x-1', type: 'form' })
          await expect(e.call('tasks.create', { id: 'x-1', type: 'form' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/already exists/) })
          // A falsy result keeps the stored one, as the seed does; 1.0 stays 1.0.
          expect(await e.call('tasks.update', { key: 'x-1', status: 'completed', result: '{"score": 1.0, "名": "张三"}' })).toEqual({ updated: 1, resultKept: false })
          expect(await e.call('tasks.update', { key: 'x-1', status: 'completed', result: '{}' })).toEqual({ updated: 1, resultKept: true })
          const got = await e.call('tasks.get', { key: 'x-1' })
          expect(got?.result).toEqual({ kind: 'json', text: '{"score": 1.0, "名": "张三"}' })
          const dup = await e.call('tasks.duplicate', { key: 'x-1', id: 'x-2' })
          expect(dup).toMatchObject({ id: 'x-2', type: 'form', status: 'pending' })
          await expect(e.call('tasks.update', { key: 'nope', status: 'x' })).rejects.toMatchObject({ code: 'NO_SUCH_TASK' })
        }
        expect((await p.post.call('tasks.facets', {})).status).toEqual((await p.lite.call('tasks.facets', {})).status)
      } finally {
        await p.close()
      }
    })

    backendIt('backend: retry forgets exactly the chosen rows, stuck work is marked, expiry by last access; requeue refused', async () => {
      const p = await both('backend')
      try {
        const errored = (await walk(p.lite, { statuses: ['error'] }, { field: 'id', dir: 'asc' })).slice(0, 5).map((t) => t.key)
        for (const e of [p.lite, p.post]) {
          const preview = await e.call('tasks.preview', { target: { keys: errored } })
          expect(preview.count).toBe(errored.length)
          expect(await e.call('tasks.retry', { target: { keys: errored }, snapshot: preview.snapshot, jobId: 'r' })).toMatchObject({ forgotten: errored.length })
          for (const k of errored) expect(await e.call('tasks.get', { key: k })).toBeNull()
          await expect(e.call('tasks.requeue', { target: { keys: errored }, snapshot: preview.snapshot, jobId: 'q' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
          const r = await e.call('tasks.cleanup', { expireMinutes: 60 * 24, timeoutMinutes: 30, jobId: 'c' })
          expect(r.cancelled).toBe(false)
          expect((await e.call('tasks.count', { filter: { statuses: ['processing'], createdTo: nowSeconds() - 1800 } })).count).toBe(0)
        }
        expect(await p.post.call('tasks.facets', {})).toEqual(await p.lite.call('tasks.facets', {}))
      } finally {
        await p.close()
      }
    })

    seedIt('a cancelled purge stops between transactions and leaves whole ones done', async () => {
      const p = await both('seed', 3000)
      try {
        const preview = await p.post.call('tasks.preview', { target: { filter: {} } })
        const running = p.post.session.handle('tasks.purge', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'big' })
        await p.post.call('jobs.cancel', { jobId: 'big' })
        const r = await running
        expect(r.cancelled).toBe(true)
        expect(r.deleted + (await p.post.call('tasks.count', {})).count).toBe(3000)
      } finally {
        await p.close()
      }
    })
    seedIt('a database open read-only: the session refuses every change of it once, before the engine, and changes nothing', async () => {
      const p = await both('seed', 50)
      try {
        const preview = await p.lite.call('tasks.preview', { target: { filter: {} } })
        for (const [e, name] of [[p.lite, p.file], [p.post, p.table.url]] as const) {
          const { path } = await e.call('db.open', { path: name, readOnly: true })
          const writes: [SessionChannel, unknown][] = [
            ['tasks.purge', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'p' }],
            ['tasks.requeue', { target: { filter: {} }, snapshot: preview.snapshot, jobId: 'r' }],
            ['tasks.cleanup', { days: 1, jobId: 'c' }],
            ['tasks.create', { id: 'new', type: 'document' }],
            ['db.vacuum', {}],
            ['db.demo', { count: 1 }]
          ]
          for (const [channel, input] of writes) {
            const failure = await e.call(channel, input as never).catch((x: unknown) => x)
            expect(failure, channel).toMatchObject({ code: 'READ_ONLY', message: `${path} is open read-only; nothing in it can be changed.` })
          }
          expect((await e.call('tasks.count', {})).count).toBe(50)
        }
      } finally {
        await p.close()
      }
    })
  })
}
