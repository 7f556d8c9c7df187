import { z } from 'zod'
import type { Facets, PurgePreview, PurgeResult, RequeueResult, RetryResult, TimeoutResult, EditOutcome, CopyResult, StoreStats, TaskPage, WindowProgress } from './results'
import type { ErrorInfo } from './errors'
import type { ConsolePlan, ConsoleResult, ConsoleSchema, LimitReason } from './console'
import { cleanupRuleSchema, settingsPatchSchema, type CleanupRun, type FileCleanup, type SettingsState } from './settings'
import { DEFAULT_SORT, pageSchema, printableText, sortSchema, taskFilterSchema } from './filter'
import { TIME_UNITS, type SchemaKind, type TaskDetail, type TimeUnit } from './task'
import type { ChannelName, EventName } from './channels'

export type { EventName } from './channels'

// Every operation the UI may ask for, declared once: its input schema (parsed at the handler boundary, for the IPC
// and the HTTP carrier alike), its output type, and whether it writes (refused in read-only serve mode).
// Output types are the store's answers as both engines give them (results.ts): the contract imports nothing of main.

const key = z.string().min(1).max(5000)
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
/** The user read the preview's list of the table's triggers and lets them run (store/triggers.ts). */
const allowTriggers = z.boolean().optional()

// A task id or type typed by a person: no control characters (they would hide what the id really is).
const taskId = printableText(500)
const taskLabel = printableText(200)

export const targetSchema = z.union([
  z.object({ filter: taskFilterSchema }).strict(),
  z.object({ keys: z.array(key).min(1).max(100_000), only: taskFilterSchema.optional() }).strict()
])

export const snapshotSchema = z
  .object({
    bound: z.string().max(100),
    at: z.number().int().min(0).max(253_402_300_799)
  })
  .strict()

/** What to export; also the query of serve mode's download (GET /api/export?request=…). */
export const exportRequestSchema = z
  .object({
    filter: taskFilterSchema.default({}),
    format: z.enum(['csv', 'json', 'jsonl']),
    withResult: z.boolean().default(false),
    bom: z.boolean().default(false),
    /** CSV: times as stored instead of ISO 8601 UTC. */
    rawTimes: z.boolean().default(false)
  })
  .strict()

const empty = z.object({}).strict()
/**
 * A time budget for a long read: the answer comes back when it is ready or when the budget is spent, whichever is
 * first, marked partial in the second case; asking again with the same input goes on from there.
 */
const budgetMs = z.number().int().min(10).max(60_000).optional()
/** Go on with the partial answer this same input got before (else a fresh count starts). */
const resume = z.boolean().optional()

/** The SQL console: one statement as typed (checked in main: sql-guard.ts), its time limit, the id to stop it by. */
const sqlText = z.string().min(1).max(100_000)
const sqlTimeoutMs = z.number().int().min(100).max(600_000).optional()
export const sqlExportRequestSchema = z
  .object({ sql: sqlText, format: z.enum(['csv', 'json', 'jsonl']), bom: z.boolean().default(false), timeoutMs: sqlTimeoutMs })
  .strict()

