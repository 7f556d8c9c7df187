import { standardJson } from '../../../shared/python-json'
import type { SchemaKind } from '../../../shared/task'
import { FORMAT_COLUMNS, TIME_COLUMNS } from './dialect'

// Export of the tasks matching a filter, streamed page by page: each page is its own short read, so a long export
// never holds a lock the backend waits for, and memory stays flat whatever the size.

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions {
  format: ExportFormat
  withResult?: boolean
  /** A UTF-8 byte-order mark, so spreadsheet apps read Chinese text in a CSV correctly. */
  bom?: boolean
  /** CSV: times as stored (unix seconds, or the backend's text) instead of ISO 8601 UTC. */
  rawTimes?: boolean
  signal?: AbortSignal
  onProgress?: (p: { done: number; total: number }) => void
  pageSize?: number
}

/** The stored columns, named as the table names them, in the table's order. */
export function exportColumns(store: { dialect: { kind: SchemaKind } }, withResult: boolean): string[] {
  const cols = FORMAT_COLUMNS[store.dialect.kind].filter((c) => c !== 'result')
  return withResult ? [...cols, 'result'] : cols
}

/**
 * RFC 4180: quote a field holding a quote, comma or line break (or edge spaces); double the quotes inside. Text that
 * a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return: OWASP's CSV injection
 * rule) gets a leading ' so it opens as text; stored numbers are numbers and stay as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  // Numbers are never quoted nor guarded (they are stored numbers, not text a spreadsheet would run): the fast path.
  if (typeof value === 'number') return String(value)
  const raw = Buffer.isBuffer(value) ? value.toString('base64') : String(value)
  const first = raw.charCodeAt(0)
  // = + - @ tab CR
  const text = typeof value === 'string' && (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) ? `'${raw}` : raw
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

function jsonValue(value: unknown): unknown {
  return Buffer.isBuffer(value) ? value.toString('base64') : value
}

/** A stored time as ISO 8601 UTC, which spreadsheets and people read: unix seconds, or the backend's UTC text. */
export function isoTime(value: unknown, timeScale = 1): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Date((value / timeScale) * 1000)
    return Number.isNaN(d.getTime()) ? value : d.toISOString().replace('.000Z', 'Z')
  }
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)) return `${value.replace(' ', 'T')}Z`
  return value
}

/**
 * One task as a JSON object. A result that is JSON (the seed's, as its json.loads reads it) is the value itself, its
 * digits as stored; Python's NaN and Infinity become null with `result_non_finite` saying where. Anything else
 * (ciphertext, malformed text) stays the stored string.
 */
function jsonRow(row: Record<string, unknown>, cols: readonly string[], resultIsJson: boolean): string {
  const plain = JSON.stringify(Object.fromEntries(cols.filter((c) => c !== 'result' || !resultIsJson).map((c) => [c, jsonValue(row[c])])))
  if (!resultIsJson || !cols.includes('result')) return plain
  const stored = row.result
  let json = JSON.stringify(jsonValue(stored ?? null))
  let note = ''
  if (typeof stored === 'string' && stored !== '') {
    try {
      const standard = standardJson(stored)
      json = standard.json
      if (Object.keys(standard.nonFinite).length) note = `,"result_non_finite":${JSON.stringify(standard.nonFinite)}`
    } catch {
      // not JSON: the stored text, as a string
    }
  }
  return `${plain.slice(0, -1)}${plain === '{}' ? '' : ','}"result":${json}${note}}`
}

/** What an export reads, whatever the engine: its columns, how many rows, and the rows page by page. */
export interface ExportSource {
  cols: string[]
  resultIsJson: boolean
  total: number
  /** Stored units per second of numeric times (the dialect's timeScale): CSV's ISO times are read in the file's unit. */
  timeScale?: number
  pages: AsyncIterable<Record<string, unknown>[]>
  /** Ends the read early (a cancelled export): the engine lets go of what it holds. */
  close?: () => Promise<void>
}

/**
 * Writes the export through `write` (which may apply back-pressure by returning a promise) and returns the count.
 * Stops between pages when the signal aborts ({ cancelled: true }).
 */
export async function writeExport(
  source: ExportSource,
  write: (chunk: string) => void | Promise<void>,
  options: ExportOptions
): Promise<{ exported: number; cancelled: boolean }> {
  const { format, bom = false, rawTimes = false, signal, onProgress } = options
  const { cols, resultIsJson, total, timeScale = 1 } = source
  const timeAsIso = cols.map((c) => !rawTimes && TIME_COLUMNS.has(c))
  if (bom) await write('\ufeff')
  if (format === 'csv') await write(`${cols.join(',')}\r\n`)
  if (format === 'json') await write('[')
  let done = 0
  onProgress?.({ done, total })
  for await (const rows of source.pages) {
    if (signal?.aborted) {
      await source.close?.()
      return { exported: done, cancelled: true }
    }
    let out = ''
    for (const row of rows) {
      if (format === 'csv') {
        // A plain loop over the columns, the time rule decided once per column: the hot path of a 1 M-row export.
        for (let i = 0; i < cols.length; i++) {
          const c = cols[i]!
          if (i > 0) out += ','
          out += csvField(timeAsIso[i] ? isoTime(row[c], timeScale) : row[c])
        }
        out += '\r\n'
      } else {
        const obj = jsonRow(row, cols, resultIsJson)
        out += format === 'jsonl' ? `${obj}\n` : `${done === 0 && out === '' ? '\n' : ',\n'}${obj}`
      }
    }
    await write(out)
    done += rows.length
    onProgress?.({ done, total })
    // Let other work (and the backend) in between pages.
    await new Promise((r) => setImmediate(r))
  }
  if (signal?.aborted) return { exported: done, cancelled: true }
  if (format === 'json') await write(done ? '\n]\n' : ']\n')
  return { exported: done, cancelled: false }
}
