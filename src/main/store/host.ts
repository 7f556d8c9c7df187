import { Worker } from 'node:worker_threads'
import type { EventName, Events, Output, ParsedInput } from '../../shared/contract'
import { AppError, toErrorInfo } from '../../shared/errors'
import { StoreSession, type SessionOptions } from './session'
import type { SessionChannel, ToWorker, FromWorker } from './worker-protocol'

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void

/** Where the store runs, seen from the thread that serves the UI. Calls are typed end to end. */
export interface StoreHost {
  call<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>>
  onEvent(listener: EventListener): () => void
  close(): Promise<void>
}

function listeners() {
  const set = new Set<EventListener>()
  return {
    add(l: EventListener) {
      set.add(l)
      return () => void set.delete(l)
    },
    emit: (<E extends EventName>(event: E, payload: Events[E]) => {
      for (const l of set) l(event, payload)
    }) as EventListener
  }
}

/** The session in this very thread: for tests and short-lived tools, where blocking the loop harms no one. */
export function inProcessHost(options: SessionOptions = {}): StoreHost {
  const events = listeners()
  const session = new StoreSession(events.emit, options)
  return {
    call: (channel, input) => session.handle(channel, input),
    onEvent: events.add,
    close: async () => session.dispose()
  }
}

/**
 * The session in a worker thread, so no query or purge ever stalls the event loop that serves the UI.
 * Errors keep their code and message across the thread. If the worker dies, pending calls fail with a clear message
 * and the next call starts a fresh worker (with no database open).
 */
export function workerHost(workerFile: string | URL, options: SessionOptions = {}): StoreHost {
  const events = listeners()
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: AppError) => void }>()
  let nextId = 1
  let worker: Worker | null = null
  let closing = false

  const start = (): Worker => {
    const w = new Worker(workerFile, { workerData: options })
    w.on('message', (msg: FromWorker) => {
      if (msg.type === 'event') return events.emit(msg.event, msg.payload as never)
      const p = pending.get(msg.id)
      if (!p) return
      pending.delete(msg.id)
      if (msg.ok) p.resolve(msg.value)
      else p.reject(new AppError(msg.error.code, msg.error.message, msg.error.partial))
    })
    const fail = (why: string) => {
      if (worker !== w) return
      worker = null
      for (const p of pending.values()) p.reject(new AppError('INTERNAL', why))
      pending.clear()
      if (!closing) events.emit('db.closed', { reason: 'error', message: why })
    }
    w.on('error', (e) => fail(`The database worker stopped: ${toErrorInfo(e).message}. Open the database again.`))
    w.on('exit', (code) => fail(`The database worker exited (code ${code}). Open the database again.`))
    return w
  }

  return {
    call<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
      if (closing) return Promise.reject(new AppError('NO_DATABASE', 'The app is shutting down.'))
      worker ??= start()
      const id = nextId++
      return new Promise<Output<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        worker!.postMessage({ type: 'call', id, channel, input } satisfies ToWorker)
      })
    },
    onEvent: events.add,
    async close() {
      closing = true
      const w = worker
      if (!w) return
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()))
      w.postMessage({ type: 'close' } satisfies ToWorker)
      // A statement already running cannot be interrupted; give it a moment, then stop the thread.
      const timer = setTimeout(() => void w.terminate(), 3000)
      await exited
      clearTimeout(timer)
    }
  }
}

/** Aggregates that scan much of the table: served by a second connection so pages and details never wait behind them. */
const AGGREGATES: ReadonlySet<SessionChannel> = new Set(['tasks.count', 'tasks.facets', 'db.stats', 'db.daily'])

/**
 * Two workers on the same file: the primary owns the session (opens, writes, jobs, watching); a reader opened
 * read-only on the same path answers counts, facets and stats. SQLite lets both read at once, so a 5-second facet
 * count on a 10 M-row file no longer holds up the next page of the grid. A database the reader cannot share
 * (":memory:") is served by the primary alone.
 */
export function pooledHost(workerFile: string | URL, options: SessionOptions = {}): StoreHost {
  const primary = workerHost(workerFile, options)
  const reader = workerHost(workerFile, { ...options, watchMs: 0 })
  let readerReady: Promise<boolean> = Promise.resolve(false)
  let primaryReadOnly = false
  // The reader opens the same file as the primary: with the pin the carrier checked (file-identity.ts), not by its
  // name alone, which may mean another file by now.
  let pin: unknown
  primary.onEvent((event, payload) => {
    if (event === 'db.opened') {
      const { path, readOnly, times } = payload as Events['db.opened']
      primaryReadOnly = readOnly
      readerReady =
        path === ':memory:'
          ? reader.call('db.close', {}).then(() => false)
          : reader.call('db.open', { path, readOnly: true, ...(pin ? { pin } : {}), ...(times ? { timeUnit: times.unit } : {}) } as ParsedInput<'db.open'>).then(
              () => true,
              () => false
            )
    } else if (event === 'db.closed') {
      readerReady = reader.call('db.close', {}).then(
        () => false,
        () => false
      )
    }
  })
  return {
    async call<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
      if (channel === 'db.open') pin = (input as { pin?: unknown }).pin
      if (AGGREGATES.has(channel) && (await readerReady)) {
        try {
          const value = await reader.call(channel, input)
          // The reader's own connection is read-only; what the user has is the primary's.
          if (channel === 'db.stats') return { ...(value as Output<'db.stats'>), read_only: primaryReadOnly } as Output<C>
          return value
        } catch (e) {
          // The reader lost the file (replaced, locked away): the primary answers, and reports the real state.
          if (e instanceof AppError && e.code === 'NO_DATABASE') return primary.call(channel, input)
          throw e
        }
      }
      return primary.call(channel, input)
    },
    onEvent: primary.onEvent,
    async close() {
      await Promise.all([primary.close(), reader.close()])
    }
  }
}
