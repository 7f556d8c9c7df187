// How many rows the next write transaction of a chunked job takes. A transaction's time is modelled as a fixed part
// (the commit: journal, fsyncs, the journal's deletion) plus a part per row (pages dirtied, journaled and written),
// both learned from the transactions already run. The window is sized so the predicted time meets the lock bound —
// a backend waiting for the lock then never waits much longer than one transaction — but never below the size where
// the fixed part would be most of the work: on a disk whose commit alone costs 70 or 150 ms, shrinking the window
// does not shorten the transaction, it only multiplies the commits (a ratio controller fell to 50 rows there and
// purged at ~220 rows/s). Pure: the caller measures, the pacer decides.

export interface PaceOptions {
  /** The longest a transaction should hold the write lock (ms). */
  boundMs: number
  /** Rows in the first transaction, a probe of the fixed cost. */
  firstRows?: number
  /** Never more rows than this in one transaction (tests use it to get many transactions). */
  maxRows?: number
}

interface Observation {
  rows: number
  ms: number
}

const HISTORY = 8
/** Recent transactions count more: the disk's speed changes (another process's fsyncs, the walk reaching cold pages). */
const DECAY = 0.7
/** A window grows at most this much from one transaction to the next (one fast transaction proves little). */
const MAX_GROWTH = 4

export class Pacer {
  private readonly history: Observation[] = []
  private fixedMs = 0
  private perRowMs = 0
  private residualMs = 0
  /** Whether the two parts have ever been told apart (before that, the fixed part is unknown and taken as 0). */
  private learned = false
  private last: number
  private readonly maxRows: number

  constructor(private readonly options: PaceOptions) {
    this.maxRows = Math.max(1, Math.floor(options.maxRows ?? 1_000_000))
    this.last = Math.min(this.maxRows, Math.max(1, Math.floor(options.firstRows ?? 200)))
  }

  /** A new lock bound (a maintenance window ended); what was learned about the disk still holds. */
  setBound(boundMs: number): void {
    this.options.boundMs = boundMs
    // Before the parts are told apart, start over from a window that, taken as all per-row time, fits the new bound.
    if (!this.learned) this.history.length = 0
    this.last = Math.min(this.last, Math.max(1, Math.floor(this.perRowMs > 0 ? (boundMs - this.fixedMs) / this.perRowMs : this.last)))
  }

  /** The model as learned so far, for logs and benchmarks. */
  get model(): { fixedMs: number; perRowMs: number; noiseMs: number } {
    return { fixedMs: this.fixedMs, perRowMs: this.perRowMs, noiseMs: this.residualMs }
  }

  /** Rows for the next transaction. */
  next(): number {
    const newest = this.history.at(-1)
    if (!newest || this.perRowMs <= 0) return this.last
    const { boundMs } = this.options
    // Aim below the bound by the model's recent error, and by the worst overrun of the recent transactions over what
    // the model (as it stands) gives for them: a disk whose commits sometimes take 1.4× their usual time gets windows
    // that leave room for that, since each overrun is a longer wait for the backend.
    const worstOverrun = this.learned ? Math.min(2, Math.max(1, ...this.history.map((o) => o.ms / (this.fixedMs + this.perRowMs * o.rows)))) : 1
    const aim = Math.min(boundMs - Math.min(boundMs / 4, 2 * this.residualMs), boundMs / worstOverrun)
    let wanted: number
    if (!this.learned) {
      // The fixed part is not known yet. While transactions stay under the aim, grow by at least half, so the sizes
      // spread far enough apart for the fit to tell a slow commit from slow rows (with a 150 ms commit the time hardly
      // moves at first); scaling by aim / ms, as if all the time were per row, can only undershoot. Over the bound,
      // shrink by that ratio — a commit that costs the same at any size shows itself as the sizes fall.
      const scaled = (newest.rows * aim) / Math.max(newest.ms, 1e-3)
      if (newest.ms <= aim) wanted = Math.max(scaled, newest.rows * 1.5)
      else if (newest.ms <= boundMs * 1.1) wanted = newest.rows
      else wanted = Math.max(scaled, newest.rows / 2)
    } else {
      const fitting = (aim - this.fixedMs) / this.perRowMs
      // The floor: a third of the fixed cost's worth of rows. Below it, most of each transaction is commit overhead.
      const floor = this.fixedMs / (3 * this.perRowMs)
      wanted = Math.max(fitting, floor)
    }
    const rows = Math.min(this.maxRows, Math.floor(wanted), this.last * MAX_GROWTH)
    this.last = Math.max(1, rows)
    return this.last
  }

