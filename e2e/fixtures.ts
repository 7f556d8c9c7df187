import { test as base, expect } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

// Each test gets its own folder and its own `docusnap-tasks serve` on a free port, against a database it builds with
// the real CLI. The page under test is the built renderer, served exactly as users get it.

export const ROOT = join(import.meta.dirname, '..')
const BIN = join(ROOT, 'bin', 'docusnap-tasks.js')

export function cli(args: string[]): unknown {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`docusnap-tasks ${args.join(' ')} failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as unknown
}

export interface Served {
  url: string
  origin: string
  token: string
  dir: string
  db: string
  stop(): Promise<void>
}

export async function serve(db: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  // Settings of their own per test, never the user's.
  // A PostgreSQL URL has no folder: its tests pass --settings themselves.
  if (/^postgres(ql)?:/.test(db) && !extra.includes('--settings')) throw new Error('serve(postgres://…) needs --settings')
  const settings = extra.includes('--settings') ? [] : ['--settings', join(dirname(db), 'settings.json')]
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', ...settings, ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000)
    child.stdout!.on('data', (c) => {
      out += String(c)
      const m = /(http:\/\/\S+#token=\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.stderr!.on('data', (c) => (out += String(c)))
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)))
  })
  const u = new URL(url)
  return {
    url,
    origin: u.origin,
    token: u.hash.replace('#token=', ''),
    dir: '',
    db,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

interface Fixtures {
  workdir: string
  seedDb: (count?: number, extra?: string[]) => string
  /** Starts serve mode on a database and opens the page; the server stops after the test. */
  openApp: (db: string, extra?: string[], env?: NodeJS.ProcessEnv) => Promise<Served>
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  workdir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'docusnap-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  seedDb: async ({ workdir }, use) => {
    let n = 0
    await use((count = 500, extra: string[] = []) => {
      const db = join(workdir, `tasks-${n++}.db`)
      cli(['demo', '--count', String(count), '--seed', '11', '--db', db, ...extra])
      return db
    })
  },
  openApp: async ({ page }, use) => {
    const servers: Served[] = []
    await use(async (db, extra = [], env = {}) => {
      const s = await serve(db, extra, env)
      servers.push(s)
      await page.goto(s.url)
      // Whichever the app shows first: the grid, the empty-table state, or the open screen.
      await expect(
        page
          .getByRole('grid', { name: 'Tasks' })
          .or(page.getByText('This database has no tasks yet.', { exact: false }))
          .or(page.getByRole('heading', { name: 'Open a task database' }))
      ).toBeVisible()
      return s
    })
    for (const s of servers) await s.stop()
  }
})

export { expect }

export function count(db: string, filters: string[] = []): number {
  return (cli(['count', '--db', db, ...filters]) as { count: number }).count
}

/** A file's SHA-256: the same before and after means nothing in it was written. */
export const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Saves a screenshot as a test artifact (test-results/…) for people to look at. */
export async function shot(page: import('@playwright/test').Page, testInfo: import('@playwright/test').TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) })
}
