import type { DailyCount, DbInfo, Output, ParsedInput } from '../../shared/contract'
import type { SeedTaskStatus, TaskDetail } from '../../shared/task'
import type { TaskFilter } from '../../shared/filter'
import type { ChunkOptions } from './model/chunking'
import type { Target, EditOutcome, Facets, RequeueResult, RetryResult, TimeoutResult, PurgePreview, PurgeResult, StoreStats, TaskPage } from '../../shared/results'
import type { CopySide } from './model/copy'
import type { ExportOptions, ExportSource } from './model/export'

/**
 * The seam between the session (jobs, events, the contract) and where the tasks live. One implementation per engine,
 * each method one hop from the file that does the work:
 *
 *   operation          SQLite (better-sqlite3)          PostgreSQL (pg)
 *   list / get / count tasks.ts, unindexed.ts            pg/tasks.ts
 *   facets             facets.ts                         pg/facets.ts
 *   preview / purge    purge.ts + chunked.ts             pg/purge.ts + pg/chunked.ts
 *   requeue / retry /  maintenance.ts                    pg/purge.ts
 *     mark stuck
 *   stats / daily      stats.ts                          pg/stats.ts
 *   compact / indexes  maintenance.ts                    pg/stats.ts
 *   seed functions     seed.ts, edit.ts                  pg/edit.ts
 *   export             export.ts (rows by rowid)         pg/export.ts (a server-side cursor)
 *   watching           PRAGMA data_version               pg_stat_user_tables counters
 *
 * Both engines take the same filters, targets, cursors (opaque strings) and options, and answer with the same types.
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

  /** The rows of an export, page by page (the writer in export.ts formats them the same for both engines). */
  exportSource(filter: TaskFilter, options: Pick<ExportOptions, 'withResult' | 'pageSize'>, now: number): Promise<ExportSource>
}
