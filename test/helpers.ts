import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach } from 'vitest'

const dirs: string[] = []
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docusnap-test-'))
  dirs.push(dir)
  return dir
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}


/** Runs the seed's real Python functions (test/fixtures/seed_module.py) against a database file. */
export function runSeedPython(dbPath: string, calls: unknown[][]): unknown[] {
  const r = spawnSync('python3', [join(import.meta.dirname, 'fixtures', 'seed_module.py')], {
    input: JSON.stringify(calls),
    env: { ...process.env, DATABASE_PATH: dbPath },
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as unknown[]
}

/**
 * A copy of the built command line that another user can run: a checkout in a private folder (0700, as in a home
 * folder or `mktemp -d`) cannot be entered by them. Holds the launcher, the build and the runtime packages only.
 */
export function cliCopyForOtherUsers(): string {
  const root = join(import.meta.dirname, '..')
  const dir = mkdtempSync(join(tmpdir(), 'docusnap-cli-'))
  dirs.push(dir)
  const copy = (from: string, filter?: (p: string) => boolean) => cpSync(join(root, from), join(dir, from), { recursive: true, filter })
  copy('package.json')
  copy('bin')
  copy('out/main')
  const sqlite = join(root, 'node_modules', 'better-sqlite3')
  copy('node_modules/better-sqlite3', (p) => p === sqlite || /^(package\.json|lib|build)([\\/]|$)/.test(relative(sqlite, p)) && !/[\\/](obj|deps|test_extension)/.test(p))
  for (const pkg of ['bindings', 'file-uri-to-path', 'zod', 'i18next']) copy(`node_modules/${pkg}`)
  spawnSync('chmod', ['-R', 'a+rX', dir])
  return dir
}
