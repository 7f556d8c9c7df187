import { closeSync, renameSync, rmSync, writeSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { writeExport, type ExportOptions, type ExportSource } from './model/export'
import { createPrivateTemp } from '../private-file'

/**
 * Exports to a file: written beside it under a temporary name and renamed at the end, so a cancelled or failed export
 * never leaves half a file where the user expects a whole one. The temporary file is private and created exclusively
 * (private-file.ts): a link planted beside the target is never written through.
 */
export async function exportToFile(source: ExportSource, out: string, options: ExportOptions): Promise<{ exported: number; cancelled: boolean }> {
  let tmp: string
  let fd: number
  try {
    ;({ path: tmp, fd } = createPrivateTemp(out))
  } catch (e) {
    throw new AppError('IO', `Cannot write ${out}: ${(e as Error).message}`)
  }
  let closed = false
  try {
    const r = await writeExport(source, (chunk) => void writeSync(fd, chunk), options)
    closeSync(fd)
    closed = true
    if (r.cancelled) {
      rmSync(tmp, { force: true })
      return { exported: 0, cancelled: true }
    }
    renameSync(tmp, out)
    return r
  } catch (e) {
    if (!closed) closeSync(fd)
    rmSync(tmp, { force: true })
    if (e instanceof AppError) throw e
    throw new AppError('IO', `Cannot write ${out}: ${(e as Error).message}`)
  }
}
