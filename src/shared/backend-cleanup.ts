import type { CleanupRule } from './settings'

// DocuSnap-Backend's own cleanup (cleanup_old_entries) does two things in order: processing tasks created more than
// PROCESS_TIMEOUT minutes ago become error / PROCESSING_TIMEOUT, then tasks not accessed for EXPIRE_MINUTES are
// deleted. The app cannot know a deployment's values, so the user records them per file; this is the one place that
// turns a rule into the steps a cleanup runs, for the dialog, the schedule and the command line alike.

export interface CleanupSteps {
  /** Backend files: mark processing tasks older than this many minutes as timed out first (absent: no marking). */
  timeoutMinutes?: number
  /** Delete: seed files by creation time, backend files by last access, older than this many minutes. */
  expireMinutes: number
}

/** The steps a rule asks for on a file of the given kind. */
export function cleanupSteps(rule: Pick<CleanupRule, 'days' | 'expireMinutes' | 'timeoutMinutes'>, backend: boolean): CleanupSteps {
  if (!backend) return { expireMinutes: rule.days * 1440 }
  return { expireMinutes: rule.expireMinutes ?? rule.days * 1440, ...(rule.timeoutMinutes !== undefined ? { timeoutMinutes: rule.timeoutMinutes } : {}) }
}
