// Formatting for people: numbers, sizes, times and durations, in the UI's language. Pure functions, unit-tested;
// the UI sets the locale (and the duration wording) when its language changes, tests pass them explicitly.
import { formatBytes as bytesIn, formatCount as countIn } from '@shared/format'

type DurationUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days'
type DurationWords = (unit: DurationUnit, values: Record<string, string | number>) => string

const ENGLISH_DURATION: DurationWords = (unit, v) =>
  unit === 'milliseconds' ? `${v.ms} ms` : unit === 'seconds' ? `${v.s} s` : unit === 'minutes' ? `${v.m} m ${v.s} s` : unit === 'hours' ? `${v.h} h ${v.m} m` : `${v.d} d ${v.h} h`

let uiLocale: string | undefined
let durationWords: DurationWords = ENGLISH_DURATION

export function setFormatLocale(locale: string, words: DurationWords = ENGLISH_DURATION): void {
  uiLocale = locale
  durationWords = words
}

export const formatCount = (n: number, locale = uiLocale) => countIn(n, locale)
export const formatBytes = (n: number, locale = uiLocale) => bytesIn(n, locale)

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1]
]

// Built once per locale and style, then reused (the grid formats two times per row on every frame it scrolls).
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>()
function cached<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined
  if (!f) formatters.set(key, (f = make()))
  return f
}
const relative = (locale: string | undefined, numeric: 'auto' | 'always', style: Intl.RelativeTimeFormatStyle) =>
  cached(`r|${locale}|${numeric}|${style}`, () => new Intl.RelativeTimeFormat(locale, { numeric, style }))

/** "3 minutes ago", "in 2 days" (future timestamps exist in the wild), "now". */
export function relativeTime(seconds: number | null, now: number, locale = uiLocale, style: Intl.RelativeTimeFormatStyle = 'long'): string {
  if (seconds === null) return '—'
  const diff = seconds - now
  const abs = Math.abs(diff)
  if (abs < 45) return relative(locale, 'auto', 'long').format(0, 'second')
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relative(locale, 'always', style).format(Math.round(diff / size), unit)
  }
  return '—'
}

export function absoluteTime(seconds: number | null, locale = uiLocale): string {
  if (seconds === null) return '—'
  // Past ±275,000 years a Date is invalid (and formatting it throws): the stored number is all there is to show.
  const date = new Date(seconds * 1000)
  if (Number.isNaN(date.getTime())) return String(seconds)
  return cached(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })).format(date)
}

/**
 * Time from created to last update: "0 s", "1 m 05 s", "2 h 03 m"; under a second only where times have milliseconds
 * (a file read as milliseconds), "850 ms".
 */
export function formatDuration(from: number | null, to: number | null, words = durationWords): string {
  if (from === null || to === null || to < from) return '—'
  if (to - from < 1 && !Number.isInteger(to - from)) return words('milliseconds', { ms: Math.round((to - from) * 1000) })
  const s = Math.floor(to - from)
  const pad = (n: number) => String(n).padStart(2, '0')
  if (s < 60) return words('seconds', { s })
  if (s < 3600) return words('minutes', { m: Math.floor(s / 60), s: pad(s % 60) })
  if (s < 86_400) return words('hours', { h: Math.floor(s / 3600), m: pad(Math.floor((s % 3600) / 60)) })
  return words('days', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) })
}

/** datetime-local input value (local time) ↔ unix seconds. */
export function toLocalInput(seconds: number | undefined): string {
  if (seconds === undefined) return ''
  const d = new Date(seconds * 1000)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}
