import type { TimeUnit } from '../../../shared/task'
import type { Dialect } from './dialect'

// The seed stores int(time.time()): Unix seconds. A writer that stored Date.now() (milliseconds) makes every time
// read as tens of thousands of years away. The app notices (a sample of the file), asks the user, and reads the file
// in the unit chosen; it never rewrites a time to convert it.

/** 3000-01-01T00:00:00Z and 1990-01-01T00:00:00Z, in seconds. */
export const YEAR_3000 = 32_503_680_000

export const YEAR_1990 = 631_152_000

/**
 * What a sample of stored numeric times suggests: 'milliseconds' when most of them lie past the year 3000 as seconds
 * and between 1990 and 3000 as milliseconds, 'seconds' when most are plausible as seconds, null when neither (an empty
 * table, or a mix that is no unit at all).
 */
export function guessTimeUnit(values: readonly number[]): TimeUnit | null {
  const finite = values.filter((v) => Number.isFinite(v))
  if (finite.length === 0) return null
  const most = (test: (v: number) => boolean) => finite.filter(test).length * 2 > finite.length
  if (most((v) => v >= YEAR_3000 && v / 1000 >= YEAR_1990 && v / 1000 < YEAR_3000)) return 'milliseconds'
  if (most((v) => v < YEAR_3000)) return 'seconds'
  return null
}

/**
 * The dialect reading and writing times in `unit`. Only numeric times have a unit: the backend's UTC text is
 * unambiguous and keeps its dialect. Every bound, cutoff and written time goes through encodeTime, so filters, cleanup
 * and the app's own writes use the file's unit; what is shown goes through decodeTime, in seconds.
 */
export function inTimeUnit(d: Dialect, unit: TimeUnit | undefined): Dialect {
  if (unit !== 'milliseconds' || d.kind !== 'seed') return d
  return {
    ...d,
    timeScale: 1000,
    encodeTime: (s) => Math.round(s * 1000),
    decodeTime: (v) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) / 1000 : null)
  }
}
