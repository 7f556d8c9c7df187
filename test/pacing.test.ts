import { describe, expect, it } from 'vitest'
import { gapAfter, Pacer } from '../src/main/store/model/pacing'

// The pacer on a fake clock: each disk is a cost model (ms for a transaction of n rows); a purge of 770,000 rows runs
// with the app's 25 ms gap after each transaction. Its throughput is compared with the best fixed window whose
// transactions all stay within the same 200 ms bound, and its longest transaction with the 250 ms a backend may wait.

const BOUND = 200
const GAP = 25
const ROWS = 770_000

type Disk = (rows: number, i: number) => number

/** A deterministic wobble of ±spread around 1 (so runs are repeatable). */
function wobble(spread: number): (i: number) => number {
  let s = 12345
  const values: number[] = []
  return (i) => {
    while (values.length <= i) {
      s = (s * 1103515245 + 12345) % 2 ** 31
      values.push(1 - spread + (2 * spread * s) / 2 ** 31)
    }
    return values[i]!
  }
}

const linear = (fixedMs: number, perRowMs: number): Disk => (n) => fixedMs + perRowMs * n
/** Random primary keys: a window of n rows dirties P(1 − e^(−n/P)) of the key index's P pages, each written twice. */
const randomKeys = (pages: number, pageMs: number, fixedMs: number, perRowMs: number): Disk => (n) => fixedMs + pageMs * pages * (1 - Math.exp(-n / pages)) + perRowMs * n

function simulate(disk: Disk, rows = ROWS, pacer = new Pacer({ boundMs: BOUND })) {
  let clock = 0
  let left = rows
  let worst = 0
  const windows: number[] = []
  for (let i = 0; left > 0; i++) {
    const n = Math.min(left, pacer.next())
    const ms = disk(n, i)
    pacer.observe(n, ms)
    worst = Math.max(worst, ms)
    windows.push(n)
    clock += ms + GAP
    left -= n
  }
  return { rowsPerSecond: (rows / clock) * 1000, worst, transactions: windows.length, windows }
}

/** The best fixed window whose every transaction stays within the bound (searched on a fine grid). */
function bestFixed(disk: Disk): { rows: number; rowsPerSecond: number } {
  let best = { rows: 0, rowsPerSecond: 0 }
  for (let n = 1; n <= 400_000; n = Math.max(n + 1, Math.round(n * 1.01))) {
    const ms = disk(n, 0)
    if (ms > BOUND) break
    const rate = (n / (ms + GAP)) * 1000
    if (rate > best.rowsPerSecond) best = { rows: n, rowsPerSecond: rate }
  }
  return best
}

const disks: [string, Disk][] = [
  ['a fast disk (2 ms commit, 250,000 rows/s)', linear(2, 0.004)],
  ['a commit of 70 ms', linear(70, 0.01)],
  ['a commit of 150 ms', linear(150, 0.01)],
  ['random keys (12,000 index pages dirtied at random)', randomKeys(12_000, 0.03, 5, 0.002)],
  ['random keys on a slow disk (60 ms commit)', randomKeys(25_000, 0.03, 60, 0.004)]
]

