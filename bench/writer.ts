import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** What the stand-in backend saw while it wrote: commits, errors, and how long its commits waited. */
export interface WriterReport {
  ops: number
  errors: string[]
  max_wait_ms: number | null
  p99_wait_ms: number | null
}

export const haveWriter = spawnSync('python3', ['--version']).status === 0

/**
 * The stand-in backend (test/fixtures/backend_writer.py): Python's sqlite3 with the backend's 5 s busy timeout, one
 * short commit every 20 ms for `seconds`, in the file's format. Null where python3 is missing.
 */
export function startWriter(root: string, file: string, seconds: number, kind: 'seed' | 'backend' = 'seed'): Promise<WriterReport | null> {
  if (!haveWriter) return Promise.resolve(null)
  const child = spawn('python3', [join(root, 'test', 'fixtures', 'backend_writer.py'), file, String(seconds), kind])
  let out = ''
  child.stdout.on('data', (c) => (out += String(c)))
  return new Promise((resolve) => child.once('exit', () => resolve(out ? (JSON.parse(out) as WriterReport) : null)))
}

/** The stand-in backend running until stopped (SIGTERM makes it finish its commit and report). */
export function runWriter(root: string, file: string, kind: 'seed' | 'backend'): { stop(): Promise<WriterReport | null> } {
  if (!haveWriter) return { stop: () => Promise.resolve(null) }
  const child = spawn('python3', [join(root, 'test', 'fixtures', 'backend_writer.py'), file, '3600', kind])
  let out = ''
  child.stdout.on('data', (c) => (out += String(c)))
  const exited = new Promise<WriterReport | null>((resolve) => child.once('exit', () => resolve(out ? (JSON.parse(out) as WriterReport) : null)))
  return {
    stop() {
      child.kill('SIGTERM')
      return exited
    }
  }
}
