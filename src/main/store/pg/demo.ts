import { AppError } from '../../../shared/errors'
import { insertBackendDemo, insertSeedDemo } from '../sqlite/demo'
import { closeStore, openStore } from '../sqlite/open'
import { pgCopySide } from './copy-side'
import type { PgStore } from './store'

/**
 * Demo tasks on PostgreSQL: the same generator as on SQLite (../demo.ts), into a scratch in-memory SQLite table, then
 * copied across in batches — one generator, so both engines' demo data look alike.
 */
export async function pgCopyDemo(store: PgStore, count: number, days?: number, seed?: number): Promise<number> {
  if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; demo data cannot be added.`)
  const scratch = openStore(':memory:', { create: true, schema: store.dialect.kind })
  try {
    if (store.dialect.kind === 'seed') insertSeedDemo(scratch, { count, days, seed })
    else insertBackendDemo(scratch, { count, days, seed })
    const cols = store.dialect.kind === 'seed' ? 'id, type, status, result, created_at, updated_at' : 'client_id, sha256, type, status, result, error_detail, created_at, last_accessed'
    const read = scratch.db.prepare(`SELECT ${cols} FROM tasks WHERE rowid > ? ORDER BY rowid LIMIT 1000`)
    const side = pgCopySide(store)
    let inserted = 0
    let after = 0
    for (;;) {
      const rows = read.all(after) as Record<string, unknown>[]
      if (rows.length === 0) break
      after += rows.length
      inserted += await side.insert(rows)
    }
    return inserted
  } finally {
    closeStore(scratch)
  }
}
