import type { Counts } from '../../../shared/results'

// The facets' shared rules: how many error groups and clients are shown, in which order.

export const ERROR_GROUPS = 20

export const CLIENT_GROUPS = 50

export const sortedByName = (c: Counts): Counts => Object.fromEntries(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

export const top = (c: Counts, n: number): Counts =>
  Object.fromEntries(
    Object.entries(c)
      .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, n)
  )
