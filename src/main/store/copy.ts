import { AppError } from '../../shared/errors'
import type { CopyResult, Distribution } from '../../shared/results'
import type { SchemaKind } from '../../shared/task'
import { columnChecksums, type CopyOptions, type CopySide } from './model/copy'
import { FORMAT_COLUMNS } from './model/dialect'
import { openPgCopySide } from './pg/copy-side'
import { isPgUrl } from './pg/url'
import { sqliteSide } from './sqlite/copy-side'
import { openStore } from './sqlite/open'

// The copy between two tables, each a SQLite file or a PostgreSQL table: the one place that opens either engine's
// side by its name (the rules of a copy and its checksums are in model/copy.ts).

/** Opens a side by its name: a postgres:// URL, or a SQLite file path. */
export async function openCopySide(name: string, options: { readOnly: boolean; create?: SchemaKind; fractionalTimes?: boolean; distributeBy?: Distribution }): Promise<CopySide & { created: boolean }> {
  if (isPgUrl(name)) return openPgCopySide(name, options)
  if (options.distributeBy) throw new AppError('INVALID_INPUT', `${name} is a SQLite file; --distribute-by applies to a table on a Citus coordinator (a postgres:// URL).`)
  const store = openStore(name, { readOnly: options.readOnly, create: options.create !== undefined, schema: options.create })
  return { ...sqliteSide(store), created: store.created }
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
  const { batch = 2000, signal, onProgress, distributeBy } = options
  const target = await openCopySide(to, { readOnly: false, create: source.kind, fractionalTimes: await source.fractionalTimes(), distributeBy })
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
    const citus = target.citus ? { citus: target.citus } : {}
    if (cancelled) return { copied, skipped: done - copied, total, cancelled, rows: { from: total, to: await target.count() }, checks: [], created: target.created, ...citus }
    const json = source.resultIsJsonb || target.resultIsJsonb
    const a = await columnChecksums(source, json, signal)
    const b = await columnChecksums(target, json, signal)
    const checks = FORMAT_COLUMNS[source.kind].map((c) => ({ column: c, from: a.sums[c]!, to: b.sums[c]!, same: a.sums[c] === b.sums[c] }))
    return { copied, skipped: done - copied, total, cancelled: false, rows: { from: a.rows, to: b.rows }, checks, created: target.created, ...citus }
  } finally {
    await target.close()
  }
}
