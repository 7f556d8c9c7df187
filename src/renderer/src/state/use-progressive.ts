import { useEffect, useRef, useState } from 'react'
import type { Output } from '@shared/contract'
import { errorMessage } from '../lib/api'

type WindowProgress = NonNullable<Output<'tasks.count'>['progress']>

/** How long one request of a long count may take before it answers with what it has so far. */
export const COUNT_BUDGET_MS = 250

export interface ProgressiveState<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  /** The answer so far is partial: counting goes on. */
  partial: boolean
  progress: WindowProgress | undefined
}

/**
 * A count or facet query answered in installments: the first request returns within the budget (complete, or what
 * was counted so far), and the hook keeps asking the store to go on until the answer is complete. A new key starts
 * over; the previous answer stays on screen meanwhile (no flashing back to empty on a live refresh).
 */
export function useProgressive<T extends { progress?: WindowProgress }>(key: string | null, scope: string | null, fetch: (resume: boolean) => Promise<T>): ProgressiveState<T> {
  const [state, setState] = useState<ProgressiveState<T>>({ data: undefined, error: null, loading: key !== null, partial: false, progress: undefined })
  const latest = useRef(0)
  const shownScope = useRef<string | null>(null)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  useEffect(() => {
    const id = ++latest.current
    if (key === null) {
      setState({ data: undefined, error: null, loading: false, partial: false, progress: undefined })
      return
    }
    // Counts of another filter or file are not shown while the new ones come in; a refresh keeps the last whole answer.
    const sameScope = shownScope.current === scope
    shownScope.current = scope
    setState((s) => (sameScope ? { ...s, loading: true } : { data: undefined, error: null, loading: true, partial: false, progress: undefined }))
    const step = (resume: boolean) =>
      fetchRef.current(resume).then(
        (data) => {
          if (id !== latest.current) return
          const partial = data.progress !== undefined && !data.progress.complete
          // A partial answer does not replace a whole one of the same scope (a refresh keeps the last full counts on
          // screen until the new ones are whole).
          setState((s) => ({ data: partial && s.data && !s.partial ? s.data : data, error: null, loading: partial, partial, progress: data.progress }))
          if (partial) void step(true)
        },
        (e: unknown) => id === latest.current && setState((s) => ({ ...s, error: errorMessage(e), loading: false, partial: false }))
      )
    void step(false)
  }, [key, scope])
  return state
}
