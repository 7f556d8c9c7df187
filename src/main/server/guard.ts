import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import { APP_CSP } from '../security'

// Serve mode's request checks, as pure functions: who may talk to the API and from where.

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

const hostPort = (name: string, port: number) => `${isIP(name) === 6 ? `[${name}]` : name}:${port}`.toLowerCase()

/** Every wildcard bind address: the server is on all interfaces. */
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]'

/**
 * Host header values the server answers to: the bound address (and the loopback names when bound to loopback). Bound
 * to all interfaces, the loopback names and every address of this machine's interfaces (`interfaceAddresses`), plus
 * the names given with --allow-host (a DNS name people use to reach it). Any other name is a DNS-rebinding attempt.
 */
export function allowedHosts(bindHost: string, port: number, options: { interfaceAddresses?: readonly string[]; extraNames?: readonly string[] } = {}): Set<string> {
  const hosts = new Set([hostPort(bindHost.replace(/^\[|\]$/g, ''), port)])
  const wildcard = isWildcard(bindHost)
  if (isLoopback(bindHost) || wildcard) for (const name of ['localhost', '127.0.0.1', '::1']) hosts.add(hostPort(name, port))
  if (wildcard) for (const address of options.interfaceAddresses ?? []) hosts.add(hostPort(address, port))
  for (const name of options.extraNames ?? []) hosts.add(hostPort(name, port))
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
