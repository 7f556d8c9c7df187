import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
