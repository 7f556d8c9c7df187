import { redactSecrets } from './redact'

// Every failure that can reach a user carries a stable code (for scripts, tests and the UI) and a sentence a person
// can act on. Stack traces stay in logs.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'NOT_A_FILE',
  'NOT_SQLITE',
  'CORRUPT',
  'INCOMPATIBLE_SCHEMA',
  'READ_ONLY',
  'BUSY',
  'DISK_FULL',
  'IO',
  'NO_DATABASE',
  'NO_SUCH_TASK',
  'CANCELLED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  /** The SQL console refused a statement before running it (not one read). */
  'SQL_REFUSED',
  /** The engine refused or failed a console statement (a syntax error, a missing table…). */
  'SQL_ERROR',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** What a bulk job had committed when it failed: its chunks are whole, so these rows are changed for good. */
export interface JobPartial {
  done: number
  total: number
  /** The backend's two-step cleanup: stuck tasks marked before the expiry failed. */
  timed_out?: number
}

export interface ErrorInfo {
  code: ErrorCode
  message: string
  /** Present when a bulk job failed after committing some of its work: exactly what it had done. */
  partial?: JobPartial
}

export class AppError extends Error implements ErrorInfo {
  readonly code: ErrorCode
  readonly partial?: JobPartial

  constructor(code: ErrorCode, message: string, partial?: JobPartial) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (partial) this.partial = partial
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.partial ? { partial: this.partial } : {}) }
  }
}

export function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ErrorInfo).code) &&
    typeof (value as ErrorInfo).message === 'string'
  )
}

/**
 * Turns anything thrown into a code and a message; unknown errors become INTERNAL without leaking a stack. Every
 * message that reaches a person or a page passes here, so any password in a URL it quotes is taken out (redact.ts).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return { ...error.toJSON(), message: redactSecrets(error.message) }
  if (isErrorInfo(error)) return { code: error.code, message: redactSecrets(error.message), ...(error.partial ? { partial: error.partial } : {}) }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: redactSecrets(message) || 'Unexpected error' }
}

/**
 * A bulk job's failure after some chunks committed: the cause, and exactly how many rows were changed before it (in
 * the message for people, in `partial` for scripts and the UI). Running the job again finishes it.
 */
export function partialFailure(cause: AppError, done: number, total: number): AppError {
  const note = done > 0 ? ` ${done} of ${total} were already done before it failed; running it again finishes the job.` : ' Nothing was changed.'
  return new AppError(cause.code, `${cause.message}${note}`, { done, total })
}
