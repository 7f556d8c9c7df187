import type { Api, Channel, EventName, Events, Input, Output, Reply } from '@shared/contract'
import { EVENT_NAMES, SESSION_HEADER } from '@shared/channels'
import type { ErrorCode, JobPartial } from '@shared/errors'
import { getI18n } from 'react-i18next'

// The one client the UI uses. Two carriers: Electron's preload bridge, or HTTP with a token in serve mode. The rest of
// the UI cannot tell them apart.

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What a failed bulk job had committed (errors.ts). */
    readonly partial?: JobPartial
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface Bridge {
  call(channel: Channel, input: unknown): Promise<Reply<unknown>>
  on(event: EventName, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    docusnap?: Bridge
  }
}

function unwrap<T>(reply: Reply<unknown>): T {
  if (reply.ok) return reply.value as T
  throw new ApiError(reply.error.code, reply.error.message, reply.error.partial)
}

function bridgeApi(bridge: Bridge): Api {
  return {
    call: async <C extends Channel>(channel: C, input: Input<C>) => unwrap<Output<C>>(await bridge.call(channel, input)),
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void)
  }
}

/**
 * Serve mode signs this tab in once: the token of the printed URL (`#token=…`) is traded for a session secret, and the
 * address bar loses it at once (no token in the history, in bookmarks or in copied links). The secret lives in this
 * tab's sessionStorage (this origin's alone: another port of the host cannot read it) and goes with each call as a
 * header, never as a cookie that every port of the host would receive. Another tab of this origin without a secret
 * (a copied filter URL) asks the signed-in tabs for theirs over a BroadcastChannel, which is this origin's alone too.
 */
export function takeToken(location: Location, history: History): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (!m?.[1]) return null
  history.replaceState(history.state, '', location.pathname + location.search)
  return m[1]
}

const SECRET_KEY = 'docusnap.session'
const TABS = 'docusnap-session'
type TabMessage = { ask: true } | { secret: string } | { signedOut: true }

/** A signed-in tab's secret from another tab of this origin, if one answers within `waitMs`. */
function askOtherTabs(waitMs = 1500): Promise<string | null> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(null)
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(TABS)
    const done = (secret: string | null) => {
      clearTimeout(timer)
      channel.close()
      resolve(secret)
    }
    const timer = setTimeout(() => done(null), waitMs)
    channel.onmessage = (e: MessageEvent<TabMessage>) => 'secret' in e.data && done(e.data.secret)
    channel.postMessage({ ask: true } satisfies TabMessage)
  })
}

async function signIn(token: string | null): Promise<string | null> {
  if (token) {
    try {
      const res = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })
      const reply = (await res.json()) as Reply<{ secret: string }>
      if (reply.ok) {
        sessionStorage.setItem(SECRET_KEY, reply.value.secret)
        return reply.value.secret
      }
    } catch {
      // The first call reports a server that is not there.
    }
    return null
  }
  const kept = sessionStorage.getItem(SECRET_KEY)
  if (kept) return kept
  const shared = await askOtherTabs()
  if (shared) sessionStorage.setItem(SECRET_KEY, shared)
  return shared
}

/** Answers other tabs of this origin that ask for the session, and forgets it when one of them signs out. */
function shareWithTabs(secret: () => string | null, forget: () => void): void {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(TABS)
  channel.onmessage = (e: MessageEvent<TabMessage>) => {
    const mine = secret()
    if ('ask' in e.data && mine) channel.postMessage({ secret: mine } satisfies TabMessage)
    if ('signedOut' in e.data) forget()
  }
}

interface HttpApi extends Api {
  /** Serve mode: a one-use nonce for a URL the browser opens itself (a download). */
  nonce(): Promise<string>
  signOut(): Promise<void>
}

