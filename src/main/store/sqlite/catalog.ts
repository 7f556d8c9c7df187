import type { IndexState } from '../../../shared/results'
import type { Store } from './store'

// What the file's schema says about the tasks table: which of the suggested indexes it has.

export function presentIndexes(store: Store): IndexState[] {
  const names = new Set(
    (store.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tasks'`).all() as { name: string }[]).map(
      (r) => r.name
    )
  )
  return store.dialect.suggestedIndexes.map((i) => ({ name: i.name, present: names.has(i.name) }))
}
