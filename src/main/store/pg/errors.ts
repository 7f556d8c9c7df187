import { AppError } from '../../../shared/errors'
import { redactSecrets as redactUrls } from '../../../shared/redact'

/**
 * Maps a node-postgres / server failure to a code and a sentence that names the database (its URL without password)
 * and the problem. The server's own words are kept (they never hold the password), any URL in them is redacted.
 */
export function pgError(error: unknown, shown: string, action: string): AppError {
  if (error instanceof AppError) return new AppError(error.code, redactUrls(error.message))
  const code = (error as { code?: string }).code ?? ''
  const detail = redactUrls(error instanceof Error ? error.message : String(error))
  const what = `${action.toLowerCase()} ${shown}`
  if (code === '28P01' || code === '28000') return new AppError('UNAUTHORIZED', `${shown}: the server refused the login (${detail}). Check the user and password (or ~/.pgpass).`)
  if (code === '3D000') return new AppError('NOT_FOUND', `${shown}: ${detail}.`)
  if (code === '42501') return new AppError('FORBIDDEN', `${shown}: not allowed to ${action.toLowerCase()} the table (${detail}).`)
  if (code === '25006') return new AppError('READ_ONLY', `${shown} is open read-only; could not ${what}.`)
  if (code === '55P03' || code === '40P01' || code === '40001')
    return new AppError('BUSY', `${shown}: rows are locked by another session; could not ${what}. Try again.`)
  if (code === '57014') return new AppError('BUSY', `${shown}: the server stopped a statement that ran too long; could not ${what}.`)
  if (code === '53100') return new AppError('DISK_FULL', `${shown}: the server's disk is full; could not ${what}.`)
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || /timeout expired|Connection terminated/i.test(detail))
    return new AppError('IO', `Cannot reach ${shown}: ${detail}.`)
  if (/password|SASL|SCRAM/i.test(detail)) return new AppError('UNAUTHORIZED', `${shown}: the server asks for a password and none was given (URL, PGPASSWORD or ~/.pgpass).`)
  return new AppError('INTERNAL', `Could not ${what}: ${detail}${code ? ` (${code})` : ''}`)
}

/** SQLSTATE of a failure, if the server gave one. */
export function sqlState(error: unknown): string {
  return (error as { code?: string }).code ?? ''
}