export const contract = {
  'app.info': { input: empty, write: false },
  'db.current': { input: empty, write: false },
  'db.open': {
    input: z
      .object({
        path: z.string().min(1).max(4096),
        readOnly: z.boolean().optional(),
        create: z.boolean().optional(),
        timeUnit: z.enum(TIME_UNITS).optional()
      })
      .strict(),
    write: false
  },
  'db.close': { input: empty, write: false },
  /** Native file dialog (desktop only; the browser carrier answers { path: null }). */
  'db.pick': { input: z.object({ mode: z.enum(['open', 'new', 'export']), suggestedName: z.string().max(200).optional() }).strict(), write: false },
  'db.stats': { input: empty, write: false },
  'db.daily': { input: z.object({ days: z.number().int().min(1).max(366) }).strict(), write: false },
  'db.vacuum': { input: empty, write: true },
  'db.addIndexes': { input: empty, write: true },
  'db.demo': {
    input: z.object({ count: z.number().int().min(1).max(1_000_000), days: z.number().int().min(1).max(365).optional() }).strict(),
    write: true
  },
  /**
   * Connects to a database without opening it, to say what is there (the Connect dialog's Test): its format and how
   * many tasks (the planner's estimate on PostgreSQL).
   */
  'db.probe': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), write: false },
  /** Desktop: copy the open database's tasks into another (created in the same format if missing), with checksums. */
  /** distributeBy: on a Citus coordinator, distribute the new (empty) table before loading it. */
  'db.copy': { input: z.object({ to: z.string().min(1).max(4096), jobId, distributeBy: z.enum(['id', 'client_id', 'reference']).optional() }).strict(), write: true },
  /** Look for commits by other processes (the "database changed" event) every intervalMs; 0 stops looking. */
  'db.watch': { input: z.object({ intervalMs: z.number().int().min(0).max(60_000) }).strict(), write: false },
  'tasks.list': {
    input: z
      .object({ filter: taskFilterSchema.default({}), sort: sortSchema.default(DEFAULT_SORT), page: pageSchema.default({ limit: 100 }), budgetMs, resume })
      .strict(),
    write: false
  },
  'tasks.count': { input: z.object({ filter: taskFilterSchema.default({}), budgetMs, resume }).strict(), write: false },
  'tasks.facets': {
    input: z.object({ filter: taskFilterSchema.default({}), part: z.enum(['all', 'counts', 'errors']).default('all'), budgetMs, resume }).strict(),
    write: false
  },
  'tasks.get': { input: z.object({ key }).strict(), write: false },
  'tasks.preview': { input: z.object({ target: targetSchema }).strict(), write: false },
  /** `maintenance`: the user says the backend is stopped — larger transactions until another process commits. */
  'tasks.purge': { input: z.object({ target: targetSchema, snapshot: snapshotSchema, jobId, maintenance: z.boolean().optional(), allowTriggers }).strict(), write: true },
  /** Seed files: tasks back to pending. */
  'tasks.requeue': { input: z.object({ target: targetSchema, snapshot: snapshotSchema, jobId, allowTriggers }).strict(), write: true },
  /** Seed files, local debugging: the seed's create_task_record. */
  'tasks.create': { input: z.object({ id: taskId, type: taskLabel }).strict(), write: true },
  /** Seed files: the seed's update_task_result (a falsy result keeps the stored one). `result` is JSON text. */
  'tasks.update': { input: z.object({ key, status: taskLabel, result: z.string().max(64_000_000).optional() }).strict(), write: true },
  /** Seed files: a new pending task of the same type under a new id. */
  'tasks.duplicate': { input: z.object({ key, id: taskId }).strict(), write: true },
  /** DocuSnap-Backend files: forget the stored answers (delete the rows by key) so the next submission is processed. */
  'tasks.retry': { input: z.object({ target: targetSchema, snapshot: snapshotSchema, jobId, allowTriggers }).strict(), write: true },
  /** DocuSnap-Backend files: processing tasks of the target → error PROCESSING_TIMEOUT. */
  'tasks.timeout': { input: z.object({ target: targetSchema, snapshot: snapshotSchema, jobId, allowTriggers }).strict(), write: true },
  /** Desktop: write the tasks matching the filter to a file the user chose (serve mode downloads /api/export instead). */
  'tasks.export': { input: exportRequestSchema.extend({ path: z.string().min(1).max(4096), jobId }).strict(), write: false },
  /** The cleanup rule of the open file's schema (seed: by creation time; backend: by last access), chunked. */
  'tasks.cleanup': {
    input: z
      .object({
        days: z.number().int().min(1).max(3650).optional(),
        /** Instead of days: minutes (DocuSnap-Backend's EXPIRE_MINUTES). */
        expireMinutes: z.number().int().min(1).max(5_256_000).optional(),
        /** Backend files: first mark processing tasks older than this PROCESSING_TIMEOUT (its PROCESS_TIMEOUT). */
        timeoutMinutes: z.number().int().min(1).max(5_256_000).optional(),
        maintenance: z.boolean().optional(),
        allowTriggers,
        jobId
      })
      .strict()
      .refine((i) => (i.days === undefined) !== (i.expireMinutes === undefined), { message: 'Give days or expireMinutes.' }),
    write: true
  },
  'jobs.cancel': { input: z.object({ jobId }).strict(), write: false },
  // The SQL console (desktop; serve mode with --allow-sql). Nothing it runs changes anything, on any server.
  'sql.run': { input: z.object({ sql: sqlText, runId: jobId, timeoutMs: sqlTimeoutMs }).strict(), write: false },
  'sql.explain': { input: z.object({ sql: sqlText, runId: jobId, timeoutMs: sqlTimeoutMs }).strict(), write: false },
  'sql.schema': { input: empty, write: false },
  'sql.cancel': { input: z.object({ runId: jobId }).strict(), write: false },
  /** Desktop: the whole result into a file the user chose (serve mode downloads /api/sql-export instead). */
  'sql.export': { input: sqlExportRequestSchema.extend({ path: z.string().min(1).max(4096), runId: jobId }).strict(), write: false },
  // Settings belong to the app, not to a database: changing them is allowed on a read-only server.
  'settings.get': { input: empty, write: false },
  'settings.update': { input: z.object({ patch: settingsPatchSchema }).strict(), write: true },
  'settings.reset': { input: empty, write: true },
  'settings.cleanupRule': { input: z.object({ path: z.string().min(1).max(4096), rule: cleanupRuleSchema }).strict(), write: true },
  /** The open file's times are read in this unit from now on (remembered per file); nothing in the file changes. */
  'settings.timeUnit': { input: z.object({ unit: z.enum(TIME_UNITS) }).strict(), write: false },
  /**
   * Runs the open file's scheduled cleanup if it is due at `now` (the page's clock, Unix seconds) and records the run.
   * Pages call it periodically; a run that is not due, or already running, does nothing.
   */
  'cleanup.scheduled': { input: z.object({ now: z.number().min(0).max(253_402_300_799) }).strict(), write: true }
} as const satisfies Record<ChannelName, { input: z.ZodType; write: boolean }>

