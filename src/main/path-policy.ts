import { lstatSync, realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AppError } from '../shared/errors'
import { isPgUrl, parsePgUrl, pgEndpoint, type PgEndpoint } from './store/pg/url'

const shownOrNull = (url: string): string | null => {
  try {
    return parsePgUrl(url).shown
  } catch {
    return null
  }
}

// Which files a carrier may name. The command line is the user's own; the desktop renderer and a browser page are
// not to be trusted with paths: a compromised renderer could name any file for main to open, create or overwrite,
// and anyone holding a server's token could probe the server's disk. So each path they send is made canonical (the
// same file is one key however it is written) and checked against what the carrier was given.

/** The one name of a file: absolute, symbolic links resolved (a file not created yet: its folder's real path). */
export function canonicalPath(path: string, cwd: string = process.cwd()): string {
  if (path === ':memory:') return path // SQLite's in-memory database is no file
  if (isPgUrl(path)) return path // a PostgreSQL table: a URL, no file on this disk
  const absolute = resolve(cwd, path)
  try {
    return realpathSync.native(absolute)
  } catch {
    try {
      return join(realpathSync.native(dirname(absolute)), basename(absolute))
    } catch {
      return absolute
    }
  }
}

export type PathUse = 'open' | 'create' | 'export'

export interface PathPolicy {
  /** The canonical path when the carrier may use it this way; else an AppError that reveals nothing of the disk. */
  allow(path: string, use: PathUse, known: { recent: readonly string[]; ruled: readonly string[] }): string | Promise<string>
}

/** Serve mode's policy answers at once: nothing to confirm with a page's user. */
export interface ServedPolicy extends PathPolicy {
  allow(path: string, use: PathUse, known?: { recent: readonly string[]; ruled: readonly string[] }): string
}

const inside = (dir: string, file: string) => {
  const r = relative(dir, file)
  return r !== '' && !r.startsWith('..') && !isAbsolute(r)
}

/**
 * Serve mode: the file(s) the server was started on, and files inside `--allow-dir` folders; never a new file, never
 * a file written by an export (downloads are the browser's). The same answer whether the path exists or not.
 */
export function servedFiles(files: readonly string[], dirs: readonly string[] = []): ServedPolicy {
  const served = files.map((f) => canonicalPath(f))
  const allowed = dirs.map((d) => canonicalPath(d))
  // A served PostgreSQL table is asked for by the URL the page was shown (no password); the server connects with the
  // URL it was started on, or the password the page gives. No other server, database or table: a page must not make this one probe the network.
  const tables = new Map(served.filter(isPgUrl).map((u) => [parsePgUrl(u).shown, u]))
  return {
    allow(path, use) {
      if (use !== 'open') throw new AppError('FORBIDDEN', 'This server does not create or write files; it serves the database it was started on.')
      if (isPgUrl(path)) {
        const url = tables.get(shownOrNull(path) ?? '')
        // The same table, user and server: with the password the page's user typed, if any (the one the server was
        // started with may be the one that failed).
        if (url) return parsePgUrl(path).password !== undefined ? path : url
        throw new AppError('FORBIDDEN', 'This server serves only the database it was started on (start it with --allow-dir DIR to offer the files of a folder).')
      }
      const file = canonicalPath(path)
      if (served.includes(file)) return file
      // In an allowed folder, a symbolic link at the last component is refused: whoever can write the folder could
      // point it anywhere between this look and the open (the open is checked too: file-identity.ts).
      if (allowed.some((d) => inside(d, file)) && !lstatSync(resolve(path), { throwIfNoEntry: false })?.isSymbolicLink()) return file
      throw new AppError('FORBIDDEN', 'This server serves only the database it was started on (start it with --allow-dir DIR to offer the files of a folder).')
    }
  }
}

/** Where a PostgreSQL URL connects, as the native confirmation names it (what libpq's defaults make of it). */
export type ConfirmConnection = (endpoint: PgEndpoint, use: 'open' | 'copy') => Promise<boolean>

/**
 * The desktop app: main opens what it handed out itself — files picked in its dialogs or named on the command line
 * (granted), the recent list and the files with a cleanup rule in the settings it owns. An export may write only the
 * file its save dialog returned, once. A PostgreSQL URL is treated like a file: one that main did not hand out (the
 * command line, the recent list, or one the user already confirmed) is confirmed in a native dialog naming host,
 * port, database and user before anything connects to it — else a compromised renderer could scan ports, or log in
 * anywhere with the user's ~/.pgpass — and a copy's target is confirmed every time (the open file goes there).
 */
export class GrantedPaths implements PathPolicy {
  private readonly opened = new Set<string>()
  private readonly created = new Set<string>()
  private readonly exports = new Set<string>()
  /** PostgreSQL URLs as shown (no password) that the user named or confirmed. */
  private readonly urls = new Set<string>()

  constructor(private readonly confirm?: ConfirmConnection) {}

  grant(path: string, use: PathUse): string {
    if (isPgUrl(path)) {
      const shown = shownOrNull(path)
      if (shown) this.urls.add(shown)
      return path
    }
    const file = canonicalPath(path)
    ;(use === 'export' ? this.exports : use === 'create' ? this.created : this.opened).add(file)
    return file
  }

  async allow(path: string, use: PathUse, known: { recent: readonly string[]; ruled: readonly string[] }): Promise<string> {
    if (isPgUrl(path)) {
      if (use === 'export') throw new AppError('FORBIDDEN', 'An export is written to a file, not to a PostgreSQL URL.')
      const shown = parsePgUrl(path).shown
      const handedOut = this.urls.has(shown) || known.recent.includes(shown)
      if (use === 'create' || !handedOut) {
        const yes = this.confirm ? await this.confirm(pgEndpoint(path), use === 'create' ? 'copy' : 'open') : false
        if (!yes) throw new AppError('FORBIDDEN', `Not connecting to ${shown}: it was not confirmed in the app's own dialog.`)
        this.urls.add(shown)
      }
      return path
    }
    const file = canonicalPath(path)
    const ok =
      use === 'export'
        ? this.exports.delete(file)
        : use === 'create'
          ? this.created.has(file)
          : this.opened.has(file) || this.created.has(file) || known.recent.some((p) => canonicalPath(p) === file) || known.ruled.some((p) => canonicalPath(p) === file)
    if (!ok) throw new AppError('FORBIDDEN', `The app opens only files chosen in its own dialogs, on its command line or in its recent list; ${basename(file)} was not.`)
    return file
  }
}
