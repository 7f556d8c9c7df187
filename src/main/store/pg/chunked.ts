import { partialFailure } from '../../../shared/errors'
import { type ChunkOptions, type ChunkOutcome, CHUNK_BOUND_MS, MAINTENANCE_BOUND_MS } from '../model/chunking'
import type { Snapshot, Target } from '../../../shared/results'
import { Pacer } from '../model/pacing'
import { noticeWait, WAIT_NOTICE_MS } from '../model/lock-wait'
import { nowSeconds } from '../model/time'
import { compileFilter } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import { pgError, sqlState } from './errors'
import { frag, numbered, rows } from './sql'
import type { PgStore } from './store'
import { hasLeadingIndex } from './catalog'
import { rowEstimate } from './windows'
import { TimeSpans } from './time-spans'
import { requireWritable } from '../model/rules'
import { makeSnapshot } from '../model/snapshot'

// Chunked writes on PostgreSQL (SQLite's are in ../sqlite/chunked.ts): the target walked in ranges of the primary key, each
// range's change its own short transaction with lock_timeout set, so the app never queues behind the backend's row
// locks (it steps back and tries the range again, smaller) and never holds rows long that the backend needs. The pacer
// (../model/pacing.ts) sizes each range from what the transactions before it cost.

/** How long a chunk waits for a row the backend has locked before stepping back (ms). */
export const LOCK_TIMEOUT_MS = 100
const MAX_LOCK_RETRIES = 40
/** lock_not_available (lock_timeout) and deadlock_detected: the range is let go and tried again smaller. */
const STEP_BACK = new Set(['55P03', '40P01'])

/**
 * Rows that existed when the user looked: PostgreSQL has no rowid, so the bound is the creation time — a row created
 * at or after the preview (a new task, or one the backend forgot and re-created) is never touched. A row without a
 * creation time is taken to be old.
 */
export function snapshotBound(store: PgStore, snapshot: Snapshot): SqlFragment {
  return frag('(created_at IS NULL OR created_at < ?)', store.dialect.encodeTime(snapshot.at))
}

export function takeSnapshot(now = nowSeconds()): Snapshot {
  return makeSnapshot(now, null)
}

const KEYS_PER_CHUNK = 500