// The reverse check: every name in channels.ts has a schema here.
const _everyChannelDeclared: Record<ChannelName, unknown> = contract
void _everyChannelDeclared

export type Channel = keyof typeof contract
export type Input<C extends Channel> = z.input<(typeof contract)[C]['input']>
export type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>

export interface DbInfo {
  path: string
  kind: SchemaKind
  readOnly: boolean
  /** True when this app created the file's tasks table. */
  created: boolean
  /** Where the tasks live: a SQLite file (`path` is its path) or a PostgreSQL table (`path` is its URL, no password). */
  engine?: 'sqlite' | 'postgres'
  /**
   * A seed-format file's numeric times: the unit they are read in, and what a sample of the file suggests (null: no
   * clear answer). The app offers to switch when the two differ; the file is never rewritten (time-unit.ts).
   */
  times?: { unit: TimeUnit; looksLike: TimeUnit | null; /** The user chose the unit (now or for an earlier open). */ chosen: boolean }
}

export interface AppInfo {
  version: string
  carrier: 'electron' | 'http'
  /** The server was started with --read-only: every write is refused. */
  readOnly: boolean
  canPickFiles: boolean
  /** The SQL console is offered (the desktop app; serve mode only with --allow-sql). */
  sql: boolean
  /** Why the database given at start could not be opened, if it could not (shown where the user chooses another). */
  startupError?: { path: string; message: string }
}

export interface DailyCount {
  /** Local calendar day, YYYY-MM-DD (UTC for the backend's UTC timestamps). */
  day: string
  counts: Record<string, number>
}

export interface Outputs {
  'app.info': AppInfo
  'db.current': DbInfo | null
  'db.open': DbInfo
  'db.close': null
  'db.pick': { path: string | null }
  'db.stats': StoreStats
  'db.daily': DailyCount[]
  'db.vacuum': { bytes_before: number; bytes_after: number }
  'db.addIndexes': { added: string[] }
  'db.demo': { inserted: number }
  'db.watch': { intervalMs: number }
  'db.probe': { path: string; kind: SchemaKind; engine: 'sqlite' | 'postgres'; tasks: number; estimate: boolean }
  'db.copy': CopyResult
  'tasks.list': TaskPage
  /** With a budget, `progress` says whether the count is complete (else it is a lower bound so far). */
  'tasks.count': { count: number; progress?: WindowProgress }
  'tasks.facets': Facets
  'tasks.get': TaskDetail | null
  'tasks.preview': PurgePreview & { triggers: string[] }
  'tasks.purge': PurgeResult
  'tasks.requeue': RequeueResult
  'tasks.retry': RetryResult
  'tasks.create': TaskDetail | null
  'tasks.update': EditOutcome
  'tasks.duplicate': TaskDetail | null
  'tasks.timeout': TimeoutResult
  'tasks.export': { exported: number; cancelled: boolean }
  'tasks.cleanup': { deleted: number; timed_out: number; cancelled: boolean }
  'jobs.cancel': { cancelled: boolean }
  'sql.run': ConsoleResult
  'sql.explain': ConsolePlan
  'sql.schema': ConsoleSchema
  'sql.cancel': { cancelled: boolean }
  'sql.export': { exported: number; cancelled: boolean; stopped?: 'timeout' | 'cancelled'; limitMs: number; limitReason?: LimitReason }
  'settings.get': SettingsState
  'settings.update': SettingsState
  'settings.reset': SettingsState
  'settings.cleanupRule': SettingsState
  'settings.timeUnit': DbInfo
  'cleanup.scheduled': { ran: boolean; run?: CleanupRun; cleanup: FileCleanup; reason?: 'not-due' | 'running' | 'read-only' }
}

export type Output<C extends Channel> = Outputs[C]

/** Events from main to the UI. */
export interface Events {
  'job.progress': { jobId: string; done: number; total: number; maintenance?: boolean; waiting?: 'lock' }
  /** Another process committed to the file (external), or this app changed it (app). */
  'db.changed': { reason: 'external' | 'app' }
  'db.opened': DbInfo
  'db.closed': { reason: 'user' | 'error'; message?: string }
  /** Desktop: a File menu item that opens one of the page's dialogs. */
  'ui.command': { command: 'connect' | 'copy'; url?: string }
}

// Every event in channels.ts has a payload type here, and no other.
const _everyEventTyped: Record<EventName, true> = { 'job.progress': true, 'db.changed': true, 'db.opened': true, 'db.closed': true, 'ui.command': true } satisfies Record<keyof Events, true>
void _everyEventTyped

/** What every carrier returns: a value, or an error with a code and a message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** The one typed client the renderer uses; each carrier implements it. */
export interface Api {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
