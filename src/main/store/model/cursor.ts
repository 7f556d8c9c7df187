import { AppError } from '../../../shared/errors'

// A page cursor as both engines hand it out, opaque to the page: the sort value of the last row and what breaks ties
// after it — the rowid on SQLite, the primary key's values on PostgreSQL. One encoding, one refusal.

export type CursorValue = number | string | null

/** A position after a row: its sort value `v` and its tiebreak `r`. */
export interface Cursor<Tie = number> {
  v: CursorValue
  r: Tie
}

export function encodeCursor<Tie>(c: Cursor<Tie>): string {
  return Buffer.from(JSON.stringify([c.v, c.r])).toString('base64url')
}

const isRowid = (tie: unknown): tie is number => Number.isSafeInteger(tie)

/** Reads a cursor this engine handed out; `isTie` says what its tiebreak looks like (a rowid by default). */
export function decodeCursor(text: string): Cursor
export function decodeCursor<Tie>(text: string, isTie: (tie: unknown) => tie is Tie): Cursor<Tie>
export function decodeCursor(text: string, isTie: (tie: unknown) => boolean = isRowid): Cursor<unknown> {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(parsed) && parsed.length === 2 && (parsed[0] === null || typeof parsed[0] === 'number' || typeof parsed[0] === 'string') && isTie(parsed[1]))
      return { v: parsed[0] as CursorValue, r: parsed[1] }
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'The page cursor is not valid; start again from the first page.')
}
