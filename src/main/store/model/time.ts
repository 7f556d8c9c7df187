// Time helpers. The seed stores unix seconds; the backend stores UTC text 'YYYY-MM-DD HH:MM:SS', which sorts and
// compares correctly as text because every field is fixed-width.

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

export function toUtcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

const UTC_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/

export function fromUtcText(text: string): number | null {
  const m = UTC_TEXT.exec(text.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}

/** The local calendar day of a Unix time, YYYY-MM-DD. */
export function localDay(seconds: number): string {
  const t = new Date(seconds * 1000)
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`
}
