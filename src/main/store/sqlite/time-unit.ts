import { type Store, rowidRange } from './store'

/** Up to `points` creation times spread over the table by rowid: a seek each, whatever the file's size or indexes. */
export function sampleCreatedTimes(store: Store, points = 32): number[] {
  const range = rowidRange(store)
  if (!range) return []
  const at = store.db.prepare('SELECT created_at AS v FROM tasks WHERE rowid >= ? ORDER BY rowid LIMIT 1')
  const values: number[] = []
  for (let i = 0; i < points; i++) {
    const v = (at.get(Math.floor(range.lo + ((range.hi - range.lo) * i) / Math.max(1, points - 1))) as { v: unknown } | undefined)?.v
    if (typeof v === 'number' || typeof v === 'bigint') values.push(Number(v))
  }
  return values
}
