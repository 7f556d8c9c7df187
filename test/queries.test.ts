import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readsRows, type TaskFilter, type TaskSort } from '../src/shared/filter'
import { facetTasks } from '../src/main/store/sqlite/facets'
import { openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { purgeTasks } from '../src/main/store/sqlite/purge'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { countTasks } from '../src/main/store/sqlite/count'
import { getTask } from '../src/main/store/sqlite/task-detail'
import { makeSnapshot } from '../src/main/store/model/snapshot'

// A simple in-memory model of the seed table; the store must agree with it for random tasks and filters.
interface ModelTask {
  rowid: number
  id: string
  type: string
  status: string
  result: string | null
  created_at: number
  updated_at: number | null
}

const NOW = 1_700_000_000
const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
const has = (hay: string, needle: string) => lowerAscii(hay).includes(lowerAscii(needle))

function matches(t: ModelTask, f: TaskFilter, omit?: keyof TaskFilter): boolean {
  if (f.statuses?.length && omit !== 'statuses' && !f.statuses.includes(t.status)) return false
  if (f.types?.length && omit !== 'types' && !f.types.includes(t.type)) return false
  if (f.id && !has(t.id, f.id)) return false
  if (f.text && (t.result === null || !has(t.result, f.text))) return false
  if (f.createdFrom !== undefined && !(t.created_at >= f.createdFrom)) return false
  if (f.createdTo !== undefined && !(t.created_at < f.createdTo)) return false
  if (f.updatedFrom !== undefined && !(t.updated_at !== null && t.updated_at >= f.updatedFrom)) return false
  if (f.updatedTo !== undefined && !(t.updated_at !== null && t.updated_at < f.updatedTo)) return false
  if (f.olderThanDays !== undefined && !(t.created_at < NOW - Math.round(f.olderThanDays * 86_400))) return false
  return true
}

function compare(a: ModelTask, b: ModelTask, sort: TaskSort): number {
  const key = (t: ModelTask) => t[sort.field] as string | number | null
  const va = key(a)
  const vb = key(b)
  let c: number
  if (va === null || vb === null) c = va === vb ? 0 : va === null ? -1 : 1
  else c = va < vb ? -1 : va > vb ? 1 : 0
  if (c === 0) c = a.rowid - b.rowid
  return sort.dir === 'asc' ? c : -c
}

/** By type or status: the groups in the chosen direction, the newest first inside each (created_at, then rowid). */
function compareGrouped(a: ModelTask, b: ModelTask, sort: TaskSort): number {
  const va = a[sort.field as 'type' | 'status']
  const vb = b[sort.field as 'type' | 'status']
  if (va !== vb) return (va < vb ? -1 : 1) * (sort.dir === 'asc' ? 1 : -1)
  return b.created_at - a.created_at || b.rowid - a.rowid
}

const order = (sort: TaskSort) => (sort.field === 'type' || sort.field === 'status' ? compareGrouped : compare)

const fragment = fc.constantFrom('a', 'B', '%', '_', '\\', 'x', '中', "'", '"', ' ')
const textArb = fc.array(fragment, { minLength: 0, maxLength: 6 }).map((xs) => xs.join(''))
const taskArb = fc.record({
  id: textArb,
  type: fc.constantFrom('document', 'form', 'form_filling'),
  status: fc.constantFrom('pending', 'processing', 'completed', 'error'),
  result: fc.option(textArb, { nil: null }),
  created_at: fc.integer({ min: NOW - 20 * 86_400, max: NOW }),
  updated_at: fc.option(fc.integer({ min: NOW - 20 * 86_400, max: NOW }), { nil: null })
})
const time = fc.integer({ min: NOW - 21 * 86_400, max: NOW + 10 })
const filterArb: fc.Arbitrary<TaskFilter> = fc.record(
  {
    statuses: fc.subarray(['pending', 'processing', 'completed', 'error']),
    types: fc.subarray(['document', 'form', 'form_filling']),
    id: fc.array(fragment, { minLength: 1, maxLength: 2 }).map((x) => x.join('')),
    text: fc.array(fragment, { minLength: 1, maxLength: 2 }).map((x) => x.join('')),
    createdFrom: time,
    createdTo: time,
    updatedFrom: time,
    updatedTo: time,
    olderThanDays: fc.integer({ min: 0, max: 20 })
  },
  { requiredKeys: [] }
)
const sortArb: fc.Arbitrary<TaskSort> = fc.record({
  field: fc.constantFrom('created_at', 'updated_at', 'id', 'type', 'status'),
  dir: fc.constantFrom('asc', 'desc')
})

function build(tasks: Omit<ModelTask, "rowid">[]): { store: Store; model: ModelTask[] } {
  const store = openStore(':memory:', { create: true })
  const insert = store.db.prepare('INSERT OR IGNORE INTO tasks (id, type, status, result, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  const model: ModelTask[] = []
  for (const t of tasks) {
    const info = insert.run(t.id, t.type, t.status, t.result, t.created_at, t.updated_at)
    if (info.changes) model.push({ ...t, rowid: Number(info.lastInsertRowid) })
  }
  return { store, model }
}

/** The file as the seed module's init_db leaves it: the key's index only. */
function dropIndexes(store: Store) {
  for (const { name } of store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]) store.db.exec(`DROP INDEX ${name}`)
}

describe('list, count and facets agree with a model (property)', () => {
  it('for random tasks, filters and sorts', () => {
    fc.assert(
      // Random filters mostly combine several constraints and match almost nothing; an empty filter a third of the
      // time makes the pages long enough for their order to be seen.
      // With the app's indexes, and without (the seed module's own files): pages by a time column then go window by
      // window (tiny windows and a small cache here, so pages cross windows and walks).
      fc.property(fc.array(taskArb, { maxLength: 60 }), fc.oneof({ weight: 1, arbitrary: fc.constant({}) }, { weight: 2, arbitrary: filterArb }), sortArb, fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), (tasks, filter, sort, limit, indexed, span) => {
        const { store, model } = build(tasks)
        if (!indexed) dropIndexes(store)
        const expected = model.filter((t) => matches(t, filter)).sort((a, b) => order(sort)(a, b, sort))
        const seen: string[] = []
        let after: string | null = null
        for (let guard = 0; guard < 100; guard++) {
          const page = listTasks(store, filter, sort, { limit, after }, NOW, { unindexed: { span, keep: limit + span } })
          seen.push(...page.tasks.map((t) => t.id))
          expect(page.tasks.length).toBeLessThanOrEqual(limit)
          after = page.next
          if (!after) break
        }
        expect(seen).toEqual(expected.map((t) => t.id))
        // A jump (skip) lands on the same slice, without the index found in two windowed walks.
        if (!readsRows(filter)) {
          const skip = Math.floor(expected.length / 2)
          const jumped = listTasks(store, filter, sort, { limit, skip }, NOW, { unindexed: { span, keep: limit + span } })
          expect(jumped.tasks.map((t) => t.id)).toEqual(expected.slice(skip, skip + limit).map((t) => t.id))
        }
        expect(countTasks(store, filter, NOW)).toBe(expected.length)
        const facets = facetTasks(store, filter, NOW)
        const tally = (omit: 'statuses' | 'types', key: 'status' | 'type') => {
          const out: Record<string, number> = {}
          for (const t of model.filter((x) => matches(x, filter, omit))) out[t[key]] = (out[t[key]] ?? 0) + 1
          return out
        }
        expect(facets.status).toEqual(tally('statuses', 'status'))
        expect(facets.type).toEqual(tally('types', 'type'))
        store.db.close()
      }),
      { numRuns: 300 }
    )
  })

  it('pages and jumps sorted by type or status: groups in order, the newest first inside each (property)', () => {
    const groupSort = fc.record({ field: fc.constantFrom('type' as const, 'status' as const), dir: fc.constantFrom('asc' as const, 'desc' as const) })
    const onlyStatus = fc.option(fc.record({ statuses: fc.subarray(['pending', 'processing', 'completed', 'error'], { minLength: 1 }) }), { nil: {} })
    fc.assert(
      // With the (column, created_at) indexes (a walk per group) and without any (the seed module's own files: one
      // statement in the whole order): the same order either way.
      fc.property(fc.array(taskArb, { minLength: 5, maxLength: 80 }), onlyStatus, groupSort, fc.integer({ min: 1, max: 9 }), fc.nat(90), fc.integer({ min: 1, max: 7 }), fc.boolean(), (tasks, filter, sort, limit, skip, step, indexed) => {
        const { store, model } = build(tasks)
        if (!indexed) dropIndexes(store)
        const expected = model.filter((t) => matches(t, filter)).sort((a, b) => compareGrouped(a, b, sort)).map((t) => t.id)
        const seen: string[] = []
        let after: string | null = null
        for (let guard = 0; guard < 200; guard++) {
          const page = listTasks(store, filter, sort, { limit, after }, NOW)
          seen.push(...page.tasks.map((t) => t.id))
          after = page.next
          if (!after) break
        }
        expect(seen).toEqual(expected)
        // A jump lands on the same slice, in steps that end inside groups and segments.
        const jumped = listTasks(store, filter, sort, { limit, skip }, NOW, { skipStep: step })
        expect(jumped.tasks.map((t) => t.id)).toEqual(expected.slice(skip, skip + limit))
        store.db.close()
      }),
      { numRuns: 300 }
    )
  })

  it('purge deletes exactly the matching tasks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(taskArb, { maxLength: 60 }), filterArb, async (tasks, filter) => {
        const { store, model } = build(tasks)
        const expectedLeft = model.filter((t) => !matches(t, filter)).map((t) => t.id).sort()
        const r = await purgeTasks(store, { filter }, { snapshot: makeSnapshot(NOW, Number.MAX_SAFE_INTEGER), gapMs: 0 })
        expect(r.deleted).toBe(model.length - expectedLeft.length)
        expect((store.db.prepare('SELECT id FROM tasks').pluck().all() as string[]).sort()).toEqual(expectedLeft)
        store.db.close()
      }),
      { numRuns: 150 }
    )
  })
})

