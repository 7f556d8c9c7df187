import { streamMore } from './stream-end'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { readsRows, type TaskFilter, type TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import type { Output } from '@shared/contract'
import { api, errorMessage } from '../lib/api'
import { useTaskPages } from './use-task-pages'
import type { TaskList } from './task-list'

type TaskPage = Output<'tasks.list'>

export const PAGE_SIZE = 200
/**
 * A search no index answers (text, id, error group) returns what it found within this budget and goes on from there
 * on the next request, so the first matches show at once on millions of rows and the rest stream in.
 */
export const SEARCH_BUDGET_MS = 400
/** On a live refresh, reload at most this many rows from the top; rows further down stay as they were. */
const REFRESH_LIMIT = 1000

/**
 * The grid's rows. An indexed view is fetched by position (useTaskPages): the scrollbar spans the whole count and any
 * place is a jump away. A search (text, id, error group), which must read rows to find matches, streams instead: pages
 * appended as the user scrolls, each within a time budget.
 */
export function useTaskList(dbKey: string | null, filter: TaskFilter, sort: TaskSort, version: number, atLeast: number, exactTotal: number | null = null): TaskList {
  const search = readsRows(filter)
  const pages = useTaskPages(search ? null : dbKey, filter, sort, version, atLeast)
  const stream = useTaskStream(search ? dbKey : null, filter, sort, version, exactTotal)
  return search ? stream : pages
}

/**
 * A search's rows: keyset pages appended as the user scrolls. A new filter, sort or database starts over; a refresh
 * (live change or after an action) reloads the rows already shown, in place, so scroll position and selection stay.
 */
function useTaskStream(dbKey: string | null, filter: TaskFilter, sort: TaskSort, version: number, exactTotal: number | null): TaskList {
  const [rows, setRows] = useState<TaskRow[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [searching, setSearching] = useState(false)
  const [reached, setReached] = useState<number | null>(null)
  const [stopped, setStopped] = useState(false)
  const generation = useRef(0)
  const busy = useRef(false)
  const shown = useRef(0)
  shown.current = rows.length
  const queryKey = JSON.stringify([dbKey, filter, sort])

  const fetchFromTop = useCallback(
    async (wanted: number, gen: number) => {
      let after: string | null = null
      let partial: boolean
      let reached: number | null
      const collected: TaskRow[] = []
      do {
        const page: TaskPage = await api.call('tasks.list', {
          filter,
          sort,
          page: { limit: Math.min(500, Math.max(PAGE_SIZE, wanted - collected.length)), after },
          budgetMs: SEARCH_BUDGET_MS
        })
        if (gen !== generation.current) return
        collected.push(...page.tasks)
        after = page.next
        // Show a partial search's first matches now; scrolling (or the loader row being in view) asks for more.
        partial = page.partial === true
        reached = page.reached ?? null
      } while (after && !partial && collected.length < wanted)
      return { collected, after, partial, reached }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey]
  )

  // Start over when the query changes.
  useEffect(() => {
    const gen = ++generation.current
    setRows([])
    setNext(null)
    setError(null)
    setSearching(false)
    setReached(null)
    setStopped(false)
    if (dbKey === null) return
    setLoading(true)
    busy.current = true
    fetchFromTop(PAGE_SIZE, gen)
      .then((r) => {
        if (!r) return
        setRows(r.collected)
        setNext(r.after)
        setSearching(r.partial)
        setReached(r.reached)
      })
      .catch((e: unknown) => gen === generation.current && setError(errorMessage(e)))
      .finally(() => {
        if (gen === generation.current) {
          setLoading(false)
          busy.current = false
        }
      })
  }, [queryKey, dbKey, fetchFromTop])

  // Refresh in place when the data changed.
  useEffect(() => {
    if (version === 0 || dbKey === null) return
    const gen = generation.current
    const wanted = Math.min(Math.max(shown.current, PAGE_SIZE), REFRESH_LIMIT)
    fetchFromTop(wanted, gen)
      .then((r) => {
        if (!r) return
        setRows((old) => (old.length > r.collected.length ? [...r.collected, ...old.slice(r.collected.length)] : r.collected))
        setNext((old) => (shown.current > r.collected.length ? old : r.after))
        setError(null)
      })
      .catch((e: unknown) => gen === generation.current && setError(errorMessage(e)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])

  const loadMore = useCallback(() => {
    if (busy.current || !next || stopped) return
    const gen = generation.current
    busy.current = true
    setLoading(true)
    api
      .call('tasks.list', { filter, sort, page: { limit: PAGE_SIZE, after: next }, budgetMs: SEARCH_BUDGET_MS })
      .then((page) => {
        if (gen !== generation.current) return
        setRows((old) => {
          const seen = new Set(old.map((r) => r.key))
          return [...old, ...page.tasks.filter((t) => !seen.has(t.key))]
        })
        setNext(page.next)
        setSearching(page.partial === true)
        setReached(page.reached ?? null)
      })
      .catch((e: unknown) => gen === generation.current && setError(errorMessage(e)))
      .finally(() => {
        if (gen === generation.current) {
          busy.current = false
          setLoading(false)
        }
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next, queryKey, stopped])

  const { more, hasMore } = streamMore(rows.length, next, exactTotal, stopped)
  // Until the first page is back the search is running, not empty: the grid keeps its "searching" row meanwhile.
  const firstPage = loading && rows.length === 0 && error === null
  // Near the end of what is loaded, the next page (or the loader row being in view) asks for more.
  const latest = useRef({ loadMore, hasMore, loading, length: rows.length })
  latest.current = { loadMore, hasMore, loading, length: rows.length }
  const show = useCallback((_first: number, last: number) => {
    const l = latest.current
    if (l.hasMore && !l.loading && last >= l.length - 30) l.loadMore()
  }, [])
  const shownLast = useRef(0)
  useEffect(() => show(0, shownLast.current), [rows.length, hasMore, loading, show])
  const stop = useCallback(() => setStopped(true), [])
  const resume = useCallback(() => setStopped(false), [])
  return useMemo<TaskList>(
    () => ({
      mode: 'stream',
      query: queryKey,
      size: rows.length + (hasMore || firstPage ? 1 : 0),
      atLeast: rows.length,
      rowAt: (i) => rows[i],
      held: () => rows,
      show: (first, last) => {
        shownLast.current = last
        show(first, last)
      },
      rowsBetween: async (a, b) => rows.slice(a, b + 1),
      hasMore,
      loading,
      error,
      searching: firstPage || (searching && more && !stopped),
      stopped: stopped && more,
      reached: searching && more ? reached : null,
      stop,
      resume,
      sorting: null,
      withoutIndex: null
    }),
    [queryKey, rows, hasMore, firstPage, loading, error, searching, more, stopped, reached, show, stop, resume]
  )
}
