import type { PurgeResult, TimeoutResult } from '../../shared/results'
import type { TaskEngine } from './engine'
import { failedAfterMarking, failedMarking } from './model/cleanup-failure'
import type { ChunkOptions } from './model/chunking'
import type { cleanupPlan } from './model/rules'

type OnProgress = NonNullable<ChunkOptions['onProgress']>
/** What one step did: tasks marked or deleted, of how many, and whether it was stopped. */
export interface StepCount {
  done: number
  total: number
  cancelled: boolean
}
/** Runs one step with its progress: the session passes its job's, the CLI a progress bar per step. */
export type CleanupStep = (step: 'marking' | 'expiring', run: (onProgress?: OnProgress) => Promise<StepCount>) => Promise<StepCount>

/**
 * A cleanup as the backend's own runs it: stuck work marked first (when the plan has a timeout), then the expiry —
 * stopping after the first step when it was cancelled. A failure part-way says what each step had committed
 * (model/cleanup-failure.ts). The session's job and the CLI's command both run it.
 */
export async function runCleanup(
  engine: Pick<TaskEngine, 'markTimedOut' | 'purge'>,
  { stuck, expire }: ReturnType<typeof cleanupPlan>,
  options: Omit<ChunkOptions, 'onProgress'>,
  step: CleanupStep
): Promise<{ marked: TimeoutResult | null; purged: PurgeResult | null }> {
  // A maintenance window (the user says the backend is stopped) is for the expiry; marking keeps short transactions.
  const { maintenance: _window, ...marking } = options
  const m = stuck
    ? await step('marking', (onProgress) =>
        engine
          .markTimedOut(stuck, { ...marking, onProgress })
          .catch(failedMarking)
          .then((r) => ({ done: r.timed_out, total: r.total, cancelled: r.cancelled }))
      )
    : null
  const marked = m && { timed_out: m.done, total: m.total, cancelled: m.cancelled }
  if (marked?.cancelled) return { marked, purged: null }
  const p = await step('expiring', (onProgress) =>
    engine
      .purge(expire, { ...options, onProgress })
      .catch(failedAfterMarking(marked?.timed_out ?? 0))
      .then((r) => ({ done: r.deleted, total: r.total, cancelled: r.cancelled }))
  )
  return { marked, purged: { deleted: p.done, total: p.total, cancelled: p.cancelled } }
}
