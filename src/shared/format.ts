// Number and size formatting shared by the UI and the command line, in the given locale (the user's by default).

// Intl formatters are costly to build and cheap to reuse: a scrolling grid formats hundreds of cells a frame.
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string | undefined, digits?: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${digits ?? ''}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, digits === undefined ? undefined : { maximumFractionDigits: digits })))
  return f
}

export function formatCount(n: number, locale?: string): string {
  return numberFormat(locale).format(n)
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
  return `${numberFormat(locale, v < 10 ? 1 : 0).format(v)} ${units[u]}`
}
