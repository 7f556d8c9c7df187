import { CONSOLE_CELL_CHARS, type ConsoleCell } from '../../../shared/console'

// A value read by a console query, as a cell a page can hold: JSON-safe, bounded in size.

const HEX_HEAD = 32

export function consoleCell(value: unknown, cellChars = CONSOLE_CELL_CHARS): ConsoleCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : { t: 'int', v: value.toString() }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'boolean') return value
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const bytes = Buffer.from(value as Uint8Array)
    return { t: 'blob', size: bytes.length, hex: bytes.subarray(0, HEX_HEAD).toString('hex') }
  }
  const text = typeof value === 'string' ? value : String(value)
  return text.length > cellChars ? { t: 'cut', head: text.slice(0, cellChars), length: text.length } : text
}

/** PostgreSQL's bytea in text form (\x…) as bytes. */
export function pgBytes(text: string): Buffer {
  return text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex') : Buffer.from(text, 'latin1')
}

/** A value as an export writes it: BLOBs as bytes, big integers as their digits. */
export function exportValue(value: unknown): unknown {
  return typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value
}

/** Column names made unique for rows kept as objects (SELECT 1 AS a, 2 AS a): a, a_2. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1
    seen.set(n, k)
    return k === 1 ? n : `${n}_${k}`
  })
}
