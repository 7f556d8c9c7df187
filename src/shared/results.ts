// What the store answers, and the targets it takes, the same on every engine: the contract's output types, the
// renderer's view of them, and what SQLite (store/sqlite) and PostgreSQL (store/pg) both fill in. Types only:
// nothing here runs, so both the main process and the page import it.
import type { TaskFilter } from './filter'
import type { SchemaKind, TaskRow } from './task'

// Long reads in bounded pieces. A count or facet over millions of rows is split into windows of creation time, newest
// first, each one a short statement of its own: between two windows no lock is held, so the backend's writes never
// wait long behind a read, and a caller with a time budget gets an honest partial answer ("tasks created since …")
// and can continue where it stopped. The windows partition the whole table exactly: creation times inside the range
// found at the start, then everything else (NULL, out-of-range or oddly typed values) in one last window, so the
// windowed answer equals the single-statement one.

export interface WindowProgress {
  complete: boolean
  /** Windows by creation time: tasks created at or after this time (Unix seconds) have been counted. */
  coveredFrom: number | null
  /** Windows by rowid: the share of the table already read, 0…1. */
  fraction: number | null
}

export interface TaskPage {
  tasks: TaskRow[]
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null
  /**
   * True when the time budget ran out before the page was full: `tasks` are the matches found so far and `next`
   * continues the search from where it stopped (a search streams its results page by page).
   */
  partial?: boolean
  /**
   * How far a partial search read: the sort column's time (Unix seconds) of the last row it examined, so the UI can
   * say how far back it has looked; null when that row has no readable time.
   */
  reached?: number | null
  /**
   * A page by a time column no index holds, asked for with a budget, before its walk has read every window: `tasks`
   * are the best rows found so far (usually the answer already), `next` is null, and asking again with `resume`
   * goes on. Absent once the page is exact.
   */
  sorting?: WindowProgress
  /** The page was sorted by this column without an index on it (a walk over the whole table). */
  withoutIndex?: string
}

export type Counts = Record<string, number>

export interface Facets {
  status: Counts
  type: Counts
  /** Error groups (code or message) among error tasks, most frequent first, at most `ERROR_GROUPS`; absent when
   * only the quick part was asked for. */
  error?: Counts
  /** Backend schema only: tasks per client, most frequent first. */
  client?: Counts
  /** Present when the answer was asked for with a time budget: how far the count got. */
  progress?: WindowProgress
}

/**
 * `part` splits the work for a UI that wants the quick counts (status, type, client: index scans) before the error
 * groups (which read every error result's JSON, seconds on millions of rows).
 */
export type FacetPart = 'all' | 'counts' | 'errors'

export interface PurgePreview {
  count: number
  oldest: number | null
  newest: number | null
  by_status: Counts
  /** Pass back to purgeTasks so that only what the user saw can be deleted. */
  snapshot: Snapshot
}

export interface PurgeResult {
  deleted: number
  total: number
  cancelled: boolean
}

export interface RequeueResult {
  requeued: number
  total: number
  cancelled: boolean
}

export interface RetryResult {
  forgotten: number
  total: number
  cancelled: boolean
}

export interface TimeoutResult {
  timed_out: number
  total: number
  cancelled: boolean
}

export interface EditOutcome {
  updated: number
  /** The result given was falsy in Python's eyes ({}, [], "", 0, null…): as in the seed, the stored one was kept. */
  resultKept: boolean
}

export interface ColumnCheck {
  column: string
  from: string
  to: string
  same: boolean
}

export interface CopyResult {
  copied: number
  /** Rows whose key the target already had (a resumed copy, or rows written there before). */
  skipped: number
  total: number
  cancelled: boolean
  rows: { from: number; to: number }
  checks: ColumnCheck[]
  /** The target table did not exist and was created in the source's shape. */
  created: boolean
  /** The target is spread over a Citus cluster: how (it was distributed by this copy, or was already). */
  citus?: CitusTable
}

export interface IndexState {
  name: string
  present: boolean
}

export interface StoreStats {
  path: string
  kind: SchemaKind
  read_only: boolean
  total: number
  by_status: Counts
  by_type: Counts
  /** Normalised unix seconds of the oldest and newest created_at, null for an empty table. */
  oldest: number | null
  newest: number | null
  file_bytes: number
  page_size: number
  page_count: number
  freelist_count: number
  journal_mode: string
  sqlite_version: string
  indexes: IndexState[]
  /** Suggested indexes that are missing (offered, never added silently). */
  missing_indexes: string[]
  /** A PostgreSQL table: `file_bytes` is pg_total_relation_size, the page fields are the heap's, and these instead of a journal. */
  postgres?: PgTableStats
}

export interface PgTableStats {
  server_version: string
  live_tuples: number
  dead_tuples: number
  /** ISO times of the last vacuum and analyze, by hand or by autovacuum, whichever is later; null if never. */
  last_vacuum: string | null
  last_analyze: string | null
  /** How the table is spread over a Citus cluster; absent on plain PostgreSQL and for a coordinator's local table. */
  citus?: CitusTable
}

/** How to distribute a table being created on Citus: by a column of its key, or a copy on every node. */
export type Distribution = 'id' | 'client_id' | 'reference'

export interface CitusTable {
  /** The extension's version on the coordinator (e.g. 13.2-1). */
  version: string
  distribution: 'hash' | 'reference'
  /** The distribution column (null for a reference table). */
  column: string | null
  shards: number
  /** Nodes holding its shards (a reference table: every node, the coordinator among them). */
  nodes: number
}

/**
 * What a bulk action applies to: every task matching a filter, or an explicit list of task keys — optionally only
 * those of them that also match `only` ("the errored tasks of the selection").
 */
export type Target = { filter: TaskFilter } | { keys: string[]; only?: TaskFilter }

/**
 * Fixed by the preview and handed back when the user confirms: only rows that existed then are ever touched. Opaque to
 * the page, like a cursor (store/model/snapshot.ts).
 */
export interface Snapshot {
  /** The engine's mark of which rows existed (SQLite: the largest rowid), encoded. */
  bound: string
  /** Unix seconds used for relative filters ("older than N days"), so every chunk applies the same cutoff. */
  at: number
}

export interface Progress {
  done: number
  total: number
  /** Present when a maintenance window was asked for: whether its large transactions are still in use. */
  maintenance?: boolean
  /** The job has waited a while for a lock another session holds (lock-wait.ts); gone once it has it. */
  waiting?: 'lock'
}
