import type { DailyCount } from '../../../shared/contract'

/** Tasks per day and status, added up from per-bucket counts (each engine groups in its own SQL), oldest day first. */
export class DailyTally {
  private readonly byDay = new Map<string, Record<string, number>>()

  add(day: string, status: string, n: number): void {
    const counts = this.byDay.get(day) ?? {}
    counts[status] = (counts[status] ?? 0) + n
    this.byDay.set(day, counts)
  }

  days(): DailyCount[] {
    return [...this.byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, counts]) => ({ day, counts }))
  }
}