function httpApi(token: string | null): HttpApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>()
  let source: EventSource | null = null
  let secret: string | null = null
  const session = signIn(token).then((s) => (secret = s))
  const forget = () => {
    secret = null
    sessionStorage.removeItem(SECRET_KEY)
    source?.close()
  }
  shareWithTabs(() => secret, forget)
  const post = async (path: string, input: unknown): Promise<Response> => {
    await session
    try {
      return await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(secret ? { [SESSION_HEADER]: secret } : {}) }, body: JSON.stringify(input) })
    } catch {
      throw new ApiError('IO', getI18n().t('errors.noServer'))
    }
  }
  const read = async <T>(res: Response): Promise<T> => {
    if (res.status === 401) throw new ApiError('UNAUTHORIZED', getI18n().t('errors.noToken'))
    let reply: Reply<unknown>
    try {
      reply = (await res.json()) as Reply<unknown>
    } catch {
      throw new ApiError('INTERNAL', getI18n().t('errors.unreadable', { status: res.status }))
    }
    return unwrap<T>(reply)
  }
  const nonce = async () => (await read<{ nonce: string }>(await post('/api/session/nonce', {}))).nonce
  // The stream cannot send a header: each connection spends a fresh nonce. EventSource would reconnect with the spent
  // one, so a dropped stream is closed and opened again here, while the tab is signed in.
  const connect = async () => {
    if (!secret) return
    let n: string
    try {
      n = await nonce()
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'UNAUTHORIZED') setTimeout(() => void connect(), 2000)
      return
    }
    const s = new EventSource(`/api/events?nonce=${encodeURIComponent(n)}`)
    source = s
    for (const name of EVENT_NAMES)
      s.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown
        listeners.get(name)?.forEach((l) => l(payload))
      })
    s.onerror = () => {
      s.close()
      if (source === s) source = null
      setTimeout(() => void (source === null && connect()), 1000)
    }
  }
  let connecting: Promise<void> | null = null
  return {
    async call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
      return read<Output<C>>(await post(`/api/${channel}`, input))
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      connecting ??= session.then(connect)
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (p: unknown) => void)
      listeners.set(event, set)
      return () => void set.delete(listener as (p: unknown) => void)
    },
    nonce,
    async signOut() {
      await post('/api/session/end', {}).catch(() => undefined)
      forget()
      if (typeof BroadcastChannel !== 'undefined') {
        const channel = new BroadcastChannel(TABS)
        channel.postMessage({ signedOut: true } satisfies TabMessage)
        channel.close()
      }
    }
  }
}

const served: HttpApi | null = window.docusnap ? null : httpApi(takeToken(window.location, window.history))

export const api: Api = served ?? bridgeApi(window.docusnap!)

/** Serve mode only: ends this browser's session on the server and in every tab (null on the desktop). */
export const signOut: (() => Promise<void>) | null = served ? () => served.signOut() : null

/**
 * What to show for a failure. Details from the store (which name the file) are in English; in another language a
 * sentence for the error's code comes first, so the user reads what happened in their language.
 */
export function errorMessage(e: unknown): string {
  const i18n = getI18n()
  if (e instanceof ApiError) return i18n && !i18n.language.startsWith('en') ? `${i18n.t(`errors.code.${e.code}`)} ${e.message}` : e.message
  if (e instanceof Error) return e.message
  return String(e)
}

/** Serve mode: the URL of a download of the tasks matching a filter (null on the desktop, which saves to a file). */
export async function exportDownloadUrl(request: { filter: object; format: string; withResult: boolean; bom: boolean }): Promise<string | null> {
  if (!served) return null
  // A one-use nonce goes with the download: no token or secret in the URL, the history or the downloads list.
  return `/api/export?request=${encodeURIComponent(JSON.stringify(request))}&nonce=${encodeURIComponent(await served.nonce())}`
}

/** Serve mode: the URL of a download of a whole query result (GET /api/sql-export; null on the desktop). */
export async function sqlDownloadUrl(request: { sql: string; format: string; bom: boolean; timeoutMs?: number }): Promise<string | null> {
  if (!served) return null
  return `/api/sql-export?request=${encodeURIComponent(JSON.stringify(request))}&nonce=${encodeURIComponent(await served.nonce())}`
}