/** The target as WHERE clauses: one for a filter, one per 500 keys for a list of keys. */
export function targetParts(store: PgStore, target: Target, snapshot: Snapshot): SqlFragment[] {
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

export async function countTarget(store: PgStore, target: Target, snapshot: Snapshot): Promise<number> {
  let n = 0
  for (const where of targetParts(store, target, snapshot)) n += (await rows<{ n: number }>(store.pool, [`SELECT count(*) AS n FROM ${store.table} WHERE `, where]))[0]!.n
  return n
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Applies `mutate` (the SQL of a DELETE or UPDATE given its WHERE clause) to the target, range by range. A kill or a
 * cancel leaves only whole ranges done; the signal is checked between them.
 */
export async function runChunked(
  store: PgStore,
  target: Target,
  action: string,
  mutate: (where: SqlFragment) => SqlFragment,
  options: ChunkOptions = {}
): Promise<ChunkOutcome> {
  requireWritable(store, action)
  const { signal, onProgress } = options
  const snapshot = options.snapshot ?? takeSnapshot()
  let total = -1
  let done = 0
  try {
    let maintenance = options.maintenance === true
    let waiting = false
    const report = () => onProgress?.({ done, total: Math.max(0, total), ...(options.maintenance ? { maintenance } : {}), ...(waiting ? { waiting: 'lock' as const } : {}) })
    /** A statement or a window's retries behind another session's lock have taken a while: the progress says so. */
    const waitingForLock = () => {
      if (waiting) return
      waiting = true
      report()
    }
    const waited = <T>(work: Promise<T>) => noticeWait(work, waitingForLock)
    // The count too waits behind a lock on the whole table (ACCESS EXCLUSIVE: a VACUUM FULL, an ALTER TABLE).
    total = await waited(countTarget(store, target, snapshot))
    waiting = false
    report()
    const pacer = new Pacer({ boundMs: maintenance ? MAINTENANCE_BOUND_MS : (options.targetMs ?? CHUNK_BOUND_MS), maxRows: options.maxRows })
    // A maintenance window lasts while nobody else writes. PostgreSQL has no data_version; a running backend creates
    // tasks, so a newer creation time than at the start (read through its index, where there is one) ends it.
    const timeIndexed = await waited(hasLeadingIndex(store, 'created_at'))
    const newest = maintenance && timeIndexed ? await newestCreation(store) : null
    const stillAlone = async () => {
      if (!maintenance || newest === null) return
      const now = await newestCreation(store)
      if (now !== null && now > newest) {
        maintenance = false
        pacer.setBound(options.targetMs ?? CHUNK_BOUND_MS)
      }
    }
    // A dense target (a quarter of the table or more: a purge of old tasks) is walked in windows whose far end is read
    // from an index alone, and each window's change filters its rows; a sparse one (the errored tasks) by its matching
    // keys, so the rows in between are never read. Where creation time is indexed, a filter target is walked by it
    // (ranges of time, ties included; rows without one last, by key): rows created together were written together, so
    // a window's rows share pages whatever the keys look like (uuid ids in key order are scattered over the whole
    // table: 2.3 s against 0.7 s for half a million rows, measured). Either way the change is a range of the walk,
    // re-checked against the target, in a transaction of its own.
    const dense = 'filter' in target && total >= 0.25 * Math.max((await rowEstimate(store)) ?? 0, total, 1)
    const walks = 'filter' in target && timeIndexed ? byCreationTime(store) : [byKey(store)]
    options.onWalk?.('filter' in target ? 'key' : 'keys')
    for (const where of targetParts(store, target, snapshot))
      for (const walk of walks) {
        let after: unknown[] | null = null
        let n = pacer.next()
        let retries = 0
        // On Citus, a dense walk by epoch creation time takes spans of time instead of reading each far end (./time-spans.ts).
        const spans = dense && store.citus && walk.timeOnly && store.dialect.timeKind === 'epoch' ? new TimeSpans(store) : null
        for (;;) {
          if (signal?.aborted) return { done, total, cancelled: true }
          await stillAlone()
          const lower = and(walk.only, after ? walk.bound('>', after) : null)
          // The window's far end, read before the write transaction (no lock held while looking). A span says how many
          // rows it holds; a far end read by OFFSET holds n; one read among the matching keys, its count (c).
          const span: Awaited<ReturnType<TimeSpans['next']>> = spans ? await waited(spans.next(lower, after ? Number(after[0]) : null, n)) : null
          const [edge]: (Record<string, unknown> | undefined)[] = spans
            ? span?.upper != null
              ? [{ w0: span.upper, c: span.rows }]
              : []
            : dense
            ? await waited(rows<Record<string, unknown>>(store.pool, [`SELECT ${walk.read}, 0 AS c FROM ${store.table} WHERE `, lower, ` ORDER BY ${walk.order('ASC')} OFFSET `, frag('?', n - 1), ' LIMIT 1']))
            : await waited(
                rows<Record<string, unknown>>(store.pool, [
                  `SELECT p.*, count(*) OVER () AS c FROM (SELECT ${walk.read} FROM ${store.table} WHERE `,
                  lower,
                  ' AND (',
                  where,
                  `) ORDER BY ${walk.order('ASC')} LIMIT `,
                  frag('?', n),
                  `) p ORDER BY ${walk.outerOrder} LIMIT 1`
                ])
              )
          if (!edge && !dense) break
          const upper: unknown[] | null = edge ? walk.values(edge) : null
          const range = and(lower, upper ? walk.bound('<=', upper) : null, { sql: `(${where.sql})`, params: where.params })
          const client = await waited(store.pool.connect())
          let changed = 0
          try {
            const started = performance.now()
            await client.query('BEGIN')
            // On Citus a SET LOCAL stays on the coordinator unless it is propagated: the rows are locked on the
            // workers, so without it the range would queue there until a deadlock check (1 s) and not step back.
            if (store.citus) await client.query("SET LOCAL citus.propagate_set_commands = 'local'")
            await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`)
            // Citus also serializes multi-shard changes with a lock per shard on the coordinator, held while this
            // range waits for a row: the backend's own multi-shard UPDATE then queued behind every retry (1.3 to 1.9 s,
            // measured). Claimed shared, the rows' locks on the workers still order the two.
            if (store.citus) await client.query('SET LOCAL citus.all_modifications_commutative = on')
            const q = numbered([mutate(range)])
            changed = (await waited(client.query(q.text, q.values))).rowCount ?? 0
            await waited(client.query('COMMIT'))
            const ms = performance.now() - started
            pacer.observe(span ? span.rows : dense ? n : Number(edge!.c), ms)
            options.onChunk?.(ms, changed)
            retries = 0
          } catch (e) {
            await client.query('ROLLBACK').catch(() => undefined)
            // The backend holds a row of this range: let go, wait a little, and take a smaller range. A deadlock is
            // the same wait seen from the other side (this range was rolled back, nothing of it done): on Citus a
            // multi-shard UPDATE of another session holds every shard's lock until it commits, and waiting for a row
            // it holds on a worker makes a distributed deadlock the coordinator breaks by cancelling one of the two.
            if (!STEP_BACK.has(sqlState(e) ?? '') || ++retries > MAX_LOCK_RETRIES) throw e
            if (retries * 2 * LOCK_TIMEOUT_MS >= WAIT_NOTICE_MS) waitingForLock()
            n = Math.max(1, Math.floor(n / 2))
            await pause(LOCK_TIMEOUT_MS)
            continue
          } finally {
            client.release()
          }
          done += changed
          waiting = false
          report()
          if (!upper) break
          after = upper
          n = pacer.next()
          await pause(options.gapMs ?? 5)
        }
      }
    report()
    return { done, total, cancelled: false }
  } catch (e) {
    const cause = pgError(e, store.path, action)
    // Counted and started: say exactly what the committed ranges changed (a dropped connection, a stopped server).
    throw total >= 0 ? partialFailure(cause, done, total) : cause
  }
}

/** An order to walk the table in: the columns compared, what is read of the window's far end, and the rows it covers. */
interface WalkOrder {
  /** Only these rows (NULL creation times are walked apart, by key). */
  only: SqlFragment | null
  /** Walks by creation time alone (not by key). */
  timeOnly: boolean
  /** The walk's columns, read as exact cursor values (aliased w0, w1…). */
  read: string
  order(dir: 'ASC' | 'DESC'): string
  outerOrder: string
  bound(op: '>' | '<=', values: unknown[]): SqlFragment
  values(row: Record<string, unknown>): unknown[]
}

function walkOver(store: PgStore, columns: string[], only: SqlFragment | null): WalkOrder {
  const d = store.dialect
  const exprs = columns.map((c) => (c === 'created_at' ? d.timeCursor(c) : c))
  return {
    only,
    timeOnly: columns.length === 1 && columns[0] === 'created_at',
    read: exprs.map((e, i) => `${e} AS w${i}`).join(', '),
    order: (dir) => columns.map((c) => `${c} ${dir}`).join(', '),
    outerOrder: columns.map((_, i) => `w${i} DESC`).join(', '),
    bound: (op, values) => frag(`(${columns.join(', ')}) ${op} (${values.map(() => '?').join(', ')})`, ...values),
    values: (row) => columns.map((_, i) => row[`w${i}`])
  }
}

const byKey = (store: PgStore) => walkOver(store, [...store.dialect.keyColumns], null)
// By creation time alone: a window is every row with a time in (last, far end], ties included, so no key is needed
// to break them and the far end is read from the time index alone (no row is fetched to find it).
const byCreationTime = (store: PgStore) => [walkOver(store, ['created_at'], frag('created_at IS NOT NULL')), walkOver(store, [...store.dialect.keyColumns], frag('created_at IS NULL'))]

/** Fragments joined with AND (nulls left out); '1 = 1' when none. */
function and(...parts: (SqlFragment | null)[]): SqlFragment {
  const present = parts.filter((p): p is SqlFragment => p !== null)
  return present.length ? { sql: present.map((p) => p.sql).join(' AND '), params: present.flatMap((p) => p.params) } : frag('1 = 1')
}

/** The newest creation time (seconds, or UTC text with microseconds), or null for an empty table: a seek where indexed. */
async function newestCreation(store: PgStore): Promise<number | string | null> {
  const [r] = await rows<{ t: number | string | null }>(store.pool, [`SELECT ${store.dialect.timeCursor('max(created_at)')} AS t FROM ${store.table}`])
  return r?.t ?? null
}
