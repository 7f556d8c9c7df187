/**
 * Whether a search stream has more to find. Once the count is exact and every match it counted is loaded, it has
 * nothing left: it ends by itself instead of waiting for a scroll to ask for a page that would come back empty.
 */
export function streamMore(loaded: number, next: string | null, exactTotal: number | null, stopped: boolean): { more: boolean; hasMore: boolean } {
  const more = next !== null && !(exactTotal !== null && loaded >= exactTotal)
  return { more, hasMore: more && !stopped }
}
