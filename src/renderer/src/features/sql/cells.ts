import type { ConsoleCell, ConsoleColumn } from '@shared/console'

// How a console cell reads, as pure functions: the grid, the copy buttons and the expand view agree.

const TIME_NAMES = new Set(['created_at', 'updated_at', 'last_accessed'])
const NUMERIC = /int|real|float|double|numeric|decimal|serial|oid/i

/** The cell as plain text (what Copy puts on the clipboard): NULL is the empty cell's word, not a value. */
export function cellText(cell: ConsoleCell): string {
  if (cell === null) return 'NULL'
  if (typeof cell !== 'object') return String(cell)
  if (cell.t === 'int') return cell.v
  if (cell.t === 'cut') return cell.head
  return `\\x${cell.hex}`
}

export const isNumericColumn = (c: ConsoleColumn) => NUMERIC.test(c.type)

/** A column of stored times (by the app's own names) with a value the grid shows as a time: Unix seconds or UTC text. */
export function timeSeconds(column: ConsoleColumn, cell: ConsoleCell): number | null {
  if (!TIME_NAMES.has(column.name.toLowerCase())) return null
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell
  if (typeof cell === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/.test(cell)) {
    const ms = Date.parse(`${cell.replace(' ', 'T').slice(0, 19)}Z`)
    return Number.isNaN(ms) ? null : ms / 1000
  }
  return null
}

/** Text that holds JSON (an object or an array): the expand view shows it as a tree. */
export function jsonOf(cell: ConsoleCell): unknown {
  const text = typeof cell === 'string' ? cell : null
  if (text === null || !/^\s*[[{]/.test(text)) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Worth an Expand: text that looks like JSON, text too long for a cell, or text that was cut. Decided without parsing
 * (a page of 1,000 rows draws at once); the expand view parses.
 */
export const expandable = (cell: ConsoleCell) => (typeof cell === 'string' && (cell.length > 80 || /^\s*[[{]/.test(cell))) || (cell !== null && typeof cell === 'object' && cell.t === 'cut')

/** A row as tab-separated text, the way spreadsheets paste it. */
export const rowText = (row: ConsoleCell[]) => row.map((c) => cellText(c).replace(/[\t\n\r]+/g, ' ')).join('\t')

/** Completion for the editor: the open schema's tables and their columns. */
export function completionSchema(tables: { name: string; columns: { name: string }[] }[]): Record<string, string[]> {
  return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]))
}
