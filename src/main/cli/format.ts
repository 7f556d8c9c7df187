import { formatBytes } from '../../shared/format'
import type { TaskRow } from '../../shared/task'
import { cliLocale, tr } from './i18n'

// Human-readable output for a terminal. Scripts use --json, whose keys are fixed.

/** A time as the command line prints it: UTC, like the backend's own text, so it can be pasted back into a filter. */
export function utcTime(seconds: number | null): string {
  if (seconds === null) return '—'
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

/** Sizes as the UI shows them, in the command line's language. */
export const bytes = (n: number) => formatBytes(n, cliLocale())

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

export function taskTable(tasks: TaskRow[]): string {
  const backend = tasks.some((t) => t.client_id !== undefined)
  const headers = backend
    ? (['client', 'sha256', 'type', 'status', 'createdUtc', 'accessedUtc', 'result', 'error'] as const).map((c) => tr(`cli.columns.${c}`))
    : (['id', 'type', 'status', 'createdUtc', 'updatedUtc', 'result'] as const).map((c) => tr(`cli.columns.${c}`))
  const rows = tasks.map((t) =>
    backend
      ? [t.client_id ?? '', (t.sha256 ?? '').slice(0, 12), t.type, t.status, String(t.created_at ?? '—'), String(t.updated_at ?? '—'), bytes(t.result_bytes), t.error ?? '']
      : [t.id, t.type, t.status, utcTime(t.created), utcTime(t.updated), bytes(t.result_bytes)]
  )
  return table(headers, rows)
}

export function countsTable(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).map(([k, n]) => [k, n.toLocaleString(cliLocale())])
  return rows.length ? `${title}\n${table(['', tr('cli.titles.tasks')], rows).split('\n').slice(1).map((l) => `  ${l}`).join('\n')}` : `${title}\n  ${tr('cli.titles.none')}`
}
