// How hard a destructive action is to confirm grows with the damage it can do.

export type ConfirmLevel = 'nothing' | 'click' | 'type'

export const DEFAULT_TYPE_THRESHOLD = 1000

/** Nothing to do → nothing to confirm; small → a button; at or above the threshold → type the number. */
export function confirmLevel(count: number, threshold = DEFAULT_TYPE_THRESHOLD): ConfirmLevel {
  if (count <= 0) return 'nothing'
  return count >= threshold ? 'type' : 'click'
}

/** Accepts the count typed with or without grouping separators ("12345", "12,345", "12 345"). */
export function typedCountMatches(typed: string, count: number): boolean {
  const digits = typed.replace(/[\s,.'_\u00a0\u202f]/g, '')
  return /^\d+$/.test(digits) && Number(digits) === count
}

export function newJobId(): string {
  const c = globalThis.crypto
  if (c?.randomUUID) return c.randomUUID()
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}