describe('task detail', () => {
  it('returns the full result; malformed JSON comes back raw with a flag, never thrown', () => {
    const store = openStore(':memory:', { create: true })
    store.db.exec(`INSERT INTO tasks VALUES
      ('ok', 'form', 'completed', '{"a": [1, 2]}', 1, 2),
      ('bad', 'form', 'completed', '{"a": [1, 2', 1, 2),
      ('none', 'form', 'pending', NULL, 1, NULL),
      ('blob', 'form', 'completed', x'00ff10', 1, 2),
      ('err', 'form', 'error', '{"error": {"code": "OCR_FAILURE", "message": "x"}}', 1, 2)`)
    expect(getTask(store, 'ok')?.result).toEqual({ kind: 'json', text: '{"a": [1, 2]}' })
    expect(getTask(store, 'bad')?.result).toEqual({ kind: 'malformed', text: '{"a": [1, 2' })
    expect(getTask(store, 'none')?.result).toEqual({ kind: 'none' })
    expect(getTask(store, 'blob')?.result).toEqual({ kind: 'binary', bytes: 3, preview: '00ff10' })
    expect(getTask(store, 'err')?.error).toBe('OCR_FAILURE')
    expect(getTask(store, 'missing')).toBeNull()
    const row = listTasks(store, { id: 'ok' }).tasks[0]!
    expect(row.result_bytes).toBe(13)
    expect(row).not.toHaveProperty('result')
  })

  it('groups error results by code or message in the error facet and filters on a group', () => {
    const store = openStore(':memory:', { create: true })
    store.db.exec(`INSERT INTO tasks VALUES
      ('1', 'form', 'error', '{"error": {"code": "OCR_FAILURE", "message": "blur"}}', 1, 2),
      ('2', 'form', 'error', '{"error": {"code": "OCR_FAILURE", "message": "dark"}}', 1, 2),
      ('3', 'form', 'error', '{"error": "模型超时"}', 1, 2),
      ('4', 'form', 'error', NULL, 1, 2),
      ('5', 'form', 'error', 'not json at all', 1, 2),
      ('6', 'form', 'completed', '{"error": "ignored: not an error task"}', 1, 2)`)
    expect(facetTasks(store).error).toEqual({ OCR_FAILURE: 2, 模型超时: 1, '(no details)': 1, 'not json at all': 1 })
    expect(countTasks(store, { errors: ['OCR_FAILURE'] })).toBe(2)
    expect(listTasks(store, { errors: ['模型超时'] }).tasks.map((t) => t.id)).toEqual(['3'])
  })

  it('a forged cursor is an input error', () => {
    const store = openStore(':memory:', { create: true })
    expect(() => listTasks(store, {}, { field: 'id', dir: 'asc' }, { limit: 5, after: 'garbage' })).toThrow(/cursor is not valid/)
  })
})

