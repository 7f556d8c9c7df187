import type { Channel, EventName } from '../../shared/contract'
import type { ErrorInfo } from '../../shared/errors'

// The messages between a store host and its worker thread (host.ts, worker.ts).

export type ToWorker = { type: 'call'; id: number; channel: SessionChannel; input: unknown } | { type: 'close' }

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ErrorInfo }
  | { type: 'event'; event: EventName; payload: unknown }

/** The channels a session answers (the rest, like file dialogs, belong to the carrier). */
export type SessionChannel = Exclude<Channel, 'app.info' | 'db.pick' | `settings.${string}` | 'cleanup.scheduled' | `sql.${string}`>
