import { createHash } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { SchemaKind } from '../../../shared/task'
import { closeStore, openStore, type Store } from './open'
import { openPgCopySide } from '../pg/copy-side'
import { isPgUrl } from '../pg/url'

// The move across: a tasks table copied from a SQLite file to PostgreSQL (or back, or between two of either), in
// batches with progress. The target table is created in the source's shape when missing. Rows already there (same
// key) are left as they are, so a stopped copy is resumed by running it again. It ends by comparing both sides: the
// row count and, per column, a checksum that does not depend on row order — computed the same way on both sides from
// the values as the app reads them (times as Unix seconds, so text and timestamptz agree).

/** The stored columns of each shape, in the table's order. */
export const COPY_COLUMNS: Record<SchemaKind, readonly string[]> = {
  seed: ['id', 'type', 'status', 'result', 'created_at', 'updated_at'],
  backend: ['client_id', 'sha256', 'type', 'status', 'result', 'error_detail', 'created_at', 'last_accessed']
}
const TIME_COLUMNS = new Set(['created_at', 'updated_at', 'last_accessed'])

export type CopyRow = Record<string, unknown>

/** One end of a copy: a table it can read in batches (in a fixed order) and write to, skipping keys already there. */
export interface CopySide {
  kind: SchemaKind
  /** What to show: a path, or a URL without password. */
  shown: string
  /** Results are jsonb (so they are compared as JSON values, not as text). */
  resultIsJsonb: boolean
  /**
   * Whether some epoch time has a fraction (a SQLite INTEGER column holds a REAL as it was written, e.g. Python's
   * time.time() without int()): a table created for these rows then takes double precision times, not bigint.
   */
  fractionalTimes(): Promise<boolean>
  decodeTime(v: unknown): number | null
  count(): Promise<number>
  batches(size: number): AsyncGenerator<CopyRow[]>
  /** Inserts the rows whose key is not there yet; returns how many were inserted. */
  insert(rows: CopyRow[]): Promise<number>
  close(): Promise<void>
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
}

export interface CopyOptions {
  batch?: number
  signal?: AbortSignal
  onProgress?: (p: { done: number; total: number }) => void
  readOnlySource?: boolean
}

/** A SQLite store as one end of a copy (closing the side closes the store). */
export function sqliteSide(store: Store): CopySide {
  const cols = COPY_COLUMNS[store.dialect.kind]
  return {
    kind: store.dialect.kind,
    shown: store.path,
    resultIsJsonb: false,
    decodeTime: store.dialect.decodeTime,
    fractionalTimes: async () =>
      store.dialect.kind === 'seed' &&
      (store.db.prepare(`SELECT EXISTS (SELECT 1 FROM tasks WHERE (typeof(created_at) = 'real' AND created_at <> CAST(created_at AS INTEGER)) OR (typeof(updated_at) = 'real' AND updated_at <> CAST(updated_at AS INTEGER))) AS x`).get() as { x: number }).x === 1,
    count: async () => (store.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n,
    async *batches(size) {
      const page = store.db.prepare(`SELECT rowid AS _r, ${cols.join(', ')} FROM tasks WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      let after = Number.MIN_SAFE_INTEGER
      for (;;) {
        const rows = page.all(after, size) as CopyRow[]
        if (rows.length === 0) return
        after = Number(rows[rows.length - 1]!._r)
        yield rows
      }
    },
    async insert(rows) {
      if (store.readOnly) throw new AppError('READ_ONLY', `${store.path} is open read-only; nothing can be copied into it.`)
      const insert = store.db.prepare(`INSERT OR IGNORE INTO tasks (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      return store.db.transaction(() => rows.reduce((n, r) => n + insert.run(...cols.map((c) => r[c] ?? null)).changes, 0)).immediate()
    },
    close: async () => closeStore(store)
  }
}

/** Opens a side by its name: a postgres:// URL, or a SQLite file path. */
export async function openCopySide(name: string, options: { readOnly: boolean; create?: SchemaKind; fractionalTimes?: boolean }): Promise<CopySide & { created: boolean }> {
  if (isPgUrl(name)) return openPgCopySide(name, options)
  const store = openStore(name, { readOnly: options.readOnly, create: options.create !== undefined, schema: options.create })
  return { ...sqliteSide(store), created: store.created }
}

/** A value as both sides compare it: times as seconds, JSON results (jsonb on one side) as canonical JSON. */
function canonical(column: string, value: unknown, side: CopySide, jsonResults: boolean): string {
  if (value === null || value === undefined) return '\u0000null'
  if (TIME_COLUMNS.has(column)) return String(side.decodeTime(value) ?? value)
  if (column === 'result' && jsonResults && typeof value === 'string') {
    try {
      return JSON.stringify(sortKeys(JSON.parse(value)))
    } catch {
      return value
    }
  }
  return Buffer.isBuffer(value) ? value.toString('base64') : String(value)
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]))
  return v
}

