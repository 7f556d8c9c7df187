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
      let n = pacer.next()
      let retries = 0
      for (;;) {
        if (signal?.aborted) return { done, total, cancelled: true }
        const lower: SqlFragment = after ? keyBound(store, '>', after) : frag('1 = 1')
        // One statement per transaction: the next n matching keys (in key order, from where the last range ended),
        // their change, and the last key picked, where the next range starts. The target's condition is checked
        // again on each row as it is changed, so a row the backend changed meanwhile (and no longer matches) stays.
        const picked = frag(`SELECT ${keys} FROM ${store.table} WHERE ${lower.sql} AND (${where.sql}) ORDER BY ${keys} LIMIT ?`, ...lower.params, ...where.params, n)
        const change = mutate({ sql: `${store.dialect.keyRow} IN (SELECT ${keys} FROM picked) AND (${where.sql})`, params: where.params })
        const statement = numbered([
          'WITH picked AS MATERIALIZED (',
          picked,
          '), changed AS (',
          change,
          ` RETURNING 1) SELECT (SELECT count(*) FROM changed) AS changed, (SELECT count(*) FROM picked) AS picked, last.* FROM (SELECT ${keys} FROM picked ORDER BY ${store.dialect.keyColumns.map((k) => `${k} DESC`).join(', ')} LIMIT 1) last`
        ])
        const client = await store.pool.connect()
        let result: Record<string, unknown> | undefined
        try {
          const started = performance.now()
          await client.query('BEGIN')
          await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`)
          result = (await client.query(statement.text, statement.values)).rows[0] as Record<string, unknown> | undefined
          await client.query('COMMIT')
          const ms = performance.now() - started
          if (result) {
            pacer.observe(Number(result.picked), ms)
            options.onChunk?.(ms, Number(result.changed))
          }
          retries = 0
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined)
          // The backend holds a row of this range: let go, wait a little, and take a smaller range.
          if (sqlState(e) !== '55P03' || ++retries > MAX_LOCK_RETRIES) throw e
          n = Math.max(1, Math.floor(n / 2))
          await pause(LOCK_TIMEOUT_MS)
          continue
        } finally {
          client.release()
        }
        if (!result) break
        done += Number(result.changed)
        after = store.dialect.keyColumns.map((c) => result![c])
        report()
        n = pacer.next()
        await pause(options.gapMs ?? 5)
      }
    }
    report()
    return { done, total, cancelled: false }
  } catch (e) {
    throw pgError(e, store.path, action)
  }
}
