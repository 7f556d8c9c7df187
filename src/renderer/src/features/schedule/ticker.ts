// The scheduled cleanup runs while the app is open: the page asks the main process once a minute whether the open
// file's cleanup is due (the main process decides, records and keeps two windows from running it twice). Timers are
// injectable so tests drive a day in a millisecond.

export interface Clock {
  now(): number
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export const CHECK_EVERY_MS = 60_000

const realClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>)
}

/** Calls tick(now in Unix seconds) at once and every minute, never twice at the same time. Returns the stop function. */
export function startTicker(tick: (nowSeconds: number) => Promise<unknown>, clock: Clock = realClock, everyMs = CHECK_EVERY_MS): () => void {
  let busy = false
  const run = () => {
    if (busy) return
    busy = true
    void tick(clock.now() / 1000)
      .catch(() => undefined)
      .finally(() => (busy = false))
  }
  run()
  const handle = clock.setInterval(run, everyMs)
  return () => clock.clearInterval(handle)
}
