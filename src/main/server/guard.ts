import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import { APP_CSP } from '../security'

// Serve mode's request checks, as pure functions: who may talk to the API and from where.

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Host header values the server answers to: the bound address (and localhost when bound to loopback). */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const name = isIP(bindHost) === 6 ? `[${bindHost}]` : bindHost
  const hosts = new Set([`${name}:${port}`])
  if (isLoopback(bindHost)) {
    hosts.add(`localhost:${port}`)
    hosts.add(`127.0.0.1:${port}`)
    hosts.add(`[::1]:${port}`)
  }
  return hosts
}

/** Refuses DNS-rebinding: a page on another name that resolves to us must not reach the API. */
export function hostAllowed(header: string | undefined, allowed: Set<string>): boolean {
  return header !== undefined && allowed.has(header.toLowerCase())
}

export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The bearer token from an Authorization header. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return m?.[1]
}

/** Content-Security-Policy of the served page: the app's own policy, plus no framing (a header can say that). */
export const SERVE_CSP = `${APP_CSP}; frame-ancestors 'none'`
