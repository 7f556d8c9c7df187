import { demoRows } from '../model/demo-rows'
import { FORMAT_COLUMNS } from '../model/dialect'
import { readOnlyError } from '../model/rules'
import { copySide } from './copy-side'
import type { PgStore } from './store'

/** Demo tasks on PostgreSQL: the same generator as on SQLite (model/demo-rows.ts), inserted 1,000 per transaction. */
export async function insertDemo(store: PgStore, count: number, days?: number, seed?: number): Promise<number> {
  if (store.readOnly) throw readOnlyError(store.path, 'demo data cannot be added')
  const cols = FORMAT_COLUMNS[store.dialect.kind]
  const row = demoRows(store.dialect.kind, { days, seed })
  const side = copySide(store)
  let inserted = 0
  for (let done = 0; done < count; ) {
    const batch = Array.from({ length: Math.min(1000, count - done) }, () => {
      const values = row()
      return Object.fromEntries(cols.map((c, i) => [c, values[i]]))
    })
    inserted += await side.insert(batch)
    done += batch.length
  }
  return inserted
}
