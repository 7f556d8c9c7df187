import { randomBytes } from 'node:crypto'
import { tokenMatches } from './guard'

// The printed URL's token is exchanged once for a session cookie, as Jupyter and Datasette do: the token then leaves
// the address bar and the history, downloads and the event stream need no token in their URLs, and a copied filter
// URL opens in any tab of the browser that signed in. The cookie is HttpOnly (no script reads it) and SameSite=Strict
// (no other site's page sends it); its name carries the port, because cookies are shared by every port of a host.

export const sessionCookieName = (port: number) => `docusnap_session_${port}`

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  return out
}

export class Sessions {
  private readonly ids = new Set<string>()

  constructor(private readonly port: () => number) {}

  /** A new session; the Set-Cookie header value that hands it to the browser. */
  open(): string {
    const id = randomBytes(32).toString('base64url')
    // A bounded set: a token holder looping on /api/session cannot grow the server's memory without end.
    if (this.ids.size >= 1000) this.ids.delete(this.ids.values().next().value!)
    this.ids.add(id)
    return `${sessionCookieName(this.port())}=${id}; HttpOnly; SameSite=Strict; Path=/`
  }

  /** Whether the request's cookie names a live session (compared in constant time). */
  holds(cookieHeader: string | undefined): boolean {
    const given = parseCookies(cookieHeader).get(sessionCookieName(this.port()))
    if (!given) return false
    for (const id of this.ids) if (tokenMatches(given, id)) return true
    return false
  }
}
