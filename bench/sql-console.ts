/// <reference lib="dom" />
// The page side of the view figure runs in Chromium (page.evaluate): the DOM is its world.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SqlConsole } from '../src/main/console/console-host'
import { nodeConsoleSpawner } from '../src/main/console/spawn'
import type { ConsoleTarget } from '../src/main/console/protocol'
import { buildBenchDb } from './build-db'
import { launchChromium, serve } from './renderer'

/// <reference lib="dom" />
// The SQL console (npm run bench -- --sql [--sizes 1m]): how soon `SELECT * FROM tasks LIMIT 100` has its rows (the
// first query of a session, whose process starts then, and later ones), and an export of the whole table to CSV
// beside the sqlite3 shell's `.mode csv` on the same file, with the console process's peak memory.

export interface SqlConsoleFigures {
  size: string
  /** In the view (serve mode, Chromium): from Run to the 100 rows drawn, median of several runs; null without a browser. */
  view_ms: number | null
  first_query_ms: number
  query_ms: number
  export_s: number
  shell_export_s: number | null
  /** Export speed as a share of the shell's (the target is ≥ 0.8). */
  speed_vs_shell: number | null
  peak_rss_mb: number | null
  csv_mb: number
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/** Peak resident memory of a process (Linux: VmHWM), in MB. */
function peakRss(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? round(Number(m[1]) / 1024) : null
  } catch {
    return null
  }
}

export async function sqlConsoleBench(root: string, dataDir: string, sizes: readonly { label: string; rows: number }[], now: number, runs: number, log: (s: string) => void): Promise<SqlConsoleFigures[]> {
  const child = join(root, 'out', 'main', 'console.js')
  const out: SqlConsoleFigures[] = []
  for (const { label, rows } of sizes) {
    const file = join(dataDir, `seed-${label.toLowerCase()}.db`)
    if (!existsSync(file)) buildBenchDb(file, rows, now, log)
    log(`\nSQL console, ${label} tasks (${file})`)
    const target: ConsoleTarget = { engine: 'sqlite', path: file }
    const sql = 'SELECT * FROM tasks LIMIT 100'
    let console = new SqlConsole(nodeConsoleSpawner(child))
    let t = performance.now()
    await console.rows(target, 'first', sql, 1000, 60_000)
    const first = performance.now() - t
    const warm: number[] = []
    for (let i = 0; i < Math.max(3, runs); i++) {
      t = performance.now()
      await console.rows(target, `q${i}`, sql, 1000, 60_000)
      warm.push(performance.now() - t)
    }
    console.close()
    // A fresh process for the export, so its peak memory is the export's.
    console = new SqlConsole(nodeConsoleSpawner(child))
    await console.rows(target, 'open', 'SELECT 1', 1, 60_000)
    const csv = join(dataDir, `console-export-${label.toLowerCase()}.csv`)
    t = performance.now()
    const r = await console.export(target, 'export', { sql: 'SELECT * FROM tasks', timeoutMs: 600_000, format: 'csv', bom: false, path: csv })
    const exportS = (performance.now() - t) / 1000
    const rss = peakRss(console.pid())
    console.close()
    const csvMb = round(statSync(csv).size / 2 ** 20)
    rmSync(csv, { force: true })
    let shellS: number | null = null
    if (spawnSync('sqlite3', ['--version']).status === 0) {
      const shellOut = join(dataDir, `shell-export-${label.toLowerCase()}.csv`)
      const times: number[] = []
      for (let i = 0; i < Math.min(3, runs); i++) {
        t = performance.now()
        spawnSync('sh', ['-c', `sqlite3 -readonly -csv -header "$1" 'SELECT * FROM tasks' > "$2"`, 'sh', file, shellOut])
        times.push((performance.now() - t) / 1000)
      }
      rmSync(shellOut, { force: true })
      shellS = median(times)
    }
    const view = await viewMs(root, file, runs, log)
    const row: SqlConsoleFigures = {
      size: label,
      view_ms: view,
      first_query_ms: round(first),
      query_ms: round(median(warm)),
      export_s: round(exportS, 2),
      shell_export_s: shellS === null ? null : round(shellS, 2),
      speed_vs_shell: shellS === null ? null : round(shellS / exportS, 2),
      peak_rss_mb: rss,
      csv_mb: csvMb
    }
    log(`  ${r.exported.toLocaleString('en-US')} rows exported: ${JSON.stringify(row)}`)
    out.push(row)
  }
  return out
}

/** Run pressed in the SQL view until the 100 rows of a new answer are in the page, in Chromium through serve mode. */
async function viewMs(root: string, file: string, runs: number, log: (s: string) => void): Promise<number | null> {
  const browser = await launchChromium()
  if (!browser) {
    log('  (no Playwright: the view figure is skipped)')
    return null
  }
  const server = await serve(root, file, ['--allow-sql'])
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(server.url)
    await page.click('[role=tab] >> text=SQL')
    await page.click('[aria-label="SQL query"]')
    await page.keyboard.type('SELECT * FROM tasks LIMIT 100')
    await page.keyboard.press('Escape')
    const times: number[] = []
    for (let i = 0; i < Math.max(5, runs); i++)
      times.push(
        await page.evaluate(async () => {
          const before = document.querySelector('[data-testid=sql-result]')?.getAttribute('data-run') ?? null
          const run = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Run')!
          const t = performance.now()
          run.click()
          for (;;) {
            await new Promise((r) => requestAnimationFrame(r))
            const result = document.querySelector('[data-testid=sql-result]')
            if (result && result.getAttribute('data-run') !== before && result.querySelectorAll('tbody tr').length === 100) return performance.now() - t
            if (performance.now() - t > 30_000) return NaN
          }
        }, null)
      )
    return round(median(times))
  } finally {
    await browser.close()
    server.stop()
  }
}
