import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TaskFilter, TaskSort } from '../src/shared/filter'
import { FacetScan } from '../src/main/store/sqlite/facets'
import type { Counts } from '../src/shared/results'
import { openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { listTasks } from '../src/main/store/sqlite/tasks'
import { CountScan } from '../src/main/store/sqlite/count'
import { compileFilter, type FacetDimension } from '../src/main/store/model/where'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { tempDir } from './helpers'

// The bounded paths (window by window, page by page within a time budget) must return exactly what one unbounded
// statement returns: same counts, same facets, same rows in the same order, whatever the creation times look like.

const NOW = 1_700_000_000
const created = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: NOW - 30 * 86_400, max: NOW }) },
  { weight: 20, arbitrary: fc.double({ min: NOW - 86_400, max: NOW, noNaN: true }) },
  { weight: 10, arbitrary: fc.constantFrom(null, 0, -5, NOW + 3600) },
  // Text where a number belongs (another program's doing): rare, or it would hide the cases above.
  { weight: 1, arbitrary: fc.constantFrom('yesterday', '2024-01-01 00:00:00') }
)
const taskFields = {
  status: fc.constantFrom('pending', 'processing', 'completed', 'error'),
  type: fc.constantFrom('document', 'form', 'form_filling'),
  result: fc.option(fc.constantFrom('{"error":{"code":"OCR_FAILURE"}}', '{"error":"LLM down"}', 'plain text x', '{"pages":[1]}', 'not json {', '中文 x'), { nil: null }),
  created_at: created,
  updated_at: fc.option(fc.integer({ min: NOW - 30 * 86_400, max: NOW }), { nil: null })
}
const taskArb = fc.record(taskFields)
type Task = { status: string; type: string; result: string | null; created_at: number | string | null; updated_at: number | null }

const anyFilter: fc.Arbitrary<TaskFilter> = fc.record(
  {
    statuses: fc.subarray(['pending', 'processing', 'completed', 'error'], { minLength: 1 }),
    types: fc.subarray(['document', 'form'], { minLength: 1 }),
    text: fc.constantFrom('x', 'error', 'OCR', '中'),
    id: fc.constantFrom('1', 'a'),
    errors: fc.constantFrom(['OCR_FAILURE'], ['LLM down']),
    createdFrom: fc.integer({ min: NOW - 20 * 86_400, max: NOW }),
    // A second time column: it must not take over the plan of a window by creation time (issue 25.5).
    updatedFrom: fc.integer({ min: NOW - 20 * 86_400, max: NOW }),
    updatedTo: fc.integer({ min: NOW - 10 * 86_400, max: NOW })
  },
  { requiredKeys: [] }
)
// Plain and narrow filters often too: a rich one usually excludes the rows with odd creation times.
const filterArb: fc.Arbitrary<TaskFilter> = fc.oneof(
  fc.constant({}),
  fc.record({ statuses: fc.subarray(['pending', 'error'], { minLength: 1 }) }),
  fc.record({ text: fc.constantFrom('x', 'error') }),
  fc.record({ updatedFrom: fc.integer({ min: NOW - 20 * 86_400, max: NOW }), updatedTo: fc.integer({ min: NOW - 10 * 86_400, max: NOW }) }),
  anyFilter,
  anyFilter
)

/**
 * A seed-format table as another program might have made it: no NOT NULL on the times, so NULL and text times occur;
 * with or without the indexes this app suggests.
 */
function build(tasks: Task[], indexed: boolean): Store {
  const path = join(tempDir(), 'b.db')
  const raw = new Database(path)
  raw.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at REAL, updated_at REAL)')
  raw.close()
  const store = openStore(path)
  if (indexed) for (const index of store.dialect.suggestedIndexes) store.db.exec(index.sql)
  const insert = store.db.prepare('INSERT INTO tasks (id, type, status, result, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  tasks.forEach((t, i) => insert.run(`t${i}-${i % 7 === 0 ? 'a' : 'b'}`, t.type, t.status, t.result, t.created_at, t.updated_at))
  return store
}

/** The unbounded answer: one GROUP BY statement. */
function grouped(store: Store, expr: string, filter: TaskFilter, omit: FacetDimension): Counts {
  const where = compileFilter(store.dialect, filter, NOW, omit)
  const out: Counts = {}
  for (const r of store.db.prepare(`SELECT ${expr} AS k, count(*) AS n FROM tasks WHERE ${where.sql} GROUP BY k`).all(...where.params) as { k: unknown; n: number }[])
    if (r.k !== null) out[String(r.k)] = r.n
  return out
}

