import type { Api, Channel, EventName, Events, Input, Output, Reply } from '@shared/contract'
import type { ErrorCode } from '@shared/errors'
import { getI18n } from 'react-i18next'

// The one client the UI uses. Two carriers: Electron's preload bridge, or HTTP with a token in serve mode. The rest of
// the UI cannot tell them apart.

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
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
  throw new ApiError(reply.error.code, reply.error.message)
}

function bridgeApi(bridge: Bridge): Api {
  return {
    call: async <C extends Channel>(channel: C, input: Input<C>) => unwrap<Output<C>>(await bridge.call(channel, input)),
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void)
  }
}

/**
 * Serve mode signs this browser in once: the token of the printed URL (`#token=…`) is traded for an HttpOnly session
 * cookie, and the address bar loses it at once (no token in the history, in bookmarks or in copied links). Without a
 * token the page still works where this browser already has a session, e.g. a copied filter URL in a new tab.
 */
export function takeToken(location: Location, history: History): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (!m?.[1]) return null
  history.replaceState(history.state, '', location.pathname + location.search)
  return m[1]
}

async function startSession(token: string | null): Promise<void> {
  if (!token) return
  try {
    await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })
  } catch {
    // The first call reports a server that is not there.
  }
}

function httpApi(token: string | null): Api {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>()
  let source: EventSource | null = null
  const session = startSession(token)
  const ensureSource = () => {
    if (source) return
    source = new EventSource('/api/events')
    for (const name of ['job.progress', 'db.changed', 'db.opened', 'db.closed', 'ui.command'] as const)
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown
        listeners.get(name)?.forEach((l) => l(payload))
      })
  }
  return {
    async call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
      await session
      let res: Response
      try {
        res = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      } catch {
        throw new ApiError('IO', getI18n().t('errors.noServer'))
      }
      if (res.status === 401) throw new ApiError('UNAUTHORIZED', getI18n().t('errors.noToken'))
      let reply: Reply<unknown>
      try {
        reply = (await res.json()) as Reply<unknown>
      } catch {
        throw new ApiError('INTERNAL', getI18n().t('errors.unreadable', { status: res.status }))
      }
      return unwrap<Output<C>>(reply)
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      void session.then(ensureSource)
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (p: unknown) => void)
      listeners.set(event, set)
      return () => void set.delete(listener as (p: unknown) => void)
    }
  }
}

export function createApi(): Api {
  if (window.docusnap) return bridgeApi(window.docusnap)
  return httpApi(takeToken(window.location, window.history))
}

export const api: Api = createApi()

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
export function exportDownloadUrl(request: { filter: object; format: string; withResult: boolean; bom: boolean }): string | null {
  if (window.docusnap) return null
  // The session cookie goes with the download: no token in the URL, the history or the downloads list.
  return `/api/export?request=${encodeURIComponent(JSON.stringify(request))}`
}