describe('facets in parts', () => {
  it('the quick counts and the error groups add up to the whole answer', () => {
    const store = openStore(':memory:', { create: true })
    store.db.exec(`INSERT INTO tasks VALUES
      ('1', 'form', 'error', '{"error": {"code": "OCR_FAILURE"}}', 1, 2),
      ('2', 'document', 'completed', '{}', 1, 2),
      ('3', 'form', 'error', '{"error": "timeout"}', 1, 2)`)
    const all = facetTasks(store, {}, 10)
    const counts = facetTasks(store, {}, 10, 'counts')
    const errors = facetTasks(store, {}, 10, 'errors')
    expect(counts.error).toBeUndefined()
    expect(errors.status).toEqual({})
    expect({ ...counts, error: errors.error }).toEqual(all)
    expect(all.error).toEqual({ OCR_FAILURE: 1, timeout: 1 })
  })
})

describe('relative time ranges', () => {
  it('"created / updated within N seconds" is the same as a from-bound at now − N, measured when the query runs', () => {
    const store = openStore(':memory:', { create: true })
    const now = 1_800_000_000
    const insert = store.db.prepare("INSERT INTO tasks (id, type, status, created_at, updated_at) VALUES (?, 'form', 'completed', ?, ?)")
    for (let i = 0; i < 200; i++) insert.run(`t${i}`, now - i * 1000, now - i * 500)
    for (const s of [1, 3600, 86_400, 150_000]) {
      expect(countTasks(store, { createdWithin: s }, now)).toBe(countTasks(store, { createdFrom: now - s }, now))
      expect(countTasks(store, { updatedWithin: s }, now)).toBe(countTasks(store, { updatedFrom: now - s }, now))
    }
    // Later, the same filter covers a later window.
    expect(countTasks(store, { createdWithin: 3600 }, now + 3600)).toBe(1)
  })
})
