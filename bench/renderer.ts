/// <reference lib="dom" />
// The page side of these figures runs in Chromium (page.evaluate): the DOM is its world.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeStore, openStore } from '../src/main/store/sqlite/open'

// The renderer's side of the benchmark, in a real browser through serve mode: frame rate and JS heap while the grid
// scrolls a large table (pages load as it goes), and how long a 10 MB result takes to show in the detail panel.

export interface RendererFigures {
  rows_in_table: number
  scroll_seconds: number
  fps: number
  p95_frame_ms: number
  max_frame_ms: number
  /** The furthest row drawn on screen while scrolling and dragging (the grid reaches every row of the table). */
  furthest_row: number
  /** The most JS heap seen while scrolling and jumping, and after a garbage collection at the end. */
  heap_mb: number
  heap_after_gc_mb: number
  /** End pressed in the grid shows the table's last task as the last row. */
  end_reached: boolean
  /** From a jump of the scrollbar to a random place until every row on screen is a real row (no placeholder). */
  jump_ms: number[]
  detail_10mb_ms: number[]
}

type Page = {
  goto(url: string): Promise<unknown>
  waitForSelector(s: string, o?: { timeout?: number }): Promise<unknown>
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>
  click(s: string): Promise<void>
  focus(s: string): Promise<void>
  close(): Promise<void>
  keyboard: { type(text: string): Promise<void>; press(key: string): Promise<void> }
}
type Browser = { newPage(o: { viewport: { width: number; height: number } }): Promise<Page>; close(): Promise<void> }

