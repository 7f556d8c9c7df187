import { AppError } from '../../shared/errors'

// Serve mode on PostgreSQL: the page may type a password for the served table (the Connect dialog), because the
// server's own may be the one that failed. Unchecked, that is a password oracle for the served user, on read-only
// servers too (61 tries in about 8 s found one). So a page's password is taken only after the server's own login was
// refused, a few failures lock it out for a while, and each failure is logged where the operator sees it.

export interface GateOptions {
  /** The URLs the server was started with (their passwords are the server's own, not the page's). */
  own?: readonly string[]
  /** Failures in a row before the lock-out. */
  limit?: number
  /** How long a lock-out lasts (ms). */
  lockMs?: number
  now?: () => number
  log?: (line: string) => void
}

export class PagePasswords {
  private ownRefused = false
  private failures = 0
  private lockedUntil = 0
  private readonly limit: number
  private readonly lockMs: number
  private readonly now: () => number
  private readonly log: (line: string) => void
  private readonly own: readonly string[]

  constructor(options: GateOptions = {}) {
    this.own = options.own ?? []
    this.limit = options.limit ?? 5
    this.lockMs = options.lockMs ?? 15 * 60_000
    this.now = options.now ?? Date.now
    this.log = options.log ?? (() => undefined)
  }

  /** Whether a URL is one the server was started with. */
  isOwn(url: string): boolean {
    return this.own.includes(url)
  }

  /** The server's own credentials were refused: from now on a page may offer a password. */
  ownLoginRefused(): void {
    this.ownRefused = true
  }

  /** Throws unless a page's password may be tried now. */
  check(shown: string): void {
    if (!this.ownRefused) throw new AppError('FORBIDDEN', `${shown}: this server logs in with its own credentials; a password from the page is taken only when the server's own is refused.`)
    const wait = this.lockedUntil - this.now()
    if (wait > 0) throw new AppError('FORBIDDEN', `${shown}: too many wrong passwords from the page; try again in ${Math.ceil(wait / 60_000)} min.`)
  }

  failed(shown: string): void {
    this.failures++
    this.log(`a password typed in the page for ${shown} was refused (${this.failures} of ${this.limit})`)
    if (this.failures < this.limit) return
    this.failures = 0
    this.lockedUntil = this.now() + this.lockMs
    this.log(`passwords from the page for ${shown} are refused for ${Math.round(this.lockMs / 60_000)} min`)
  }

  succeeded(): void {
    this.failures = 0
  }
}
