import { statSync } from 'node:fs'
import type { SchemaKind } from '../../shared/task'
import type { Counts } from './facets'
import type { Store } from './open'

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
}

function fileBytes(path: string): number {
  if (path === ':memory:') return 0
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function counts(store: Store, column: string): Counts {
  const out: Counts = {}
  for (const r of store.db.prepare(`SELECT ${column} AS k, count(*) AS n FROM tasks GROUP BY ${column}`).all() as {
    k: unknown
    n: number
  }[])
    out[String(r.k)] = r.n
  return out
}

export function presentIndexes(store: Store): IndexState[] {
  const names = new Set(
    (store.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tasks'`).all() as { name: string }[]).map(
      (r) => r.name
    )
  )
  return store.dialect.suggestedIndexes.map((i) => ({ name: i.name, present: names.has(i.name) }))
}

export function storeStats(store: Store): StoreStats {
  const { db, dialect } = store
  const pragma = (name: string) => db.pragma(name, { simple: true }) as number | string
  const by_status = counts(store, 'status')
  const range = db.prepare(`SELECT min(created_at) AS lo, max(created_at) AS hi FROM tasks`).get() as { lo: unknown; hi: unknown }
  const indexes = presentIndexes(store)
  return {
    path: store.path,
    kind: dialect.kind,
    read_only: store.readOnly,
    total: Object.values(by_status).reduce((a, b) => a + b, 0),
    by_status,
    by_type: counts(store, 'type'),
    oldest: dialect.decodeTime(range.lo),
    newest: dialect.decodeTime(range.hi),
    file_bytes: fileBytes(store.path),
    page_size: Number(pragma('page_size')),
    page_count: Number(pragma('page_count')),
    freelist_count: Number(pragma('freelist_count')),
    journal_mode: String(pragma('journal_mode')),
    sqlite_version: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    indexes,
    missing_indexes: indexes.filter((i) => !i.present).map((i) => i.name)
  }
}

export interface DailyRow {
  day: string
  counts: Record<string, number>
}

/** Tasks created per day over the last `days` days, per status (local days for the seed, UTC days for the backend). */
export function dailyCounts(store: Store, days: number, now: number): DailyRow[] {
  const d = store.dialect
  const since = now - days * 86_400
  const dayExpr = d.kind === 'seed' ? `date(created_at, 'unixepoch', 'localtime')` : `substr(created_at, 1, 10)`
  const rows = store.db
    .prepare(`SELECT ${dayExpr} AS day, status, count(*) AS n FROM tasks WHERE created_at >= ? GROUP BY day, status ORDER BY day`)
    .all(d.encodeTime(since)) as { day: string | null; status: string; n: number }[]
  const byDay = new Map<string, Record<string, number>>()
  for (const r of rows) {
    if (!r.day) continue
    const counts = byDay.get(r.day) ?? {}
    counts[r.status] = r.n
    byDay.set(r.day, counts)
  }
  return [...byDay].map(([day, counts]) => ({ day, counts }))
}
