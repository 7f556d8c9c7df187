import type { Store } from './store'
import type { TaskDetail } from '../../../shared/task'
import { keyWhere } from '../model/where'
import { listColumns } from './keyset'
import { toTaskRow } from '../model/dialect'
import { viewResult } from '../model/result-view'
/** One task with its full result. Malformed JSON comes back raw with a flag; it is never thrown. */
export function getTask(store: Store, key: string): TaskDetail | null {
  const where = keyWhere(store.dialect, key)
  const d = store.dialect
  const raw = store.db
    .prepare(`SELECT ${listColumns(store)}, result FROM tasks WHERE ${where.sql}`)
    .get(...where.params) as Record<string, unknown> | undefined
  if (!raw) return null
  return { ...toTaskRow(d, raw), result: viewResult(store, raw.result) }
}
