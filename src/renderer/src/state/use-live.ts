import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../lib/api'

export interface Live {
  /** Bumped on every refresh; data hooks key on it. */
  version: number
  live: boolean
  setLive(live: boolean): void
  /** Another process changed the file while live updates were paused. */
  pendingChanges: boolean
  lastRefresh: number
  refresh(): void
}

/**
 * Live updates: changes by another process show up within about 2 s (the store looks once a second; we wait 0.5 s
 * to batch a burst of commits). Paused, they are announced instead of applied.
 */
export function useLive(): Live {
  const [version, setVersion] = useState(0)
  const [live, setLive] = useState(true)
  const [pendingChanges, setPendingChanges] = useState(false)
  const [lastRefresh, setLastRefresh] = useState(() => Math.floor(Date.now() / 1000))
  const refresh = useCallback(() => {
    setVersion((v) => v + 1)
    setPendingChanges(false)
    setLastRefresh(Math.floor(Date.now() / 1000))
  }, [])
  const liveRef = useRef(live)
  liveRef.current = live
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = api.on('db.changed', (p) => {
      if (p.reason === 'external' && !liveRef.current) return setPendingChanges(true)
      if (timer) clearTimeout(timer)
      timer = setTimeout(refresh, 500)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [refresh])
  // Resuming catches up at once: whatever was written while paused shows now, not at the next write.
  const setLiveAndCatchUp = useCallback(
    (on: boolean) => {
      setLive(on)
      if (on && !liveRef.current) refresh()
    },
    [refresh]
  )
  return { version, live, setLive: setLiveAndCatchUp, pendingChanges, lastRefresh, refresh }
}
