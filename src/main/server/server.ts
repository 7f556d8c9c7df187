import { networkInterfaces } from 'node:os'
import { randomBytes } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { z } from 'zod'
import { exportRequestSchema, sqlExportRequestSchema, type EventName, type Events } from '../../shared/contract'
import type { Dispatch } from '../handlers'
import { allowedHosts, bearer, hostAllowed, SERVE_CSP, tokenMatches } from './guard'
import { SESSION_HEADER, Sessions, type SessionTimes } from './session'
import { toErrorInfo } from '../../shared/errors'

export interface ServeOptions {
  dispatch: Dispatch
  /** Subscribes to store events; returns an unsubscribe function. */
  onEvent: (listener: <E extends EventName>(event: E, payload: Events[E]) => void) => () => void
  rendererDir: string
  host: string
  port: number
  token?: string
  maxBodyBytes?: number
  /** Names besides the bound address that people reach the server by (--allow-host), e.g. a DNS name. */
  allowHosts?: readonly string[]
  /** Streams an export of the open database (GET /api/export); resolves when done. */
  /** How long sessions and nonces live, and the clock they are measured by (tests set both). */
  sessionTimes?: SessionTimes
  now?: () => number
  exportTo?: (request: z.output<typeof exportRequestSchema>, write: (chunk: string) => Promise<void> | void, signal: AbortSignal) => Promise<{ exported: number }>
  /**
   * The SQL console's download (GET /api/sql-export, --allow-sql): the whole result written to a private file first,
   * so a refused or failed query answers with its error rather than a broken download; then the file is sent.
   */
  sqlExportTo?: (request: z.output<typeof sqlExportRequestSchema>, signal: AbortSignal) => Promise<{ file: string; done: () => void }>
}

export interface RunningServer {
  server: Server
  url: string
  token: string
  port: number
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store'
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } })
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) return resolve(null)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        // Answer now and discard the rest (destroying the socket would lose the answer too).
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function serveStatic(rendererDir: string, urlPath: string, res: ServerResponse): void {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath)
  } catch {
    return refuse(res, 400, 'INVALID_INPUT', 'Bad path.')
  }
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = normalize(join(rendererDir, rel))
  if (!file.startsWith(rendererDir + sep)) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
  let size: number
  try {
    const st = statSync(file)
    if (!st.isFile()) throw new Error('not a file')
    size = st.size
  } catch {
    // Client-side routes fall back to the app page.
    if (!extname(rel)) return serveStatic(rendererDir, '/index.html', res)
    return refuse(res, 404, 'NOT_FOUND', 'Not found.')
  }
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Content-Security-Policy': SERVE_CSP,
    'X-Frame-Options': 'DENY'
  })
  createReadStream(file).pipe(res)
}

