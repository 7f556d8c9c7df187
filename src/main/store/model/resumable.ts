const MAX_SCANS = 8

/**
 * Long reads asked for with a budget and `resume` go on where the previous call stopped (same input, same database);
 * without `resume` they start afresh (the caller's data may have changed). A few are kept, the least recently used
 * dropped; all are dropped when the database closes.
 */
export class Resumable<T> {
  private readonly scans = new Map<string, T>()

  peek(key: string): T | undefined {
    return this.scans.get(key)
  }

  take<S extends T>(key: string, resume: boolean, start: () => S): S {
    const found = resume ? this.scans.get(key) : undefined
    this.scans.delete(key)
    const scan = (found as S | undefined) ?? start()
    this.scans.set(key, scan)
    while (this.scans.size > MAX_SCANS) this.scans.delete(this.scans.keys().next().value!)
    return scan
  }

  drop(key: string): void {
    this.scans.delete(key)
  }

  clear(): void {
    this.scans.clear()
  }
}
