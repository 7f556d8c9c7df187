import type { DailyCount, DbInfo, Output, ParsedInput } from '../../shared/contract'
import type { SeedTaskStatus, TaskDetail } from '../../shared/task'
import type { TaskFilter } from '../../shared/filter'
import type { ChunkOptions } from './model/chunking'
import type { Target, EditOutcome, Facets, RequeueResult, RetryResult, TimeoutResult, PurgePreview, PurgeResult, StoreStats, TaskPage } from '../../shared/results'
import type { CopySide } from './model/copy'
import type { ExportOptions, ExportSource } from './model/export'

/**
 * The seam between the session (jobs, events, the contract) and where the tasks live. One implementation per engine,
 * sqlite/engine.ts (SqliteEngine) and pg/engine.ts (PgEngine), opened by open-engine.ts; each method is one hop from
 * the file that does the work, and the rule both follow is in model/:
 *
 *   operation          rule (model/)                 SQLite (sqlite/)                   PostgreSQL (pg/)
 *   list / get         cursor, snippets, where       tasks, keyset, grouped, unindexed, tasks.ts
 *                                                      task-detail
 *   count              where                         count.ts                           tasks.ts
 *   facets             facets, where                 facets.ts                          facets.ts
 *   preview / purge    chunking, pacing, rules       purge.ts + chunked.ts + walk.ts    purge.ts + chunked.ts
 *   requeue / retry /  rules (which format, what     maintenance.ts                     purge.ts
 *     mark stuck         each selects, refusals)
 *   stats / daily      daily, time                   stats.ts, catalog.ts               stats.ts, catalog.ts
 *   compact / indexes  rules (read-only)             maintenance.ts                     stats.ts
 *   seed functions     edit                          seed.ts, edit.ts                   edit.ts
 *   export             export (the writer)           export.ts (rows by rowid)          export.ts (a server-side cursor)
 *   copy               copy (checksums)              copy-side.ts                       copy-side.ts   (copy.ts opens either)
 *   demo data          demo-rows                     demo.ts                            demo.ts
 *   watching           —                             PRAGMA data_version                pg_stat_user_tables counters
 *
 * Citus is PostgreSQL here (pg/): what it answers differently is read in pg/citus-catalog.ts (sizes, row figures and
 * counters from the shards), a dense purge walks spans of time there (pg/time-spans.ts), and pg/citus.ts distributes
 * a table a copy fills.
 *
 * Both engines take the same filters, targets, cursors (opaque strings) and options, and answer with the same types
 * (src/shared/results.ts). A new operation: its rule in model/, its statements in sqlite/ and pg/, a method here, a
 * handler in session.ts and a case in test/engines.test.ts (the conformance suite).
 */
export interface TaskEngine {
  readonly engine: 'sqlite' | 'postgres'
  info(): DbInfo
  /** Another process changed the tasks ('changed'), nothing did ('same'), or the database went away (a sentence). */
  watch(): Promise<'changed' | 'same' | { gone: string }>
  close(): Promise<void>

  list(input: ParsedInput<'tasks.list'>, now: number): Promise<TaskPage>
  count(input: ParsedInput<'tasks.count'>): Promise<Output<'tasks.count'>>
  facets(input: ParsedInput<'tasks.facets'>, now: number): Promise<Facets>
  get(key: string): Promise<TaskDetail | null>

  stats(): Promise<StoreStats>
  /** How many tasks, quickly: exact when it can be had within a fifth of a second, else an estimate (said so). */
  sizeHint(): Promise<{ tasks: number; estimate: boolean }>
  daily(days: number, now: number): Promise<DailyCount[]>
  vacuum(): Promise<{ bytes_before: number; bytes_after: number }>
  addIndexes(): Promise<{ added: string[] }>
  /** Demo tasks from the seeded generator (demo.ts) whatever the engine. */
  demo(count: number, days?: number, seed?: number): Promise<number>

  create(id: string, type: string): Promise<TaskDetail | null>
  update(key: string, status: string, result?: string): Promise<EditOutcome>
  duplicate(key: string, id: string): Promise<TaskDetail | null>
  /** The seed's get_task_status and get_task_result (the stored result text, unparsed); null when there is no such task. */
  seedStatus(id: string): Promise<SeedTaskStatus | null>
  seedResult(id: string): Promise<(SeedTaskStatus & { resultText: string | null }) | null>

  preview(target: Target, now: number): Promise<PurgePreview>
  /** The names of the triggers on the tasks table (triggers.ts: bulk changes wait for the user to confirm them). */
  triggers(): Promise<string[]>
  purge(target: Target, options: ChunkOptions): Promise<PurgeResult>
  requeue(target: Target, options: ChunkOptions): Promise<RequeueResult>
  retry(target: Target, options: ChunkOptions): Promise<RetryResult>
  markTimedOut(target: Target, options: ChunkOptions): Promise<TimeoutResult>

  /** The open table as the source of a copy (copy.ts); closing the side leaves the database open. */
  copySource(): CopySide

  /** The rows of an export, page by page (the writer in model/export.ts formats them the same for both engines). */
  exportSource(filter: TaskFilter, options: Pick<ExportOptions, 'withResult' | 'pageSize'>, now: number): Promise<ExportSource>
}
