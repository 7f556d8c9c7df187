import { useCallback, useEffect, useRef, useState } from 'react'
import type { TaskFilter, TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import type { Output } from '@shared/contract'
import { api, errorMessage } from '../lib/api'

type TaskPage = Output<'tasks.list'>

export const PAGE_SIZE = 200
/**
 * A search no index answers (text, id, error group) returns what it found within this budget and goes on from there
 * on the next request, so the first matches show at once on millions of rows and the rest stream in.
 */
export const SEARCH_BUDGET_MS = 400
/** On a live refresh, reload at most this many rows from the top; rows further down stay as they were. */
const REFRESH_LIMIT = 1000

export interface TaskList {
  rows: TaskRow[]
  hasMore: boolean
  loading: boolean
  error: string | null
  /** The last page came back partial: the search is still going through older tasks. */
  searching: boolean
  /** The user stopped the search; rows found so far stay. */
  stopped: boolean
  loadMore(): void
  stop(): void
  resume(): void
}

/**
 * The grid's rows: keyset pages appended as the user scrolls. A new filter, sort or database starts over; a refresh
 * (live change or after an action) reloads the rows already shown, in place, so scroll position and selection stay.
 */
export function useTaskList(dbKey: string | null, filter: TaskFilter, sort: TaskSort, version: number): TaskList {
  const [rows, setRows] = useState<TaskRow[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [searching, setSearching] = useState(false)
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
      } while (after && !partial && collected.length < wanted)
      return { collected, after, partial }
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

  return {
    rows,
    hasMore: next !== null && !stopped,
    loading,
    error,
    searching: searching && next !== null && !stopped,
    stopped: stopped && next !== null,
    loadMore,
    stop: useCallback(() => setStopped(true), []),
    resume: useCallback(() => setStopped(false), [])
  }
}