describe('pacing chunked writes by a learned cost model', () => {
  for (const [name, disk] of disks) {
    it(`${name}: within 1.25× of the best fixed window, no transaction over 250 ms`, () => {
      const run = simulate(disk)
      const best = bestFixed(disk)
      expect(best.rows).toBeGreaterThan(0)
      expect(run.rowsPerSecond * 1.25).toBeGreaterThanOrEqual(best.rowsPerSecond)
      expect(run.worst).toBeLessThanOrEqual(250)
    })
  }

  it('holds when every transaction wobbles by ±20 %', () => {
    const noise = wobble(0.2)
    for (const [, disk] of disks) {
      const run = simulate((n, i) => disk(n, i) * noise(i))
      // The fixed window to beat keeps even its slowest (+20 %) transaction within the bound.
      const best = bestFixed((n, i) => disk(n, i) * 1.2)
      expect(run.rowsPerSecond * 1.25).toBeGreaterThanOrEqual(best.rowsPerSecond)
      expect(run.worst).toBeLessThanOrEqual(250 * 1.2)
    }
  })

  it('follows a disk that becomes slow part-way (another process starts fsyncing) and fast again', () => {
    const fast = linear(2, 0.004)
    const slow = linear(90, 0.01)
    const phase = (i: number) => (i >= 40 && i < 140 ? slow : fast)
    const run = simulate((n, i) => phase(i)(n, i), 5_000_000)
    // After a few transactions to notice, the slow phase stays within the writer's bound and is not pinned small.
    const slowWindows = run.windows.slice(45, 140)
    expect(Math.max(...slowWindows.map((n) => slow(n, 0)))).toBeLessThanOrEqual(250)
    expect(Math.min(...slowWindows)).toBeGreaterThan(3_000)
    // Back on the fast disk the window grows again.
    expect(Math.max(...run.windows.slice(150))).toBeGreaterThan(20_000)
  })

  it('does not shrink the window below what the fixed cost makes worth it, even when the bound cannot be met', () => {
    // A commit alone takes 300 ms: no window meets 200 ms, so the window amortises the commit instead of collapsing.
    const run = simulate(linear(300, 0.01))
    expect(Math.min(...run.windows.slice(7, -1))).toBeGreaterThanOrEqual(9_000)
    expect(run.rowsPerSecond).toBeGreaterThan(20_000)
  })

  it('keeps to maxRows and starts with the probe', () => {
    const pacer = new Pacer({ boundMs: BOUND, firstRows: 64, maxRows: 500 })
    expect(pacer.next()).toBe(64)
    pacer.observe(64, 0.5)
    for (let i = 0; i < 10; i++) {
      const n = pacer.next()
      expect(n).toBeLessThanOrEqual(500)
      pacer.observe(n, 0.5 + n * 0.001)
    }
    expect(pacer.next()).toBe(500)
  })

  it('ignores empty transactions and nonsense timings', () => {
    const pacer = new Pacer({ boundMs: BOUND, firstRows: 100 })
    pacer.observe(0, 50)
    pacer.observe(10, Number.NaN)
    expect(pacer.next()).toBe(100)
    expect(pacer.model.perRowMs).toBe(0)
  })
})

describe('the pause after each transaction', () => {
  // SQLite's default busy handler (sqliteDefaultBusyCallback): the waits between its looks at the lock.
  const DELAYS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]
  /** The times (ms after it first found the lock taken) at which a waiting writer looks again, up to 5 s. */
  const looks = (() => {
    const out = [0]
    for (let i = 0; out.at(-1)! < 5000; i++) out.push(out.at(-1)! + DELAYS[Math.min(i, DELAYS.length - 1)]!)
    return out
  })()

  it('contains a look of a writer that started waiting at any moment of the transaction', () => {
    for (let ms = 1; ms <= 600; ms += 1) {
      const gap = gapAfter(ms)
      for (let arrival = 0; arrival < ms; arrival += 0.5) {
        // The gap runs from ms to ms + gap on our clock; the writer's looks are at arrival + looks[i].
        const inGap = looks.some((l) => arrival + l >= ms && arrival + l < ms + gap)
        if (!inGap) throw new Error(`a ${ms} ms transaction with a ${gap} ms pause: a writer arriving at ${arrival} ms misses it`)
      }
    }
    expect(gapAfter(50)).toBeLessThanOrEqual(30)
    expect(gapAfter(180)).toBeLessThanOrEqual(55)
  })

  it('a 25 ms pause after a 200 ms transaction could be missed (why the pause grows with the transaction)', () => {
    const missed = Array.from({ length: 200 }, (_, arrival) => arrival).filter((arrival) => !looks.some((l) => arrival + l >= 200 && arrival + l < 225))
    expect(missed.length).toBeGreaterThan(0)
  })
})