/** `serve --read-only` on a file, with settings of its own (and `extra` flags, e.g. --allow-sql). */
export async function serve(root: string, db: string, extra: string[] = []): Promise<{ url: string; stop(): void }> {
  const settings = join(mkdtempSync(join(tmpdir(), 'docusnap-bench-')), 'settings.json')
  const child = spawn(process.execPath, [join(root, 'bin', 'docusnap-tasks.js'), 'serve', '--db', db, '--port', '0', '--read-only', '--settings', settings, '--lang', 'en', ...extra])
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += String(c)
      const m = /(http:\/\/\S+#token=\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

/** A file with one task whose result is 10 MB of JSON, as the detail panel's worst case. */
function bigResultDb(dir: string): string {
  const path = join(dir, 'big-result.db')
  const s = openStore(path, { create: true })
  const pages = Array.from({ length: 40_000 }, (_, i) => ({ page: i, text: `第 ${i} 页 ${'x'.repeat(200)}` }))
  s.db.prepare("INSERT INTO tasks VALUES ('big', 'document', 'completed', ?, 1, 2)").run(JSON.stringify({ pages }))
  closeStore(s)
  return path
}

/** Debian's Chromium (else Playwright's), with the flags these machines need; null where Playwright is missing. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser | null> {
  let chromium: { launch(o: object): Promise<Browser> }
  try {
    // A development dependency, kept out of the bundle (electron.vite.config.ts) and loaded only here.
    chromium = ((await import('@playwright/test')) as unknown as { chromium: typeof chromium }).chromium
  } catch {
    return null
  }
  const debian = '/usr/bin/chromium'
  return chromium.launch({
    ...(existsSync(debian) ? { executablePath: debian } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs]
  })
}

export async function rendererBench(root: string, largeDb: string, runs: number, log: (s: string) => void): Promise<RendererFigures | null> {
  const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc'])
  if (!browser) {
    log('  (no Playwright: renderer figures skipped)')
    return null
  }
  const dir = mkdtempSync(join(tmpdir(), 'docusnap-bench-'))
  try {
    const large = await serve(root, largeDb)
    const rowsInTable = (() => {
      const s = openStore(largeDb, { readOnly: true })
      const n = (s.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n
      closeStore(s)
      return n
    })()
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(large.url)
    await page.waitForSelector('[data-testid=grid-scroll] [role=row][aria-rowindex="2"]', { timeout: 30_000 })
    // Scroll as fast as a user flinging the wheel (about 1,000 rows a second) for 8 s, and every half second drag the
    // scrollbar somewhere else in the table, as someone looking for last month would: the heap must stay bounded.
    const scroll = await page.evaluate(async (seconds: number) => {
      const el = document.querySelector<HTMLElement>('[data-testid=grid-scroll]')!
      const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN
      const frames: number[] = []
      let heap = memory()
      let furthest = 0
      let last = performance.now()
      let nextJump = last + 500
      const end = last + seconds * 1000
      await new Promise<void>((done) => {
        const tick = (t: number) => {
          frames.push(t - last)
          last = t
          if (t >= nextJump) {
            el.scrollTop = Math.random() * (el.scrollHeight - el.clientHeight)
            nextJump = t + 500
          } else el.scrollTop += 600
          if (frames.length % 10 === 0) {
            heap = Math.max(heap, memory())
            // The row drawn in the middle of the grid (what a user sees, not what is merely in the page).
            const box = el.getBoundingClientRect()
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[role=row]')
            furthest = Math.max(furthest, Number(hit?.getAttribute('aria-rowindex') ?? 0) - 1)
          }
          if (t < end) requestAnimationFrame(tick)
          else done()
        }
        requestAnimationFrame(tick)
      })
      heap = Math.max(heap, memory())
      ;(globalThis as unknown as { gc?: () => void }).gc?.()
      const sorted = [...frames].sort((a, b) => a - b)
      return {
        fps: frames.length / seconds,
        p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        max: sorted[sorted.length - 1] ?? 0,
        furthest,
        heap: heap / 2 ** 20,
        heapAfterGc: memory() / 2 ** 20
      }
    }, 8)
    // Jumps: from a random place to all rows on screen being real ones.
    const jumps: number[] = []
    for (let i = 0; i < Math.max(5, runs * 2); i++) {
      jumps.push(
        await page.evaluate(async () => {
          const el = document.querySelector<HTMLElement>('[data-testid=grid-scroll]')!
          const t = performance.now()
          el.scrollTop = Math.random() * (el.scrollHeight - el.clientHeight)
          for (;;) {
            await new Promise((r) => requestAnimationFrame(r))
            // What is drawn in the middle of the grid (not merely present in the page) is a real row.
            const box = el.getBoundingClientRect()
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[role=row]')
            if (hit && !hit.hasAttribute('aria-busy') && !el.querySelector('[aria-busy=true]')) return performance.now() - t
            if (performance.now() - t > 30_000) return NaN
          }
        }, null)
      )
    }
    // End: the last row of the table, whatever its size (the scrollbar is scaled past the browser's height cap).
    await page.focus('[role=grid]')
    await page.evaluate(() => document.querySelector<HTMLElement>('[role=grid]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })), null)
    const endReached = await page
      .waitForSelector(`[role=row][aria-rowindex="${rowsInTable + 1}"]:not([aria-busy])`, { timeout: 30_000 })
      .then(() =>
        // Drawn inside the grid's visible area, not just present in the page.
        page.evaluate((n: number) => {
          const row = document.querySelector(`[role=row][aria-rowindex="${n}"]`)!.getBoundingClientRect()
          const box = document.querySelector('[data-testid=grid-scroll]')!.getBoundingClientRect()
          return row.top >= box.top && row.bottom <= box.bottom + 1 && row.height > 0
        }, rowsInTable + 1)
      )
      .catch(() => false)
    await page.close()
    large.stop()

    const big = await serve(root, bigResultDb(dir))
    const detail: number[] = []
    for (let i = 0; i < runs; i++) {
      const p = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await p.goto(big.url)
      await p.waitForSelector('[role=row][aria-rowindex="2"]')
      const t = performance.now()
      await p.click('[role=row][aria-rowindex="2"]')
      await p.waitForSelector('[role=tree] >> text=pages', { timeout: 30_000 })
      detail.push(performance.now() - t)
      await p.close()
    }
    big.stop()
    return {
      rows_in_table: rowsInTable,
      scroll_seconds: 8,
      fps: Math.round(scroll.fps * 10) / 10,
      p95_frame_ms: Math.round(scroll.p95 * 10) / 10,
      max_frame_ms: Math.round(scroll.max * 10) / 10,
      furthest_row: scroll.furthest,
      heap_mb: Math.round(scroll.heap * 10) / 10,
      heap_after_gc_mb: Math.round(scroll.heapAfterGc * 10) / 10,
      jump_ms: jumps.map((x) => Math.round(x)),
      end_reached: endReached,
      detail_10mb_ms: detail.map((x) => Math.round(x))
    }
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
