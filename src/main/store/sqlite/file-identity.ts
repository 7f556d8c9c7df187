import { lstatSync, readdirSync, statSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import type { FileIdentity } from '../model/open-options'

// A path checked is not the file opened: between a policy's look at a name and SQLite's open() of it, anyone who can
// write the folder can swap the file for a symbolic link to another (renameat2 RENAME_EXCHANGE wins such races in a
// few hundred tries). So the policy pins the file's identity (device and inode) when it checks the name, and the open
// compares what SQLite actually opened with the pin, closing the database at once when they differ.

const same = (a: FileIdentity, b: FileIdentity) => a.dev === b.dev && a.ino === b.ino

/** The identity of the file a path names, refusing a symbolic link at its last component. */
export function pinFile(path: string): FileIdentity {
  const st = lstatSync(path, { throwIfNoEntry: false })
  if (!st) throw new AppError('NOT_FOUND', `${path} does not exist. Choose an existing database, or create a new one.`)
  if (st.isSymbolicLink()) throw new AppError('FORBIDDEN', `${path} is a symbolic link; open the file it points to by its own name.`)
  return { dev: st.dev, ino: st.ino }
}

/** The regular files this process holds open, by descriptor (Linux: /proc/self/fd); null where there is no /proc. */
function openFiles(): Map<string, FileIdentity> | null {
  let fds: string[]
  try {
    fds = readdirSync('/proc/self/fd')
  } catch {
    return null
  }
  const out = new Map<string, FileIdentity>()
  for (const fd of fds) {
    const st = statSync(`/proc/self/fd/${fd}`, { throwIfNoEntry: false })
    if (st?.isFile()) out.set(fd, { dev: st.dev, ino: st.ino })
  }
  return out
}

/**
 * Runs `open` (which opens `path`) and checks that the file it opened is the pinned one: on Linux, a descriptor that
 * appeared during the open must be the pinned file (what was opened, not what the name means now); elsewhere, the
 * name looked at again right after. `close` undoes the open when the check fails.
 */
export function openPinned<T>(path: string, pin: FileIdentity, open: () => T, close: (opened: T) => void): T {
  const before = openFiles()
  const opened = open()
  const after = before ? openFiles() : null
  let ok: boolean
  if (before && after) {
    const fresh = [...after].filter(([fd, id]) => !before.has(fd) || !same(before.get(fd)!, id)).map(([, id]) => id)
    // An open of a file this process already holds may reuse nothing new; then the held one must be the pin.
    ok = fresh.length > 0 ? fresh.some((id) => same(id, pin)) : [...after.values()].some((id) => same(id, pin))
  } else {
    const st = lstatSync(path, { throwIfNoEntry: false })
    ok = st !== undefined && !st.isSymbolicLink() && same(st, pin)
  }
  if (!ok) {
    close(opened)
    throw new AppError('FORBIDDEN', `${path} changed while it was being opened (it is not the file that was checked); it was closed again.`)
  }
  return opened
}
