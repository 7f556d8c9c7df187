import { AppError } from '../../../shared/errors'
import type { Store } from './store'
import { readOnlyError } from '../model/rules'
import { demoRows, type DemoOptions } from '../model/demo-rows'
import { FORMAT_COLUMNS } from '../model/dialect'

// Small transactions: a demo fill shares the file with a live backend like any other write.
const BATCH = 1000

const pause = new Int32Array(new SharedArrayBuffer(4))

function insertBatched(store: Store, count: number, row: (i: number) => unknown[], sql: string): number {
  const insert = store.db.prepare(sql)
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH)
    store.db.transaction(() => {
      for (let i = start; i < end; i++) insert.run(...row(i))
    }).immediate()
    // Leave the lock free for a moment between batches, as purges do, so a waiting backend gets in.
    if (end < count) Atomics.wait(pause, 0, 0, 25)
  }
  return count
}

/** Inserts `count` seed-format tasks (model/demo-rows.ts). */
export function insertSeedDemo(store: Store, { count, ...options }: DemoOptions): number {
  if (store.readOnly) throw readOnlyError(store.path, 'demo data cannot be added')
  if (store.dialect.kind !== 'seed') throw new AppError('INVALID_INPUT', `${store.path} uses the backend format; use --schema backend.`)
  return insertBatched(store, count, demoRows('seed', options), `INSERT INTO tasks (${FORMAT_COLUMNS.seed.join(', ')}) VALUES (${FORMAT_COLUMNS.seed.map(() => '?').join(', ')})`)
}

/** Inserts `count` backend-format tasks (model/demo-rows.ts). */
export function insertBackendDemo(store: Store, { count, ...options }: DemoOptions): number {
  if (store.readOnly) throw readOnlyError(store.path, 'demo data cannot be added')
  if (store.dialect.kind !== 'backend') throw new AppError('INVALID_INPUT', `${store.path} uses the seed format; demo data for the backend format needs a new file.`)
  return insertBatched(store, count, demoRows('backend', options), `INSERT OR IGNORE INTO tasks (${FORMAT_COLUMNS.backend.join(', ')}) VALUES (${FORMAT_COLUMNS.backend.map(() => '?').join(', ')})`)
}
