// Number and size formatting shared by the UI and the command line, in the given locale (the user's by default).

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n)
}

export function formatBytes(n: number, locale?: string): string {
  if (n < 1024) return `${formatCount(n, locale)} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n
  let u = -1
  do {
    v /= 1024
    u++
  } while (v >= 1024 && u < units.length - 1)
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v)} ${units[u]}`
}
