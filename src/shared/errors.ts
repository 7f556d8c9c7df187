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
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorInfo {
  code: ErrorCode
  message: string
}

export class AppError extends Error implements ErrorInfo {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message }
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
  if (isErrorInfo(error)) return { code: error.code, message: redactSecrets(error.message) }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: redactSecrets(message) || 'Unexpected error' }
}
