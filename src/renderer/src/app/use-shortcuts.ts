import { useEffect, useRef } from 'react'
import { isTextEntry } from '../lib/text-entry'

export interface Shortcuts {
  dialogOpen: boolean
  detailOpen: boolean
  closeDetail: () => void
  search: () => void
  shortcuts: () => void
  refresh: () => void
}

/**
 * The global shortcuts (the grid handles its own keys when focused): / searches, ? lists the shortcuts, r refreshes,
 * Escape closes the detail panel. They work from anywhere except where the user types text (a checkbox or a button
 * does not count), and not while a dialog is open or with a modifier held. One listener; it reads the latest state.
 */
export function useShortcuts(current: Shortcuts): void {
  const latest = useRef(current)
  useEffect(() => {
    latest.current = current
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { dialogOpen, detailOpen, closeDetail, search, shortcuts, refresh } = latest.current
      if (dialogOpen || e.ctrlKey || e.metaKey || e.altKey) return
      if (e.key === 'Escape' && detailOpen) return closeDetail()
      if (isTextEntry(e.target)) return
      if (e.key === '/') {
        e.preventDefault()
        search()
      } else if (e.key === '?') shortcuts()
      else if (e.key === 'r') refresh()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
