import { useEffect, useState } from 'react'
import { getI18n } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import { api, errorMessage } from '../lib/api'

export interface DatabaseState {
  /** undefined while asking, null when none is open. */
  db: DbInfo | null | undefined
  /** Why the database closed on its own (deleted, replaced), for the open screen. */
  closedReason: string | null
  /** The last file that was open, to offer opening it again. */
  lastPath: string | null
  loadError: string | null
}

/** Which database is open, and its comings and goings (events from the store). `onOpened` runs for each new one. */
export function useDatabase(onOpened: () => void): DatabaseState {
  const [db, setDb] = useState<DbInfo | null | undefined>(undefined)
  const [closedReason, setClosedReason] = useState<string | null>(null)
  const [lastPath, setLastPath] = useState<string | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  useEffect(() => {
    api.call('db.current', {}).then(
      (info) => {
        setDb(info)
        if (info) setLastPath(info.path)
      },
      (e: unknown) => {
        setDb(null)
        setLoadError(errorMessage(e))
      }
    )
    const offOpened = api.on('db.opened', (info) => {
      setDb(info)
      setLastPath(info.path)
      setClosedReason(null)
      onOpened()
    })
    const offClosed = api.on('db.closed', (p) => {
      setDb(null)
      setClosedReason(p.reason === 'error' ? (p.message ?? getI18n().t('open.closed')) : null)
    })
    return () => {
      offOpened()
      offClosed()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return { db, closedReason, lastPath, loadError }
}