/** Runs a scan one window per call (a zero budget), as a UI continuing a partial answer would. */
function inSteps(scan: { run(budget: number): { complete: boolean } }): number {
  let calls = 0
  while (!scan.run(0).complete) if (++calls > 100_000) throw new Error('no end')
  return calls
}

describe('bounded reads equal the unbounded SQL (property)', () => {
  it('facets and counts, window by window, with and without the suggested indexes', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 80 }), filterArb, fc.boolean(), fc.integer({ min: 1, max: 5000 }), (tasks, filter, indexed, firstStep) => {
        const store = build(tasks, indexed)
        const scan = new FacetScan(store, filter, NOW, 'all', { firstStep })
        inSteps(scan)
        const facets = scan.result()
        expect(facets.status).toEqual(grouped(store, 'status', filter, 'statuses'))
        expect(facets.type).toEqual(grouped(store, 'type', filter, 'types'))
        const errors = grouped(store, `(${store.dialect.errorExpr})`, { ...filter, statuses: ['error'] }, 'errors')
        expect(facets.error).toEqual(errors)
        const where = compileFilter(store.dialect, filter, NOW)
        const count = new CountScan(store, filter, NOW, { firstStep })
        inSteps(count)
        expect(count.count).toBe((store.db.prepare(`SELECT count(*) AS n FROM tasks WHERE ${where.sql}`).get(...where.params) as { n: number }).n)
        store.db.close()
      }),
      { numRuns: 250 }
    )
  })

  it('a search within a budget streams the same rows in the same order as the unbounded pages', () => {
    const sortArb: fc.Arbitrary<TaskSort> = fc.record({ field: fc.constantFrom('created_at', 'updated_at'), dir: fc.constantFrom('asc', 'desc') })
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 80 }), filterArb, sortArb, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), (tasks, filter, sort, limit, batch) => {
        const store = build(tasks, true)
        const all = (options: { budgetMs?: number; batch?: number }) => {
          const ids: string[] = []
          let after: string | null = null
          let partials = 0
          for (let guard = 0; guard < 10_000; guard++) {
            const page = listTasks(store, filter, sort, { limit, after }, NOW, options)
            ids.push(...page.tasks.map((t) => t.id))
            expect(page.tasks.length).toBeLessThanOrEqual(limit)
            if (page.partial) partials++
            after = page.next
            if (!after) break
          }
          return { ids, partials }
        }
        const unbounded = all({})
        const streamed = all({ budgetMs: 0, batch })
        expect(streamed.ids).toEqual(unbounded.ids)
        expect(unbounded.partials).toBe(0)
        store.db.close()
      }),
      { numRuns: 250 }
    )
  })

  it('a page reached by skipping rows is the same slice of the unbounded order, from the start or from a cursor', () => {
    const sortArb: fc.Arbitrary<TaskSort> = fc.record({ field: fc.constantFrom('created_at', 'updated_at', 'id', 'type', 'status'), dir: fc.constantFrom('asc', 'desc') })
    const indexFilter: fc.Arbitrary<TaskFilter> = fc.oneof(
      fc.constant({}),
      fc.record({ statuses: fc.subarray(['pending', 'processing', 'completed', 'error'], { minLength: 1 }), createdFrom: fc.integer({ min: NOW - 20 * 86_400, max: NOW }) }, { requiredKeys: [] })
    )
    fc.assert(
      fc.property(
        // Many NULL times, so jumps cross from the NULLs to the values and back (a segment ending within a step).
        fc.array(fc.record({ ...taskFields, created_at: fc.option(created, { freq: 3, nil: null }), updated_at: fc.option(fc.integer({ min: NOW - 86_400, max: NOW }), { freq: 3, nil: null }) }), { maxLength: 80 }),
        indexFilter,
        sortArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 9 }),
        (tasks, filter, sort, indexed, limit, skip, startPage, step) => {
          const store = build(tasks, indexed)
          // The whole order, page by page without skipping (keyset pages are tested against SQL elsewhere).
          const order: string[] = []
          const cursors: (string | null)[] = [null]
          for (let after: string | null = null, guard = 0; guard < 1000; guard++) {
            const page = listTasks(store, filter, sort, { limit, after }, NOW)
            order.push(...page.tasks.map((t) => t.id))
            if (!page.next) break
            cursors.push((after = page.next))
          }
          const from = Math.min(startPage, cursors.length - 1)
          const jumped = listTasks(store, filter, sort, { limit, after: cursors[from], skip }, NOW, { skipStep: step })
          const start = from * limit + skip
          expect(jumped.tasks.map((t) => t.id)).toEqual(order.slice(start, start + limit))
          // The cursor after a jumped page goes on where the order does.
          if (jumped.next) expect(listTasks(store, filter, sort, { limit, after: jumped.next }, NOW).tasks.map((t) => t.id)).toEqual(order.slice(start + limit, start + 2 * limit))
          else expect(start + limit).toBeGreaterThanOrEqual(order.length)
          store.db.close()
        }
      ),
      { numRuns: 400 }
    )
  })

  it('a jump that crosses from the times to the NULLs lands on the right row (the step ends inside a segment)', () => {
    const tasks = Array.from({ length: 10 }, (_, i) => ({ status: 'pending', type: 'form', result: null, created_at: i < 5 ? NOW - i : null, updated_at: null }))
    const store = build(tasks, true)
    const sort: TaskSort = { field: 'created_at', dir: 'desc' }
    const order = listTasks(store, {}, sort, { limit: 20 }, NOW).tasks.map((t) => t.id)
    for (const [skip, step] of [[7, 9], [7, 3], [5, 5], [6, 2], [9, 4]] as const)
      expect(listTasks(store, {}, sort, { limit: 2, skip }, NOW, { skipStep: step }).tasks.map((t) => t.id)).toEqual(order.slice(skip, skip + 2))
    expect(listTasks(store, {}, sort, { limit: 2, skip: 10 }, NOW, { skipStep: 3 })).toEqual({ tasks: [], next: null })
    store.db.close()
  })

  it('a partial search says how far back it has read', () => {
    const tasks = Array.from({ length: 400 }, (_, i) => ({ status: 'completed', type: 'form', result: i === 399 ? 'needle' : 'hay', created_at: NOW - i * 3600, updated_at: null }))
    const store = build(tasks, true)
    const sort: TaskSort = { field: 'created_at', dir: 'desc' }
    const first = listTasks(store, { text: 'needle' }, sort, { limit: 5 }, NOW, { budgetMs: 0, batch: 10 })
    expect(first).toMatchObject({ tasks: [], partial: true, reached: NOW - 9 * 3600 })
    const second = listTasks(store, { text: 'needle' }, sort, { limit: 5, after: first.next }, NOW, { budgetMs: 0, batch: 10 })
    expect(second.reached).toBeLessThan(first.reached!)
    store.db.close()
  })

  it('a search cannot be skipped into and says so', () => {
    const store = build([{ status: 'error', type: 'form', result: 'x', created_at: NOW, updated_at: null }], true)
    expect(() => listTasks(store, { text: 'x' }, { field: 'created_at', dir: 'desc' }, { limit: 5, skip: 10 }, NOW, { budgetMs: 100 })).toThrow(/cannot jump ahead/)
    store.db.close()
  })

  it('a partial answer says how far it got and is a lower bound', () => {
    const tasks = Array.from({ length: 400 }, (_, i) => ({ status: i % 5 ? 'completed' : 'error', type: 'form', result: i % 5 ? null : '{"error":"x"}', created_at: NOW - i * 3600, updated_at: null }))
    const store = build(tasks, true)
    const scan = new FacetScan(store, {}, NOW, 'counts', { firstStep: 3600 })
    const first = scan.run(0)
    expect(first.complete).toBe(false)
    expect(first.coveredFrom).toBeLessThanOrEqual(NOW)
    const partial = Object.values(scan.result().status).reduce((a, b) => a + b, 0)
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(400)
    inSteps(scan)
    expect(scan.result().status).toEqual({ completed: 320, error: 80 })
    // Rowid windows (a text search) report the share of the table read.
    const text = new CountScan(store, { text: 'x' }, NOW, { firstStep: 10 })
    const p = text.run(0)
    expect(p.fraction).toBeGreaterThan(0)
    expect(p.fraction).toBeLessThan(1)
    inSteps(text)
    expect(text.count).toBe(80)
    store.db.close()
  })
})
