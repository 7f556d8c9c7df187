import { randomBytes } from 'node:crypto'
import { tokenMatches } from './guard'
export { SESSION_HEADER } from '../../shared/channels'

// The printed URL's token is exchanged once for a session secret that the page keeps in sessionStorage and sends as
// a header (SESSION_HEADER) on every call. No cookie: cookies are shared by every port of a host, and SameSite treats
// every port as the same site, so any local listener on another port that the browser is sent to would receive one
// and could replay it. A header is only sent by code that holds the secret, and sessionStorage belongs to this
// origin (scheme, host and port) alone. The event stream and downloads cannot send headers: they carry a nonce the
// page asks for just before, good for one use and a few seconds. A session ends when its page signs out, after an
// idle time, and after an absolute time, whatever it does.

export interface SessionTimes {
  /** A session not used for this long is over (ms). */
  idleMs: number
  /** A session is over this long after it began, used or not (ms). */
  maxMs: number
  /** A nonce is good for one use within this time (ms). */
  nonceMs: number
}

export const SESSION_TIMES: SessionTimes = { idleMs: 2 * 3600_000, maxMs: 24 * 3600_000, nonceMs: 30_000 }

interface Live {
  started: number
  used: number
}

const newSecret = () => randomBytes(32).toString('base64url')

export class Sessions {
  private readonly live = new Map<string, Live>()
  private readonly nonces = new Map<string, { secret: string; until: number }>()

  constructor(
    private readonly times: SessionTimes = SESSION_TIMES,
    private readonly now: () => number = Date.now
  ) {}

  /** A new session's secret. */
  open(): string {
    this.sweep()
    const secret = newSecret()
    // A bounded set: a token holder looping on /api/session cannot grow the server's memory without end.
    if (this.live.size >= 1000) this.live.delete(this.live.keys().next().value!)
    const now = this.now()
    this.live.set(secret, { started: now, used: now })
    return secret
  }

  /** The live session a header names (compared in constant time), its idle clock restarted; null when none. */
  holds(header: string | string[] | undefined): string | null {
    const given = typeof header === 'string' ? header : undefined
    if (!given) return null
    const now = this.now()
    for (const [secret, s] of this.live) {
      if (!tokenMatches(given, secret)) continue
      if (now - s.used > this.times.idleMs || now - s.started > this.times.maxMs) {
        this.end(secret)
        return null
      }
      s.used = now
      return secret
    }
    return null
  }

  /** Whether a session is still live, without counting this as a use (an open event stream asks). */
  alive(secret: string): boolean {
    const s = this.live.get(secret)
    const now = this.now()
    return s !== undefined && now - s.used <= this.times.idleMs && now - s.started <= this.times.maxMs
  }

  /** Signs a session out: its secret and its nonces authorise nothing from now on. */
  end(secret: string): void {
    this.live.delete(secret)
    for (const [n, v] of this.nonces) if (v.secret === secret) this.nonces.delete(n)
  }

  /** A one-use nonce for a URL the browser opens itself (the event stream, a download). */
  nonce(secret: string): string {
    this.sweep()
    if (this.nonces.size >= 1000) this.nonces.delete(this.nonces.keys().next().value!)
    const n = newSecret()
    this.nonces.set(n, { secret, until: this.now() + this.times.nonceMs })
    return n
  }

  /** The session of a good nonce, using the nonce up (its session must still be live); null when it is not good. */
  spend(nonce: string | null): string | null {
    if (!nonce) return null
    for (const [n, v] of this.nonces) {
      if (!tokenMatches(nonce, n)) continue
      this.nonces.delete(n)
      return v.until >= this.now() && this.alive(v.secret) ? v.secret : null
    }
    return null
  }

  private sweep(): void {
    const now = this.now()
    for (const [n, v] of this.nonces) if (v.until < now) this.nonces.delete(n)
    for (const [secret, s] of this.live) if (now - s.used > this.times.idleMs || now - s.started > this.times.maxMs) this.live.delete(secret)
  }
}
