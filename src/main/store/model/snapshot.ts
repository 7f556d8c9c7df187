import { AppError } from '../../../shared/errors'
import type { Snapshot } from '../../../shared/results'

// What a preview fixes and the confirmed job applies, opaque to the page like a cursor: `at`, the cutoff for relative
// filters, and the engine's own mark of which rows existed then — SQLite's largest rowid; PostgreSQL needs none (it
// bounds by creation time before `at`). One encoding, one refusal.

export function makeSnapshot(at: number, bound: number | null): Snapshot {
  return { at, bound: Buffer.from(JSON.stringify(bound)).toString('base64url') }
}

/** The rowid bound a SQLite snapshot carries. */
export function rowidBound(snapshot: Snapshot): number {
  try {
    const bound = JSON.parse(Buffer.from(snapshot.bound, 'base64url').toString('utf8')) as unknown
    if (Number.isSafeInteger(bound)) return bound as number
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'The preview this change was confirmed on does not belong to this database; preview it again.')
}
