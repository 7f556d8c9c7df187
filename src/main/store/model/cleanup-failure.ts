import { AppError } from '../../../shared/errors'

// The backend's two-step cleanup (mark stuck work, then expire) failing part-way says what each step had committed:
// `partial.done` counts deleted tasks, `partial.timed_out` the tasks marked before (session.ts and the CLI's cleanup).

/** Marking failed: what it had marked, and nothing deleted yet. */
export function failedMarking(e: unknown): never {
  if (e instanceof AppError && e.partial) throw new AppError(e.code, e.message, { done: 0, total: 0, timed_out: e.partial.done })
  throw e
}

/** The expiry failed after `timedOut` tasks were marked: both counts. */
export const failedAfterMarking =
  (timedOut: number) =>
  (e: unknown): never => {
    if (e instanceof AppError && e.partial) throw new AppError(e.code, e.message, { ...e.partial, timed_out: timedOut })
    throw e
  }
