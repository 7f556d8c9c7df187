// Formatting for people: numbers, sizes, times and durations, in the user's locale. Pure functions, unit-tested.

export { formatBytes, formatCount } from '@shared/format'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1]
]

/** "3 minutes ago", "in 2 days" (future timestamps exist in the wild), "now". */
export function relativeTime(seconds: number | null, now: number, locale?: string, style: Intl.RelativeTimeFormatStyle = 'long'): string {
  if (seconds === null) return '—'
  const diff = seconds - now
  const abs = Math.abs(diff)
  if (abs < 45) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second')
  for (const [unit, size] of UNITS) {
    if (abs >= size) return new Intl.RelativeTimeFormat(locale, { numeric: 'always', style }).format(Math.round(diff / size), unit)
  }
  return '—'
}

export function absoluteTime(seconds: number | null, locale?: string): string {
  if (seconds === null) return '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(seconds * 1000))
}

/** Time from created to last update: "850 ms" is not possible with second timestamps, so "0 s", "1 m 05 s", "2 h 03 m". */
export function formatDuration(from: number | null, to: number | null): string {
  if (from === null || to === null || to < from) return '—'
  const s = to - from
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} m`
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`
}

/** datetime-local input value (local time) ↔ unix seconds. */
export function toLocalInput(seconds: number | undefined): string {
  if (seconds === undefined) return ''
  const d = new Date(seconds * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}
