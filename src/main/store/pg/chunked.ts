import { AppError } from '../../../shared/errors'
import type { ChunkOptions, ChunkOutcome, Snapshot, Target } from '../chunked'
import { CHUNK_BOUND_MS, MAINTENANCE_BOUND_MS } from '../chunked'
import { Pacer } from '../pacing'
import { nowSeconds } from '../time'
import { compileFilter, type SqlFragment } from '../where'
import { pgError, sqlState } from './errors'
import { frag, numbered, rows } from './sql'
import type { PgStore } from './store'
import { keyBound } from './windows'

// Chunked writes on PostgreSQL (SQLite's are in ../chunked.ts): the target walked in ranges of the primary key, each
// range's change its own short transaction with lock_timeout set, so the app never queues behind the backend's row
// locks (it steps back and tries the range again, smaller) and never holds rows long that the backend needs. The pacer
// (../pacing.ts) sizes each range from what the transactions before it cost.

/** How long a chunk waits for a row the backend has locked before stepping back (ms). */
export const LOCK_TIMEOUT_MS = 100
const MAX_LOCK_RETRIES = 40

/**
 * Rows that existed when the user looked: PostgreSQL has no rowid, so the bound is the creation time — a row created
 * at or after the preview (a new task, or one the backend forgot and re-created) is never touched. A row without a
 * creation time is taken to be old.
 */
export function snapshotBound(store: PgStore, snapshot: Snapshot): SqlFragment {
  return frag('(created_at IS NULL OR created_at < ?)', store.dialect.encodeTime(snapshot.at))
}

export function pgTakeSnapshot(now = nowSeconds()): Snapshot {
  return { maxRowid: 0, at: now }
}

const KEYS_PER_CHUNK = 500

/** The target as WHERE clauses: one for a filter, one per 500 keys for a list of keys. */
export function pgTargetParts(store: PgStore, target: Target, snapshot: Snapshot): SqlFragment[] {
  const d = store.dialect
  const bound = snapshotBound(store, snapshot)
  const and = (...parts: SqlFragment[]): SqlFragment => ({ sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) })
  if ('filter' in target) return [and(bound, compileFilter(d, target.filter, snapshot.at))]
  const only = target.only ? compileFilter(d, target.only, snapshot.at) : null
  const out: SqlFragment[] = []
  for (let i = 0; i < target.keys.length; i += KEYS_PER_CHUNK) {
    const keys = target.keys.slice(i, i + KEYS_PER_CHUNK).map((k) => d.parseKey(k))
    const inKeys = frag(`${d.keyRow} IN (${keys.map((k) => `(${k.map(() => '?').join(', ')})`).join(', ')})`, ...keys.flat())
    out.push(only ? and(bound, inKeys, only) : and(bound, inKeys))
  }
  return out
}

export async function pgCountTarget(store: PgStore, target: Target, snapshot: Snapshot): Promise<number> {
  let n = 0
  for (const where of pgTargetParts(store, target, snapshot)) n += (await rows<{ n: number }>(store.pool, [`SELECT count(*) AS n FROM ${store.table} WHERE `, where]))[0]!.n
  return n
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Applies `mutate` (the SQL of a DELETE or UPDATE given its WHERE clause) to the target, range by range. A kill or a
 * cancel leaves only whole ranges done; the signal is checked between them.
 */
export async function pgRunChunked(
  store: PgStore,
  target: Target,
  action: string,
  mutate: (where: SqlFragment) => SqlFragment,
  options: ChunkOptions = {}
): Promise<ChunkOutcome> {
  if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; ${action} is not possible.`)
  const { signal, onProgress } = options
  const snapshot = options.snapshot ?? pgTakeSnapshot()
  try {
    const total = await pgCountTarget(store, target, snapshot)
    let done = 0
    const report = () => onProgress?.({ done, total, ...(options.maintenance ? { maintenance: true } : {}) })
    report()
    const pacer = new Pacer({ boundMs: options.maintenance ? MAINTENANCE_BOUND_MS : (options.targetMs ?? CHUNK_BOUND_MS), maxRows: options.maxRows })
    const keys = store.dialect.keyColumns.join(', ')
    options.onWalk?.('filter' in target ? 'key' : 'keys')
    for (const where of pgTargetParts(store, target, snapshot)) {
      let after: unknown[] | null = null
      for (;;) {
        if (signal?.aborted) return { done, total, cancelled: true }
        const lower: SqlFragment = after ? keyBound(store, '>', after) : frag('1 = 1')
        // The range: the next n matching keys, read before the write transaction (no lock held while looking).
        let n = pacer.next()
        const found: Record<string, unknown>[] = await rows<Record<string, unknown>>(store.pool, [`SELECT ${keys} FROM ${store.table} WHERE `, lower, ' AND (', where, `) ORDER BY ${keys} LIMIT `, frag('?', n)])
        if (found.length === 0) break
        let retries = 0
        for (;;) {
          const upperRow: Record<string, unknown> = found[Math.min(n, found.length) - 1]!
          const upper: unknown[] = store.dialect.keyColumns.map((c) => upperRow[c])
          const range = { sql: `${lower.sql} AND ${keyBound(store, '<=', upper).sql} AND (${where.sql})`, params: [...lower.params, ...upper, ...where.params] }
          const client = await store.pool.connect()
          try {
            const started = performance.now()
            await client.query('BEGIN')
            await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`)
            const q = numbered([mutate(range)])
            const changed = (await client.query(q.text, q.values)).rowCount ?? 0
            await client.query('COMMIT')
            const ms = performance.now() - started
            pacer.observe(Math.min(n, found.length), ms)
            options.onChunk?.(ms, changed)
            done += changed
            after = upper
            break
          } catch (e) {
            await client.query('ROLLBACK').catch(() => undefined)
            // The backend holds a row of this range: let go, wait a little, and take a smaller range.
            if (sqlState(e) !== '55P03' || ++retries > MAX_LOCK_RETRIES) throw e
            n = Math.max(1, Math.floor(Math.min(n, found.length) / 2))
            await pause(LOCK_TIMEOUT_MS)
          } finally {
            client.release()
          }
        }
        report()
        await pause(options.gapMs ?? 5)
      }
    }
    report()
    return { done, total, cancelled: false }
  } catch (e) {
    throw pgError(e, store.path, action)
  }
}