  /** A transaction of `rows` rows held the lock for `ms`. Empty transactions teach nothing about rows. */
  observe(rows: number, ms: number): void {
    if (!(rows > 0) || !(ms >= 0)) return
    if (this.history.length > 0) {
      const predicted = this.fixedMs + this.perRowMs * rows
      const err = Math.abs(ms - predicted)
      this.residualMs = this.residualMs === 0 ? err : DECAY * this.residualMs + (1 - DECAY) * err
    }
    this.history.push({ rows, ms })
    if (this.history.length > HISTORY) this.history.shift()
    this.fit()
  }

  /**
   * Weighted least squares of ms = fixed + perRow × rows over the recent transactions, trusted when the slope stands
   * out of the noise (over twice its standard error, with at least three transactions). Otherwise — sizes too alike,
   * as once the window has settled, or too noisy — the fixed part learned before is kept and the per-row part is read
   * off the newest transactions.
   */
  private fit(): void {
    const h = this.history
    const weights = h.map((_, i) => DECAY ** (h.length - 1 - i))
    const sw = weights.reduce((a, b) => a + b, 0)
    const mx = h.reduce((a, o, i) => a + weights[i]! * o.rows, 0) / sw
    const my = h.reduce((a, o, i) => a + weights[i]! * o.ms, 0) / sw
    const sxx = h.reduce((a, o, i) => a + weights[i]! * (o.rows - mx) ** 2, 0)
    const sxy = h.reduce((a, o, i) => a + weights[i]! * (o.rows - mx) * (o.ms - my), 0)
    const minMs = Math.min(...h.map((o) => o.ms))
    if (h.length >= 3 && sxx > 0 && sxy > 0) {
      const slope = sxy / sxx
      const intercept = my - slope * mx
      const sse = h.reduce((a, o, i) => a + weights[i]! * (o.ms - intercept - slope * o.rows) ** 2, 0)
      const standardError = Math.sqrt(sse / sw / Math.max(1, h.length - 2) / (sxx / sw))
      if (slope > 2 * standardError) {
        // The fixed part is at least 0 and at most the cheapest transaction seen.
        this.fixedMs = Math.min(Math.max(0, intercept), minMs)
        this.perRowMs = Math.max(1e-9, (my - this.fixedMs) / mx)
        this.learned = true
        return
      }
    }
    this.fixedMs = Math.min(this.fixedMs, minMs)
    this.perRowMs = Math.max(1e-9, (my - this.fixedMs) / mx)
  }
}

/**
 * The pause after a transaction of `ms` that lets a backend waiting for the lock in — measured necessity, not
 * courtesy. SQLite's default busy handler (Python's sqlite3 with timeout=5 uses it) does not wait for the lock to come
 * free: it sleeps and looks again, at 0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178 and 228 ms of waiting, then every
 * 100 ms. A writer that began waiting at any point of our transaction has waited at most `ms` when it ends, so its
 * next look comes within 25 ms (if ms < 103), 50 ms (ms < 228) or 100 ms; a pause that long (plus timer slack) is sure
 * to contain a look. With a fixed 25 ms pause after 200 ms transactions a writer missed gap after gap: it waited
 * 2–4 s (measured on a 1 M-row purge).
 */
export function gapAfter(ms: number): number {
  const SLACK = 5
  if (ms < 103) return 25 + SLACK
  if (ms < 228) return 50 + SLACK
  return 100 + SLACK
}