/**
 * Serve mode: the built renderer and the contract over HTTP on one port. API calls are `POST /api/<channel>` with a
 * JSON body and the session header (or `Authorization: Bearer <token>`); events are a server-sent stream at
 * `/api/events?nonce=…`, downloads `/api/export?request=…&nonce=…` (session.ts says why).
 * Requests for another Host are refused (DNS rebinding); no CORS headers are ever sent, so other origins cannot read
 * answers, and a custom header plus a JSON content type means they cannot send a call either.
 */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  // Room for a selection of 100,000 task keys; anything larger is refused before it is read.
  const limit = options.maxBodyBytes ?? 8_000_000
  // Bound to all interfaces, each address of this machine is a way to reach it (read when it starts listening).
  const names = () => ({
    interfaceAddresses: Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.split('%')[0]!)),
    extraNames: options.allowHosts
  })
  let allowed = allowedHosts(options.host, options.port, names())
  const sessions = new Sessions(options.sessionTimes, options.now)
  const byToken = (req: IncomingMessage) => tokenMatches(bearer(req.headers.authorization), token)
  /** The printed token (as a bearer header, for scripts) or the header of a session it was exchanged for. A cookie authorises nothing. */
  const authorized = (req: IncomingMessage) => byToken(req) || sessions.holds(req.headers[SESSION_HEADER]) !== null
  /** What opens a URL the browser fetches itself (no headers of ours): a one-use nonce, or the token as a bearer header. */
  const opener = (req: IncomingMessage, url: URL): { ok: boolean; session: string | null } => {
    if (byToken(req)) return { ok: true, session: null }
    const session = sessions.spend(url.searchParams.get('nonce'))
    return { ok: session !== null, session }
  }
  /** Open event streams and the session each belongs to (null: the token's): a session that ends closes its streams. */
  const streams = new Map<ServerResponse, string | null>()

  const server = createServer(async (req, res) => {
    res.on('error', () => undefined)
    try {
      if (!hostAllowed(req.headers.host, allowed)) return refuse(res, 421, 'FORBIDDEN', 'Unknown Host header: this server only answers to its own address.')
      const url = new URL(req.url ?? '/', 'http://local')
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'INVALID_INPUT', 'Method not allowed.')
        return serveStatic(options.rendererDir, url.pathname, res)
      }
      if (url.pathname.startsWith('/api/session')) {
        if (req.method !== 'POST') return refuse(res, 405, 'INVALID_INPUT', 'Session calls are POST requests.')
        if (url.pathname === '/api/session') {
          // The page trades the URL's token for a session secret, once; then the token is gone from the address bar.
          if (!byToken(req)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token.')
          return send(res, 200, { ok: true, value: { secret: sessions.open() } })
        }
        const session = sessions.holds(req.headers[SESSION_HEADER])
        if (url.pathname === '/api/session/nonce') {
          if (!session) return refuse(res, 401, 'UNAUTHORIZED', 'This browser is not signed in.')
          return send(res, 200, { ok: true, value: { nonce: sessions.nonce(session) } })
        }
        if (url.pathname === '/api/session/end') {
          if (session) {
            sessions.end(session)
            for (const [s, of] of streams) if (of === session) s.end()
          }
          return send(res, 200, { ok: true, value: null })
        }
        return refuse(res, 404, 'NOT_FOUND', 'Not found.')
      }
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') return refuse(res, 405, 'INVALID_INPUT', 'Use GET for the event stream.')
        const open = opener(req, url)
        if (!open.ok) return refuse(res, 401, 'UNAUTHORIZED', 'Missing, used or expired nonce.')
        res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' })
        res.write(': connected\n\n')
        streams.set(res, open.session)
        // The ping also ends a stream whose session ran out: an expired session hears nothing more.
        const ping = setInterval(() => (open.session && !sessions.alive(open.session) ? res.end() : res.write(': ping\n\n')), 15_000)
        req.on('close', () => {
          clearInterval(ping)
          streams.delete(res)
        })
        return
      }
      if (url.pathname === '/api/export' && options.exportTo) {
        if (req.method !== 'GET') return refuse(res, 405, 'INVALID_INPUT', 'Use GET for a download.')
        if (!opener(req, url).ok) return refuse(res, 401, 'UNAUTHORIZED', 'Missing, used or expired nonce.')
        let request
        try {
          request = exportRequestSchema.parse(JSON.parse(url.searchParams.get('request') ?? ''))
        } catch {
          return refuse(res, 400, 'INVALID_INPUT', 'The export request is not valid.')
        }
        const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')
        const type = request.format === 'csv' ? 'text/csv; charset=utf-8' : request.format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8'
        const aborted = new AbortController()
        req.on('close', () => aborted.abort())
        res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Disposition': `attachment; filename="tasks-${stamp}.${request.format}"` })
        // The download streams with back-pressure: a slow client slows the export, it does not fill memory.
        const write = (chunk: string) => (res.write(chunk) ? undefined : new Promise<void>((r) => res.once('drain', () => r())))
        try {
          await options.exportTo(request, write, aborted.signal)
        } catch {
          // Headers are sent: all we can do is cut the download short, which the browser reports as failed.
          return void res.destroy()
        }
        return void res.end()
      }
      if (url.pathname === '/api/sql-export') {
        if (req.method !== 'GET') return refuse(res, 405, 'INVALID_INPUT', 'Use GET for a download.')
        if (!options.sqlExportTo) return refuse(res, 403, 'FORBIDDEN', 'The SQL console is off on this server; it is on only when serve is started with --allow-sql.')
        if (!opener(req, url).ok) return refuse(res, 401, 'UNAUTHORIZED', 'Missing, used or expired nonce.')
        const request = sqlExportRequestSchema.safeParse(safeJson(url.searchParams.get('request')))
        if (!request.success) return refuse(res, 400, 'INVALID_INPUT', 'The export request is not valid.')
        const aborted = new AbortController()
        req.on('close', () => aborted.abort())
        let written: { file: string; done: () => void }
        try {
          written = await options.sqlExportTo(request.data, aborted.signal)
        } catch (e) {
          const error = toErrorInfo(e)
          return refuse(res, statusFor(error.code), error.code, error.message)
        }
        const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')
        const format = request.data.format
        const type = format === 'csv' ? 'text/csv; charset=utf-8' : format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8'
        res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Disposition': `attachment; filename="query-${stamp}.${format}"` })
        const stream = createReadStream(written.file)
        stream.on('error', () => res.destroy())
        // The folder goes when the file is sent, or when the browser gives up half-way (the stream is ended then too).
        stream.on('close', written.done)
        res.on('close', () => stream.destroy())
        return void stream.pipe(res)
      }
      if (req.method !== 'POST') return refuse(res, 405, 'INVALID_INPUT', 'API calls are POST requests.')
      if (!authorized(req)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong token.')
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return refuse(res, 415, 'INVALID_INPUT', 'API calls must send JSON (Content-Type: application/json).')
      const body = await readBody(req, limit)
      if (body === null) res.setHeader('Connection', 'close')
      if (body === null) return refuse(res, 413, 'INVALID_INPUT', `Request body is larger than ${limit} bytes.`)
      let input: unknown
      try {
        input = body.trim() === '' ? {} : JSON.parse(body)
      } catch {
        return refuse(res, 400, 'INVALID_INPUT', 'The request body is not valid JSON.')
      }
      const reply = await options.dispatch(url.pathname.slice('/api/'.length), input)
      send(res, reply.ok ? 200 : statusFor(reply.error.code), reply)
    } catch {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'The request failed.')
      else res.destroy()
    }
  })
  // A slow client cannot hold the server: headers and bodies must arrive in time.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  server.on('clientError', (_err, socket) => socket.destroy())

  const unsubscribe = options.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const s of streams.keys()) s.write(frame)
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : options.port
      allowed = allowedHosts(options.host, port, names())
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
      resolve({
        server,
        token,
        port,
        url: `http://${shownHost}:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const s of streams.keys()) s.end()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}

function safeJson(text: string | null): unknown {
  try {
    return JSON.parse(text ?? '')
  } catch {
    return null
  }
}

function statusFor(code: string): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400
    case 'UNAUTHORIZED':
      return 401
    case 'READ_ONLY':
    case 'FORBIDDEN':
      return 403
    case 'NOT_FOUND':
    case 'NO_SUCH_TASK':
      return 404
    case 'SQL_REFUSED':
    case 'SQL_ERROR':
      return 422
    default:
      return code === 'INTERNAL' ? 500 : 409
  }
}
