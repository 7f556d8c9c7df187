import { AppError } from '../../../shared/errors'

/** Maps a better-sqlite3 / file-system failure to a code and a sentence that names the file and the problem. */
export function storeError(error: unknown, file: string, action: string): AppError {
  if (error instanceof AppError) return error
  const code = (error as { code?: string }).code ?? ''
  const detail = error instanceof Error ? error.message : String(error)
  const where = `${action} ${file}`
  if (code === 'SQLITE_NOTADB') return new AppError('NOT_SQLITE', `${file} is not a SQLite database, or it is encrypted.`)
  if (code.startsWith('SQLITE_CORRUPT'))
    return new AppError('CORRUPT', `${file} is damaged (SQLite reports: ${detail}). Restore it from a backup.`)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError('BUSY', `${file} is locked by another program; could not ${action.toLowerCase()} it. Try again.`)
  if (code.startsWith('SQLITE_READONLY'))
    return new AppError('READ_ONLY', `${file} is read-only here; could not ${action.toLowerCase()} it.`)
  if (code === 'SQLITE_FULL') return new AppError('DISK_FULL', `The disk is full; could not ${action.toLowerCase()} ${file}. Nothing was changed by the failed step.`)
  if (code.startsWith('SQLITE_CANTOPEN')) return new AppError('IO', `Cannot open ${file}: ${detail}.`)
  if (code.startsWith('SQLITE_IOERR')) return new AppError('IO', `Disk error while trying to ${action.toLowerCase()} ${file}: ${detail}.`)
  if (code === 'EACCES' || code === 'EPERM') return new AppError('IO', `No permission to read ${file}.`)
  if (code.startsWith('SQLITE_')) return new AppError('INTERNAL', `${where} failed: ${detail} (${code}).`)
  return new AppError('INTERNAL', `${where} failed: ${detail}`)
}
