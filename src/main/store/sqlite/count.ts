import type { Store } from './store'
import type { TaskFilter } from '../../../shared/filter'
import { type WindowOptions, WindowWalk, perWindow, windowKey } from './windows'
import type { WindowProgress } from '../../../shared/results'
import { compileFilter } from '../model/where'
import { nowSeconds } from '../model/time'
/**
 * A count that can stop and go on (see windows.ts), window by window: by creation time, where each window is an index
 * range count (even "all completed tasks" is 9 M index entries at 10 M rows, a quarter of a second in one statement,
 * during which the backend could not commit); text and id searches, which read every row, by rowid.
 */
export class CountScan {
  private n = 0
  private readonly walk: WindowWalk

  constructor(store: Store, filter: TaskFilter = {}, now = nowSeconds(), options: Omit<WindowOptions, 'key'> = {}) {
    // Error groups alone: through the status index by time; text and id: the rows in storage order.
    const key = windowKey(store, filter.text || filter.id ? 'rowid' : 'created_at')
    const where = compileFilter(store.dialect, filter, now, undefined, { window: key })
    const statement = perWindow(store, (window) => `SELECT count(*) AS n FROM tasks WHERE (${window.sql}) AND ${where.sql}`)
    this.walk = new WindowWalk(
      store,
      (window) => {
        this.n += (statement(window).get(...window.params, ...where.params) as { n: number }).n
      },
      { ...options, key }
    )
  }

  run(budgetMs = Infinity): WindowProgress {
    return this.walk.run(budgetMs)
  }

  get count(): number {
    return this.n
  }
}

export function countTasks(store: Store, filter: TaskFilter = {}, now = nowSeconds()): number {
  const scan = new CountScan(store, filter, now)
  scan.run()
  return scan.count
}
