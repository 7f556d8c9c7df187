import type { TaskRow } from '@shared/task'

/** What the grid shows, by position, whichever way the rows are fetched. */
export interface TaskList {
  /** 'pages': any position can be fetched (indexed views); 'stream': a search, read in order as the user scrolls. */
  mode: 'pages' | 'stream'
  /** The database, filter and sort these rows are for: a new one starts the grid at the top. */
  query: string
  /** Rows the grid makes room for: the count once known (placeholders where rows are not fetched yet). */
  size: number
  /** Rows known to exist so far (a lower bound for the count while it is being made). */
  atLeast: number
  rowAt(index: number): TaskRow | undefined
  /** Every row held now, in order (what "select all loaded" selects). */
  held(): TaskRow[]
  /** The grid says which rows are on screen; what they need is fetched. */
  show(first: number, last: number): void
  /** The rows from a to b, fetching those not held (a shift-click range). Rejects beyond RANGE_LIMIT rows. */
  rowsBetween(a: number, b: number): Promise<TaskRow[]>
  hasMore: boolean
  loading: boolean
  error: string | null
  /** The last page came back partial: the search is still going through older tasks. */
  searching: boolean
  /** The user stopped the search; rows found so far stay. */
  stopped: boolean
  /** How far a search has read (the sort column's time of the last row it examined), while it goes on. */
  reached: number | null
  stop(): void
  resume(): void
  /** The first page is being sorted without an index: the share of the table read so far (its rows are the best yet). */
  sorting: number | null
  /** The view is sorted by a column no index holds, and what that cost: the first page's time (ms). */
  withoutIndex: { column: string; ms: number } | null
}
