import { useEffect, useRef } from 'react'
import type { DbInfo } from '@shared/contract'
import { cleanupFor } from '@shared/schedule'
import type { FileCleanup } from '@shared/settings'
import { api } from '../../lib/api'
import { useSettings } from '../../state/use-settings'
import { startTicker } from './ticker'

export interface Schedule {
  path: string | null
  entry: FileCleanup
}

/**
 * Keeps the open file's scheduled cleanup going while the app is open: asks the main process every minute (and at
 * once when the rule changes) to run it if it is due. After a run, the settings (with the new history) and the
 * task views are refreshed.
 */
export function useScheduledCleanup(db: DbInfo | null | undefined, readOnly: boolean, onRan: () => void): Schedule {
  const settings = useSettings()
  const path = db?.path ?? null
  const entry = cleanupFor(settings.state.settings, path ?? '')
  const after = useRef({ onRan, receive: settings.receive })
  after.current = { onRan, receive: settings.receive }
  const enabled = entry.rule.enabled
  const days = entry.rule.days
  useEffect(() => {
    if (!path || readOnly || !settings.loaded || !enabled) return
    return startTicker(async (now) => {
      const r = await api.call('cleanup.scheduled', { now: Math.floor(now) })
      if (!r.ran) return
      after.current.receive(await api.call('settings.get', {}))
      after.current.onRan()
    })
  }, [path, readOnly, settings.loaded, enabled, days])
  return { path, entry }
}