/** Per column: the sum (mod 2^64) of a hash of (row key, value) over all rows — the same whatever order rows come in. */
export async function columnChecksums(side: CopySide, jsonResults: boolean, signal?: AbortSignal): Promise<{ rows: number; sums: Record<string, string> }> {
  const cols = COPY_COLUMNS[side.kind]
  const keys = side.kind === 'seed' ? ['id'] : ['client_id', 'sha256', 'type']
  const sums = new Map(cols.map((c) => [c, 0n]))
  let n = 0
  for await (const batch of side.batches(5000)) {
    if (signal?.aborted) break
    for (const row of batch) {
      const key = keys.map((k) => String(row[k])).join('\u0000')
      for (const c of cols) {
        const h = createHash('md5').update(key).update('\u0001').update(canonical(c, row[c], side, jsonResults)).digest()
        sums.set(c, (sums.get(c)! + h.readBigUInt64LE(0)) & 0xffffffffffffffffn)
      }
      n++
    }
  }
  return { rows: n, sums: Object.fromEntries([...sums].map(([c, s]) => [c, s.toString(16).padStart(16, '0')])) }
}

export async function copyTasks(from: string, to: string, options: CopyOptions = {}): Promise<CopyResult> {
  if (from === to) throw new AppError('INVALID_INPUT', 'The source and the target are the same; nothing to copy.')
  const source = await openCopySide(from, { readOnly: true })
  try {
    return await copyInto(source, to, options)
  } finally {
    await source.close()
  }
}

/** Copies from an open side (the app's open database, or one opened by copyTasks) into the table named `to`. */
export async function copyInto(source: CopySide, to: string, options: CopyOptions = {}): Promise<CopyResult> {
  const { batch = 2000, signal, onProgress } = options
  const target = await openCopySide(to, { readOnly: false, create: source.kind, fractionalTimes: await source.fractionalTimes() })
  try {
    if (target.shown === source.shown) throw new AppError('INVALID_INPUT', 'The source and the target are the same; nothing to copy.')
    if (target.kind !== source.kind)
      throw new AppError('INCOMPATIBLE_SCHEMA', `${target.shown} holds ${target.kind === 'seed' ? 'seed-format' : 'DocuSnap-Backend'} tasks and ${source.shown} the other format; copy into a new table (?table=…) instead.`)
    const total = await source.count()
    let done = 0
    let copied = 0
    onProgress?.({ done, total })
    let cancelled = false
    for await (const rows of source.batches(batch)) {
      if (signal?.aborted) {
        cancelled = true
        break
      }
      copied += await target.insert(rows)
      done += rows.length
      onProgress?.({ done, total })
    }
    if (cancelled) return { copied, skipped: done - copied, total, cancelled, rows: { from: total, to: await target.count() }, checks: [], created: target.created }
    const json = source.resultIsJsonb || target.resultIsJsonb
    const a = await columnChecksums(source, json, signal)
    const b = await columnChecksums(target, json, signal)
    const checks = COPY_COLUMNS[source.kind].map((c) => ({ column: c, from: a.sums[c]!, to: b.sums[c]!, same: a.sums[c] === b.sums[c] }))
    return { copied, skipped: done - copied, total, cancelled: false, rows: { from: a.rows, to: b.rows }, checks, created: target.created }
  } finally {
    await target.close()
  }
}
