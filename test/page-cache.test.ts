import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TaskRow } from '../src/shared/task'
import { PAGE_ROWS, PageCache } from '../src/renderer/src/state/page-cache'

// The grid's page cache against a fake store whose cursors are positions: whatever the user scrolls or jumps to,
// a row shown is the row at that position, memory stays within the capacity, and the end is found exactly.

const task = (i: number): TaskRow => ({ key: `k${i}`, id: `t${i}`, type: 'form', status: 'completed', created_at: i, updated_at: null, created: i, updated: null, result_bytes: 0, error: null })

/** tasks.list over `total` rows: keyset `after` (a position) then `skip`, as the store does it. */
function fakeStore(total: number) {
  const calls: { after: string | null; skip: number }[] = []
  return {
    calls,
    list(after: string | null, skip: number) {
      calls.push({ after, skip })
      const start = (after === null ? 0 : Number(after) + 1) + skip
      const tasks = Array.from({ length: Math.max(0, Math.min(PAGE_ROWS, total - start)) }, (_, i) => task(start + i))
      const more = start + PAGE_ROWS < total
      return { tasks, next: more ? String(start + PAGE_ROWS - 1) : null }
    }
  }
}

/** What the hook does: fetch the missing pages of the screen, one at a time. */
function fill(cache: PageCache, store: ReturnType<typeof fakeStore>, first: number, last: number) {
  for (let guard = 0; guard < 1000; guard++) {
    const page = cache.missing(first, last)[0]
    if (page === undefined) return
    const r = cache.request(page)
    const got = store.list(r.after, r.skip)
    cache.put(page, got.tasks, got.next, { first, last })
  }
  throw new Error('never filled')
}

describe('page cache', () => {
  it('rows shown are the rows at their positions, wherever the user goes; memory stays bounded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 450 })), { minLength: 1, maxLength: 40 }),
        (total, capacity, moves) => {
          const store = fakeStore(total)
          const cache = new PageCache(capacity)
          // A screen taller than the capacity keeps its pages (they are on screen); eviction happens as pages arrive.
          let widest = 0
          for (const [where, height] of moves) {
            const first = Math.floor(where * Math.max(0, total - 1))
            const last = Math.min(first + height, Math.max(0, total - 1))
            fill(cache, store, first, last)
            for (let i = first; i <= last && i < total; i++) expect(cache.row(i)).toEqual(task(i))
            widest = Math.max(widest, Math.floor(last / PAGE_ROWS) - Math.floor(first / PAGE_ROWS) + 1)
            expect(cache.pageCount).toBeLessThanOrEqual(Math.max(capacity, widest))
            expect(cache.known).toBeLessThanOrEqual(total)
          }
          // Rows beyond the end never appear; the held rows are in order and are the right ones.
          expect(cache.row(total)).toBeUndefined()
          for (const r of cache.held()) expect(r).toEqual(task(r.created as number))
          const held = cache.held().map((r) => r.created as number)
          expect(held).toEqual([...held].sort((a, b) => a - b))
        }
      ),
      { numRuns: 200 }
    )
  })

  it('a jump skips from the nearest known page start, not from the top', () => {
    const store = fakeStore(100_000)
    const cache = new PageCache()
    fill(cache, store, 0, 30)
    fill(cache, store, 50_000, 50_030)
    expect(store.calls.at(-1)).toEqual({ after: String(PAGE_ROWS - 1), skip: 50_000 - PAGE_ROWS })
    // The page after a fetched one is a plain keyset page.
    fill(cache, store, 50_190, 50_230)
    expect(store.calls.at(-1)).toEqual({ after: String(50_199), skip: 0 })
    // A page between goes from the closest start before it.
    fill(cache, store, 30_000, 30_010)
    expect(store.calls.at(-1)).toEqual({ after: String(PAGE_ROWS - 1), skip: 30_000 - PAGE_ROWS })
  })

  it('finds the end exactly, even when the count it was given was too high', () => {
    const store = fakeStore(1_050)
    const cache = new PageCache()
    // The grid believed 5,000 rows (a stale count) and jumped to the bottom: the empty page there says the end is
    // before it, and asking for the page before finds it.
    fill(cache, store, 4_990, 4_999)
    expect(cache.end).toBeLessThanOrEqual(4_800)
    for (let guard = 0; guard < 30 && cache.end !== 1_050; guard++) fill(cache, store, cache.end! - 5, cache.end! - 1)
    expect(cache.end).toBe(1_050)
    expect(cache.row(1_049)).toEqual(task(1_049))
    expect(cache.row(1_050)).toBeUndefined()
  })

  it('drops the least recently used page, never one on screen', () => {
    const store = fakeStore(10_000)
    const cache = new PageCache(3)
    fill(cache, store, 0, 10) // page 0
    fill(cache, store, 1_000, 1_010) // page 5
    fill(cache, store, 2_000, 2_010) // page 10
    cache.touch(0)
    fill(cache, store, 3_000, 3_010) // page 15: page 5 goes
    expect(cache.row(5)).toEqual(task(5))
    expect(cache.row(1_005)).toBeUndefined()
    expect(cache.row(2_005)).toEqual(task(2_005))
    expect(cache.pageCount).toBe(3)
  })
})
