import { useCallback, useEffect, useRef, useState } from 'react'
import type { TaskFilter, TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import type { Output } from '@shared/contract'
import { api, errorMessage } from '../lib/api'

type TaskPage = Output<'tasks.list'>

export const PAGE_SIZE = 200
/** On a live refresh, reload at most this many rows from the top; rows further down stay as they were. */
const REFRESH_LIMIT = 1000

export interface TaskList {
  rows: TaskRow[]
  hasMore: boolean
  loading: boolean
  error: string | null
  loadMore(): void
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
  const generation = useRef(0)
  const busy = useRef(false)
  const shown = useRef(0)
  shown.current = rows.length
  const queryKey = JSON.stringify([dbKey, filter, sort])

  const fetchFromTop = useCallback(
    async (wanted: number, gen: number) => {
      let after: string | null = null
      const collected: TaskRow[] = []
      do {
        const page: TaskPage = await api.call('tasks.list', { filter, sort, page: { limit: Math.min(500, Math.max(PAGE_SIZE, wanted - collected.length)), after } })
        if (gen !== generation.current) return
        collected.push(...page.tasks)
        after = page.next
      } while (after && collected.length < wanted)
      return { collected, after }
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
    if (dbKey === null) return
    setLoading(true)
    busy.current = true
    fetchFromTop(PAGE_SIZE, gen)
      .then((r) => {
        if (!r) return
        setRows(r.collected)
        setNext(r.after)
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
    if (busy.current || !next) return
    const gen = generation.current
    busy.current = true
    setLoading(true)
    api
      .call('tasks.list', { filter, sort, page: { limit: PAGE_SIZE, after: next } })
      .then((page) => {
        if (gen !== generation.current) return
        setRows((old) => {
          const seen = new Set(old.map((r) => r.key))
          return [...old, ...page.tasks.filter((t) => !seen.has(t.key))]
        })
        setNext(page.next)
      })
      .catch((e: unknown) => gen === generation.current && setError(errorMessage(e)))
      .finally(() => {
        if (gen === generation.current) {
          busy.current = false
          setLoading(false)
        }
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next, queryKey])

  return { rows, hasMore: next !== null, loading, error, loadMore }
}
