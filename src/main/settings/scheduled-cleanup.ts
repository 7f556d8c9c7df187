import type { Output } from '../../shared/contract'
import { toErrorInfo } from '../../shared/errors'
import { cleanupSteps } from '../../shared/backend-cleanup'
import { cleanupFor, isDue } from '../../shared/schedule'
import type { StoreHost } from '../store/host'
import type { SettingsStore } from './settings-store'

/**
 * One tick of the scheduled cleanup for the open file: if its rule is due at `now`, run the cleanup of its schema
 * (chunked, like a manual one) and record what it deleted, or why it failed. At most one run per file at a time, so
 * two windows ticking together delete once.
 */
export function scheduledCleanup(host: StoreHost, settings: SettingsStore) {
  const running = new Set<string>()
  return async (now: number): Promise<Output<'cleanup.scheduled'>> => {
    const db = await host.call('db.current', {})
    if (!db) return { ran: false, reason: 'not-due', cleanup: cleanupFor(settings.state().settings, '') }
    const entry = cleanupFor(settings.state().settings, db.path)
    if (running.has(db.path)) return { ran: false, reason: 'running', cleanup: entry }
    if (!isDue(entry, now)) return { ran: false, reason: 'not-due', cleanup: entry }
    if (db.readOnly) return { ran: false, reason: 'read-only', cleanup: entry }
    running.add(db.path)
    try {
      let run
      try {
        const steps = cleanupSteps(entry.rule, db.kind === 'backend')
        const r = await host.call('tasks.cleanup', { expireMinutes: steps.expireMinutes, timeoutMinutes: steps.timeoutMinutes, jobId: `scheduled-${Math.round(now)}` })
        run = { at: now, deleted: r.deleted, ...(r.timed_out ? { timedOut: r.timed_out } : {}) }
      } catch (e) {
        run = { at: now, deleted: 0, error: toErrorInfo(e).message.slice(0, 1000) }
      }
      const state = settings.recordRun(db.path, run)
      return { ran: true, run, cleanup: cleanupFor(state.settings, db.path) }
    } finally {
      running.delete(db.path)
    }
  }
}
