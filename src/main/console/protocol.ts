import type { ConsoleCell, ConsoleColumn, LimitReason } from '../../shared/console'
import type { ErrorInfo } from '../../shared/errors'
import type { FileIdentity } from '../store/model/open-options'
import type { ExportFormat } from '../store/model/export'

// The messages between the SQL console's host (console-host.ts) and its process (child.ts).

/** What the console opens: the same database the session has open, named as the session opened it. */
export type ConsoleTarget =
  | { engine: 'sqlite'; path: string; pin?: FileIdentity; nativeBinding?: string }
  /** `url` may hold the password (it never leaves the app's processes); `shown` is the URL without it. */
  | { engine: 'postgres'; url: string; shown: string }

export type ConsoleJob =
  | { kind: 'rows'; sql: string; limit: number; timeoutMs: number }
  | { kind: 'explain'; sql: string; timeoutMs: number }
  | { kind: 'schema' }
  | { kind: 'export'; sql: string; timeoutMs: number; path: string; format: ExportFormat; bom: boolean }

/** `writerSeenMsAgo`: when the session last saw another process commit (null: not lately). */
export type ToChild = { type: 'job'; id: number; target: ConsoleTarget; job: ConsoleJob; writerSeenMsAgo: number | null } | { type: 'cancel'; id: number }

export type FromChild =
  | { type: 'batch'; id: number; columns?: ConsoleColumn[]; rows: ConsoleCell[][] }
  | { type: 'progress'; id: number; done: number }
  /** The limit the job runs with, lowered when a writer waits on a rollback-journal file. */
  | { type: 'limit'; id: number; ms: number; reason?: LimitReason }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorInfo }
