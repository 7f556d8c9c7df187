import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import type { TaskFilter } from '../../shared/filter'
import { AppError } from '../../shared/errors'
import { exportTasks, type ExportOptions } from './export'
import type { Store } from './open'

/**
 * Exports to a file: written beside it under a temporary name and renamed at the end, so a cancelled or failed export
 * never leaves half a file where the user expects a whole one.
 */
export async function exportToFile(store: Store, filter: TaskFilter, out: string, options: ExportOptions): Promise<{ exported: number; cancelled: boolean }> {
  const tmp = `${out}.partial-${process.pid}`
  let fd: number
  try {
    fd = openSync(tmp, 'w')
  } catch (e) {
    throw new AppError('IO', `Cannot write ${out}: ${(e as Error).message}`)
  }
  let closed = false
  try {
    const r = await exportTasks(store, filter, (chunk) => void writeSync(fd, chunk), options)
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
