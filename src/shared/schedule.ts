import { CLEANUP_EVERY_SECONDS, DEFAULT_CLEANUP_DAYS, type FileCleanup, type Settings } from './settings'

// When the scheduled cleanup of a file runs: once a day after its last run, an hour after a failed one, and at once
// when a rule is switched on (the dialog shows what that first run will delete). Pure, so tests drive it with any clock.

export const RETRY_AFTER_FAILURE_SECONDS = 3600

export const NO_RULE: FileCleanup = Object.freeze({ rule: { enabled: false, days: DEFAULT_CLEANUP_DAYS }, history: [] }) as FileCleanup

/** The file's rule and history; files without an entry have the rule off (the app never deletes on its own unasked). */
export function cleanupFor(settings: Settings, path: string): FileCleanup {
  return settings.cleanup[path] ?? NO_RULE
}

/** Unix seconds of the next run, or null when the rule is off. */
export function nextRunAt(entry: FileCleanup, now: number): number | null {
  if (!entry.rule.enabled) return null
  const last = entry.history[0]
  // No run yet, or a last run "in the future" (the clock was set back): run now rather than wait for that date.
  if (!last || last.at > now + RETRY_AFTER_FAILURE_SECONDS) return now
  return last.at + (last.error ? RETRY_AFTER_FAILURE_SECONDS : CLEANUP_EVERY_SECONDS)
}

export function isDue(entry: FileCleanup, now: number): boolean {
  const next = nextRunAt(entry, now)
  return next !== null && now >= next
}
