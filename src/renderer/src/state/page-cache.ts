import type { TaskRow } from '@shared/task'

/** Rows per page the grid asks for. */
export const PAGE_ROWS = 200
/** Pages kept at most (10,000 rows): whatever the size of the table, the grid holds this much and no more. */
export const PAGE_CAPACITY = 50

/** How to ask the store for one page: keyset from the nearest known page start, skipping the pages between. */
export interface PageRequest {
  after: string | null
  skip: number
}

/**
 * The grid's rows of an indexed view (no text search) by position: pages of PAGE_ROWS, fetched wherever the user
 * scrolls or drags to, the least recently used dropped beyond the capacity. The start cursor of every page met is
 * kept (a few bytes each), so a page next to a known one is a plain keyset page and a jump skips only from the
 * nearest known start. Pure: the hook around it does the fetching.
 */
export class PageCache {
  /** Page number → its rows; Map order is recency (a read moves a page to the end). */
  private readonly pages = new Map<number, TaskRow[]>()
  /** Page number → the cursor it starts after (page 0 starts at the beginning). */
  private readonly starts = new Map<number, string | null>([[0, null]])
  /** The number of rows, once a page came back short (the end of the table was seen). */
  private endAt: number | null = null
  /** Rows known to exist: one past the furthest row seen, plus one if the store said there are more. */
  private seen = 0

  constructor(private readonly capacity = PAGE_CAPACITY) {}

  get end(): number | null {
    return this.endAt
  }

  get known(): number {
    return this.endAt ?? this.seen
  }

  get pageCount(): number {
    return this.pages.size
  }

  row(index: number): TaskRow | undefined {
    const p = Math.floor(index / PAGE_ROWS)
    return this.pages.get(p)?.[index - p * PAGE_ROWS]
  }

  /** The pages holding rows first..last (clipped to the end, if known) that are not held, nearest to `first` first. */
  missing(first: number, last: number): number[] {
    const stop = this.endAt === null ? last : Math.min(last, this.endAt - 1)
    const out: number[] = []
    for (let p = Math.floor(Math.max(0, first) / PAGE_ROWS); p * PAGE_ROWS <= stop; p++) if (!this.pages.has(p)) out.push(p)
    return out
  }

  request(page: number): PageRequest {
    let from = page
    while (!this.starts.has(from)) from--
    return { after: this.starts.get(from)!, skip: (page - from) * PAGE_ROWS }
  }

  /**
   * Stores a fetched page and drops the least recently used ones beyond the capacity, never those holding rows
   * first..last (what is on screen).
   */
  put(page: number, tasks: TaskRow[], next: string | null, keep: { first: number; last: number }): void {
    this.pages.delete(page)
    this.pages.set(page, tasks)
    const start = page * PAGE_ROWS
    if (next !== null) {
      this.starts.set(page + 1, next)
      this.seen = Math.max(this.seen, start + tasks.length + 1)
    } else {
      // A short page (or one skipped past the end) ends the table; an empty page far out says only that the end is
      // before it, and the grid then asks for the page before, which finds it.
      this.endAt = start + tasks.length
      this.seen = this.endAt
      for (const p of [...this.pages.keys()]) if (p * PAGE_ROWS >= this.endAt && p !== page) this.pages.delete(p)
    }
    const kept = (p: number) => p >= Math.floor(keep.first / PAGE_ROWS) && p <= Math.floor(keep.last / PAGE_ROWS)
    for (const p of this.pages.keys()) {
      if (this.pages.size <= this.capacity) break
      if (!kept(p)) this.pages.delete(p)
    }
  }

  /** Marks a page as just used (it is on screen), so it is the last to go. */
  touch(page: number): void {
    const rows = this.pages.get(page)
    if (rows) {
      this.pages.delete(page)
      this.pages.set(page, rows)
    }
  }

  /** Every row held, in position order. */
  held(): TaskRow[] {
    return [...this.pages.keys()].sort((a, b) => a - b).flatMap((p) => this.pages.get(p)!)
  }
}
