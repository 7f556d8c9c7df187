import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../lib/api'

export interface QueryState<T> {
  data: T | undefined
  error: string | null
  loading: boolean
}

/**
 * Runs `fetcher` whenever `key` changes and keeps the last answer while the next one loads (so counts and lists do
 * not flash empty on a live refresh). Answers that arrive for an older key are dropped.
 */
export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: undefined, error: null, loading: key !== null })
  const latest = useRef(0)
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher
  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: null, loading: false })
      return
    }
    const id = ++latest.current
    setState((s) => ({ ...s, loading: true }))
    fetcherRef.current().then(
      (data) => id === latest.current && setState({ data, error: null, loading: false }),
      (e: unknown) => id === latest.current && setState((s) => ({ data: s.data, error: errorMessage(e), loading: false }))
    )
  }, [key])
  return state
}
