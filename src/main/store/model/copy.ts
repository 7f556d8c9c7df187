import { createHash } from 'node:crypto'
import type { CitusTable, Distribution } from '../../../shared/results'
import type { SchemaKind } from '../../../shared/task'
import { FORMAT_COLUMNS, TIME_COLUMNS } from './dialect'

// The move across: a tasks table copied from a SQLite file to PostgreSQL (or back, or between two of either), in
// batches with progress. The target table is created in the source's shape when missing. Rows already there (same
// key) are left as they are, so a stopped copy is resumed by running it again. It ends by comparing both sides: the
// row count and, per column, a checksum that does not depend on row order — computed the same way on both sides from
// the values as the app reads them (times as Unix seconds, so text and timestamptz agree).


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
  /** How the table is spread over a Citus cluster (null: a plain table); absent for a SQLite file. */
  citus?: CitusTable | null
}

export interface CopyOptions {
  batch?: number
  signal?: AbortSignal
  onProgress?: (p: { done: number; total: number }) => void
  readOnlySource?: boolean
  /** Distribute the target on its Citus coordinator before loading (an empty table; one distributed alike is kept). */
  distributeBy?: Distribution
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
  const cols = FORMAT_COLUMNS[side.kind]
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
