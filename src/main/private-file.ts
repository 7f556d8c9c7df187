import { randomBytes } from 'node:crypto'
import { openSync } from 'node:fs'

// A file written beside its target and renamed over it at the end (a settings save, an export) is created here:
// exclusively (O_EXCL: a planted file or symbolic link of that name makes it fail instead of being written through),
// under a name nobody can guess beforehand, readable by its owner alone. The rename keeps that mode, so what ends up
// at the target is private too.

/** A new temporary file beside `target`: its path and an open descriptor for writing. */
export function createPrivateTemp(target: string): { path: string; fd: number } {
  const path = `${target}.${randomBytes(8).toString('hex')}.tmp`
  return { path, fd: openSync(path, 'wx', 0o600) }
}
