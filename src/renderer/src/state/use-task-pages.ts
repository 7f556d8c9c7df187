import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { TaskFilter, TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import { api, errorMessage } from '../lib/api'
import { PAGE_ROWS, PageCache } from './page-cache'
import type { TaskList } from './task-list'

/** Rows beyond the screen, above and below, fetched ahead so that scrolling rarely meets a placeholder. */
const AHEAD = PAGE_ROWS / 2
/**
 * The first page of a view sorted by a column no index holds is a walk over the whole table: asked with this budget it
 * comes back at once with the best rows found so far, then with FOLLOW_MS a call until it is exact.
 */
const FIRST_ANSWER_MS = 50
const FOLLOW_MS = 250
/** A shift-click range reads at most this many rows (the most a selection by keys may hold). */
export const RANGE_LIMIT = 100_000

/**
 * The grid's rows of an indexed view, by position (see PageCache): the scrollbar is as long as the count, and wherever
 * the user scrolls, drags or presses End, the pages on screen are fetched, one request at a time, the nearest first.
 * A live change starts a new cache but keeps showing the old rows until the new ones arrive, so nothing flickers.
 */
export function useTaskPages(dbKey: string | null, filter: TaskFilter, sort: TaskSort, version: number, atLeast: number): TaskList {
  const queryKey = JSON.stringify([dbKey, filter, sort])
  const cache = useRef(new PageCache())
  const stale = useRef<PageCache | null>(null)
  const screen = useRef({ first: 0, last: 40 })
  const inFlight = useRef(false)
  const generation = useRef(0)
  const [revision, setRevision] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [started, setStarted] = useState(false)
  const [sorting, setSorting] = useState<{ fraction: number; rows: TaskRow[] } | null>(null)
  const [withoutIndex, setWithoutIndex] = useState<{ column: string; ms: number } | null>(null)
  const errorRef = useRef(error)
  errorRef.current = error

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      const request = cache.current.request(page)
      const first = request.after === null && !request.skip
      const started = performance.now()
      const input = { filter, sort, page: { limit: PAGE_ROWS, after: request.after, ...(request.skip ? { skip: request.skip } : {}) } }
      let result = await api.call('tasks.list', first ? { ...input, budgetMs: FIRST_ANSWER_MS } : input)
      // Sorting without an index: show the best rows so far and go on until the page is exact.
      while (result.sorting && gen === generation.current) {
        setSorting({ fraction: result.sorting.fraction ?? 0, rows: result.tasks })
        setStarted(true)
        result = await api.call('tasks.list', { ...input, budgetMs: FOLLOW_MS, resume: true })
      }
      if (gen !== generation.current) return null
      if (first) {
        setSorting(null)
        setWithoutIndex(result.withoutIndex ? { column: result.withoutIndex, ms: performance.now() - started } : null)
      }
      cache.current.put(page, result.tasks, result.next, screen.current)
      return result
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey]
  )

  // Fetches what the screen lacks, one page at a time; called whenever the screen moves or a page arrives.
  const pump = useCallback(() => {
    if (inFlight.current || dbKey === null) return
    const { first, last } = screen.current
    const wanted = cache.current.missing(first, last)
    const page = wanted[0] ?? cache.current.missing(Math.max(0, first - AHEAD), last + AHEAD)[0]
    if (page === undefined) {
      if (cache.current.pageCount > 0) stale.current = null
      return
    }
    const gen = generation.current
    inFlight.current = true
    fetchPage(page, gen)
      .then((result) => {
        if (!result) return
        setError(null)
        setRevision((r) => r + 1)
      })
      .catch((e: unknown) => gen === generation.current && setError(errorMessage(e)))
      .finally(() => {
        if (gen !== generation.current) return
        inFlight.current = false
        setStarted(true)
        // An error stops here (the notice says why); the next scroll, refresh or query tries again.
        if (!errorRef.current) pump()
      })
  }, [dbKey, fetchPage])

  // A new query starts over from an empty grid; a live change (version) from a new cache, showing the old meanwhile.
  useEffect(() => {
    generation.current++
    cache.current = new PageCache()
    stale.current = null
    inFlight.current = false
    screen.current = { first: 0, last: 40 }
    setError(null)
    setStarted(false)
    setSorting(null)
    setWithoutIndex(null)
    setRevision((r) => r + 1)
    pump()
  }, [queryKey, pump])

  useEffect(() => {
    if (version === 0) return
    generation.current++
    stale.current = cache.current
    cache.current = new PageCache()
    inFlight.current = false
    errorRef.current = null
    pump()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])

  const show = useCallback(
    (first: number, last: number) => {
      screen.current = { first, last }
      for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) cache.current.touch(p)
      errorRef.current = null
      pump()
    },
    [pump]
  )

  const rowsBetween = useCallback(
    async (a: number, b: number): Promise<TaskRow[]> => {
      if (b - a + 1 > RANGE_LIMIT) throw new Error(`range:${RANGE_LIMIT}`)
      const gen = generation.current
      const out: TaskRow[] = []
      for (let i = a; i <= b; i++) {
        let row = cache.current.row(i)
        if (!row && cache.current.end !== null && i >= cache.current.end) break
        if (!row) {
          await fetchPage(Math.floor(i / PAGE_ROWS), gen)
          if (gen !== generation.current) return []
          row = cache.current.row(i)
          if (!row) break
        }
        out.push(row)
      }
      return out
    },
    [fetchPage]
  )

  const end = cache.current.end
  const size = end ?? Math.max(cache.current.known, atLeast, sorting?.rows.length ?? 0)
  return useMemo<TaskList>(
    () => ({
      mode: 'pages',
      query: queryKey,
      size,
      atLeast: cache.current.known,
      rowAt: (i) => cache.current.row(i) ?? (sorting && i < sorting.rows.length ? sorting.rows[i] : stale.current?.row(i)),
      held: () => cache.current.held(),
      show,
      rowsBetween,
      loading: !started,
      error,
      hasMore: end === null,
      searching: false,
      stopped: false,
      reached: null,
      stop: () => undefined,
      resume: () => undefined,
      sorting: sorting?.fraction ?? null,
      withoutIndex
    }),
    // revision: the cache (a ref) changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey, size, end, show, rowsBetween, started, error, revision, sorting, withoutIndex]
  )
}
