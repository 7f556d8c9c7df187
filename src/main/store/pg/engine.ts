import { PG_TRIGGERS_SQL } from '../model/triggers'
import type { DbInfo, Output, ParsedInput } from '../../../shared/contract'
import type { TaskFilter } from '../../../shared/filter'
import type { ChunkOptions } from '../model/chunking'
import type { Target } from '../../../shared/results'
import type { TaskEngine } from '../engine'
import type { OpenOptions } from '../model/open-options'
import { Resumable } from '../model/resumable'
import { copySide } from './copy-side'
import { insertDemo } from './demo'
import { createTask, duplicateTask, editTask, seedResult, seedStatus } from './edit'
import { pgError } from './errors'
import { exportSource } from './export'
import { FacetScan } from './facets'
import { forgetAnswers, markTimedOut, previewTarget, purgeTasks, requeueTasks } from './purge'
import { addIndexes, changeSignature, dailyCounts, sizeHint, storeStats, vacuumStore } from './stats'
import { closeStore, openStore, type PgStore } from './store'
import { CountScan, countTasks, getTask, listTasks } from './tasks'

/** The PostgreSQL engine: a tasks table reached through node-postgres; each method is the pg/ function that does the work. */
export class PgEngine implements TaskEngine {
  readonly engine = 'postgres' as const
  private signature: string | null = null
  private readonly scans = new Resumable<CountScan | FacetScan>()

  constructor(readonly store: PgStore) {}

  info(): DbInfo {
    const s = this.store
    return { path: s.path, kind: s.dialect.kind, readOnly: s.readOnly, created: s.created, engine: 'postgres' }
  }

  /** Polls what changes when the table is written (pg/stats.ts): nothing is installed in the database to watch it. */
  async watch(): Promise<'changed' | 'same' | { gone: string }> {
    const now = await changeSignature(this.store)
    if (now === null) return { gone: `${this.store.path}: the table was dropped or renamed while it was open. Open it again to continue.` }
    const before = this.signature
    this.signature = now
    return before !== null && before !== now ? 'changed' : 'same'
  }

  async close(): Promise<void> {
    this.scans.clear()
    await closeStore(this.store)
  }

  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      throw pgError(e, this.store.path, 'Read')
    }
  }

  list(input: ParsedInput<'tasks.list'>, now: number) {
    return this.read(() => listTasks(this.store, input.filter, input.sort, input.page, now, input.budgetMs))
  }

  count(input: ParsedInput<'tasks.count'>): Promise<Output<'tasks.count'>> {
    return this.read(async () => {
      const { filter, budgetMs, resume } = input
      if (budgetMs === undefined) return { count: await countTasks(this.store, filter, Math.floor(Date.now() / 1000)) }
      const key = `count|${JSON.stringify(filter)}`
      const scan = this.scans.take(key, resume === true, () => new CountScan(this.store, filter, Math.floor(Date.now() / 1000)))
      const progress = await scan.run(budgetMs)
      if (progress.complete) this.scans.drop(key)
      return { count: scan.count, progress }
    })
  }

  facets(input: ParsedInput<'tasks.facets'>, now: number) {
    return this.read(async () => {
      const { filter, part, budgetMs, resume } = input
      const key = `facets|${part}|${JSON.stringify(filter)}`
      const scan = this.scans.take(key, resume === true && budgetMs !== undefined, () => new FacetScan(this.store, filter, now, part))
      const progress = await scan.run(budgetMs)
      if (progress.complete) this.scans.drop(key)
      return budgetMs === undefined ? scan.result() : { ...scan.result(), progress }
    })
  }

  get(key: string) {
    return this.read(() => getTask(this.store, key))
  }

  triggers() {
    return this.read(async () => (await this.store.pool.query<{ name: string }>(PG_TRIGGERS_SQL, [this.store.table])).rows.map((r) => r.name))
  }

  sizeHint() {
    return this.read(() => sizeHint(this.store))
  }

  stats() {
    return storeStats(this.store)
  }

  daily(days: number, now: number) {
    return this.read(() => dailyCounts(this.store, days, now))
  }

  vacuum() {
    return vacuumStore(this.store)
  }

  addIndexes() {
    return addIndexes(this.store)
  }

  demo(count: number, days?: number, seed?: number) {
    return insertDemo(this.store, count, days, seed)
  }

  seedStatus(id: string) {
    return seedStatus(this.store, id)
  }

  async seedResult(id: string) {
    return seedResult(this.store, id)
  }

  create(id: string, type: string) {
    return createTask(this.store, id, type)
  }

  update(key: string, status: string, result?: string) {
    return editTask(this.store, key, status, result)
  }

  duplicate(key: string, id: string) {
    return duplicateTask(this.store, key, id)
  }

  preview(target: Target, now: number) {
    return previewTarget(this.store, target, now)
  }

  purge(target: Target, options: ChunkOptions) {
    return purgeTasks(this.store, target, options)
  }

  requeue(target: Target, options: ChunkOptions) {
    return requeueTasks(this.store, target, options)
  }

  retry(target: Target, options: ChunkOptions) {
    return forgetAnswers(this.store, target, options)
  }

  markTimedOut(target: Target, options: ChunkOptions) {
    return markTimedOut(this.store, target, options)
  }

  copySource() {
    return { ...copySide(this.store), close: async () => undefined }
  }

  exportSource(filter: TaskFilter, options: { withResult?: boolean; pageSize?: number }, now: number) {
    return exportSource(this.store, filter, options, now)
  }
}

export async function openPgEngine(url: string, options: OpenOptions): Promise<PgEngine> {
  return new PgEngine(await openStore(url, { readOnly: options.readOnly, create: options.create, schema: options.schema }))
}
