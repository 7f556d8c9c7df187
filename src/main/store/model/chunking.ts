import type { Progress, Snapshot } from '../../../shared/results'

export interface ChunkOptions {
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
  snapshot?: Snapshot
  /** The longest one write transaction should hold the lock (ms); CHUNK_BOUND_MS (180) by default. */
  targetMs?: number
  /** Pause between transactions so a waiting writer (the backend) gets the lock (ms). */
  gapMs?: number
  /** At most this many rows in one transaction (tests use it to get many transactions). */
  maxRows?: number
  /**
   * The user says the backend is stopped: transactions of up to 2 s with no gap, dropped back to ordinary ones as
   * soon as another process commits (progress then says `maintenance: false`).
   */
  maintenance?: boolean
  /** Told how long each write transaction held the lock (ms) and how many rows it changed, for benchmarks and logs. */
  onChunk?: (ms: number, rows: number) => void
  /** Told which walk a filter target takes ('keys' for a list of keys), for benchmarks and tests. */
  onWalk?: (walk: WalkKind | 'keys') => void
  /** Told how long each window's read-ahead took (ms): reads hold a shared lock a backend's commit waits behind. */
  onReadAhead?: (ms: number) => void
}

export interface ChunkOutcome {
  done: number
  total: number
  cancelled: boolean
}

/**
 * The lock bound of an ordinary chunked write. A backend that starts waiting during a transaction waits for the rest
 * of it, then up to 50 ms for its busy handler's next look (see gapAfter), then for its own commit: 180 + 50 + its
 * commit keeps it near 250 ms.
 */
export const CHUNK_BOUND_MS = 180

/** The bound in a maintenance window (the user says the backend is stopped): fewer, larger transactions. */
export const MAINTENANCE_BOUND_MS = 2000

// The order a chunked write goes through the table. Each transaction rewrites every page it dirties (once into the
// journal, once into the file), so what costs is the structures whose pages the walk touches out of order: a window
// of n rows dirties about n pages of each of them, against n / (rows per page) of the ones it follows.
// - Rowid windows keep the table's pages together and scatter every index: right for the seed's shape, whose one
//   index (the random uuid key's) is a fifth of the table's size.
// - Key windows keep the primary key's index together — and every index that starts with the key's columns — and
//   scatter the table: right for DocuSnap-Backend's shape, whose two indexes both start (client_id, sha256). Measured
//   at 1 M rows, expiry by last access: 36.5 MB written per 4,000 rows against 66.8 MB for rowid windows.
// The key walk is used only for dense targets: it finds its window's end by reading rows in key order, and on a
// target of a few percent it would read many rows (each a random table page) to find a few.

export type WalkKind = 'rowid' | 'key'
