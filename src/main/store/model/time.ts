// Time helpers. The seed stores unix seconds; the backend stores UTC text 'YYYY-MM-DD HH:MM:SS', which sorts and
// compares correctly as text because every field is fixed-width.

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/** The local calendar day of a Unix time, YYYY-MM-DD. */
export function localDay(seconds: number): string {
  const t = new Date(seconds * 1000)
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`
}
