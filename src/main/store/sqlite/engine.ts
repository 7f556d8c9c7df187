import { SQLITE_TRIGGERS_SQL } from '../model/triggers'
import { statSync } from 'node:fs'
import type { DbInfo, Output, ParsedInput } from '../../../shared/contract'
import type { TaskFilter } from '../../../shared/filter'
import type { ChunkOptions } from '../model/chunking'
import type { Target } from '../../../shared/results'
import { sqliteSide } from './copy-side'
import { insertBackendDemo, insertSeedDemo } from './demo'
import { createTask, duplicateTask, editTask } from './edit'
import type { TaskEngine } from '../engine'
import { sqliteExportSource } from './export'
import { FacetScan, facetTasks } from './facets'
import { addIndexes, forgetAnswers, markTimedOut, requeueTasks, vacuumStore } from './maintenance'
import { closeStore, openStore } from './open'
import { type Store, rowidRange } from './store'
import type { OpenOptions } from '../model/open-options'
import { previewTarget, purgeTasks } from './purge'
import { getTaskResult, getTaskStatus } from './seed'
import { Resumable } from '../model/resumable'
import { dailyCounts, storeStats } from './stats'
import { listTasks, progressiveSortWalk, sortWalkPage } from './tasks'
import { CountScan, countTasks } from './count'
import { getTask } from './task-detail'
import { SortWalk } from './unindexed'
import { sampleCreatedTimes } from './time-unit'
import { guessTimeUnit } from '../model/time-unit'
import type { TimeUnit } from '../../../shared/task'

/** A sample of the creation times; none where the file cannot give one (a damaged page is reported by the next read). */
function sampleOrNone(store: Store): number[] {
  try {
    return sampleCreatedTimes(store)
  } catch {
    return []
  }
}

/** The SQLite engine: a file opened with better-sqlite3; each method is the store function that does the work. */
export class SqliteEngine implements TaskEngine {
  readonly engine = 'sqlite' as const
  private dataVersion: number
  private readonly identity: { ino: number; dev: number } | null
  private readonly scans = new Resumable<CountScan | FacetScan | SortWalk>()
  /** What a sample of the creation times suggests, taken once at open (32 seeks). */
  private readonly looksLike: TimeUnit | null

  private constructor(
    readonly store: Store,
    private readonly unitChosen: boolean
  ) {
    this.dataVersion = Number(store.db.pragma('data_version', { simple: true }))
    this.identity = fileIdentity(store.path)
    this.looksLike = store.dialect.kind === 'seed' ? guessTimeUnit(sampleOrNone(store)) : null
  }

  static open(path: string, options: OpenOptions): SqliteEngine {
    return new SqliteEngine(openStore(path, options), options.timeUnit !== undefined)
  }

  info(): DbInfo {
    const s = this.store
    const times = s.dialect.kind === 'seed' ? { unit: s.dialect.timeScale === 1000 ? ('milliseconds' as const) : ('seconds' as const), looksLike: this.looksLike, chosen: this.unitChosen } : undefined
    return { path: s.path, kind: s.dialect.kind, readOnly: s.readOnly, created: s.created, engine: 'sqlite', ...(times ? { times } : {}) }
  }

  async watch(): Promise<'changed' | 'same' | { gone: string }> {
    const s = this.store
    if (!s.db.open) return 'same'
    if (this.identity) {
      const now = fileIdentity(s.path)
      if (!now || now.ino !== this.identity.ino || now.dev !== this.identity.dev)
        return { gone: `${s.path} was ${now ? 'replaced by another file' : 'deleted or moved'} while it was open. Open it again to continue.` }
    }
    try {
      const version = Number(s.db.pragma('data_version', { simple: true }))
      if (version === this.dataVersion) return 'same'
      this.dataVersion = version
      return 'changed'
    } catch {
      // A busy or vanished file is reported by the next real call; watching must never throw.
      return 'same'
    }
  }

  async close(): Promise<void> {
    this.scans.clear()
    closeStore(this.store)
  }

  async list(input: ParsedInput<'tasks.list'>, now: number) {
    const { filter, sort, page, budgetMs, resume } = input
    const store = this.store
    // The first page by a time column no index holds, with a budget: the best rows found so far at once, marked
    // as such, and the walk goes on where it stopped on the next call with `resume` (unindexed.ts).
    const key = `list|${JSON.stringify([filter, sort, page.limit])}`
    const kept = resume ? this.scans.peek(key) : undefined
    const walk = budgetMs === undefined ? null : kept instanceof SortWalk ? kept : progressiveSortWalk(store, filter, sort, page, now)
    if (walk) {
      const scan = this.scans.take(key, resume === true, () => walk)
      const progress = scan.run(budgetMs)
      if (progress.complete) this.scans.drop(key)
      return sortWalkPage(store, scan, sort, page.limit, progress)
    }
    return listTasks(store, filter, sort, page, now, { budgetMs })
  }

  async count(input: ParsedInput<'tasks.count'>): Promise<Output<'tasks.count'>> {
    const { filter, budgetMs, resume } = input
    if (budgetMs === undefined) return { count: countTasks(this.store, filter) }
    const key = `count|${JSON.stringify(filter)}`
    const scan = this.scans.take(key, resume === true, () => new CountScan(this.store, filter))
    const progress = scan.run(budgetMs)
    if (progress.complete) this.scans.drop(key)
    return { count: scan.count, progress }
  }

  async facets(input: ParsedInput<'tasks.facets'>, now: number) {
    const { filter, part, budgetMs, resume } = input
    if (budgetMs === undefined) return facetTasks(this.store, filter, now, part)
    const key = `facets|${part}|${JSON.stringify(filter)}`
    const scan = this.scans.take(key, resume === true, () => new FacetScan(this.store, filter, now, part))
    const progress = scan.run(budgetMs)
    if (progress.complete) this.scans.drop(key)
    return { ...scan.result(), progress }
  }

  async get(key: string) {
    return getTask(this.store, key)
  }

  async triggers() {
    return (this.store.db.prepare(SQLITE_TRIGGERS_SQL).all() as { name: string }[]).map((r) => r.name)
  }

  async sizeHint() {
    const scan = new CountScan(this.store, {})
    if (scan.run(200).complete) return { tasks: scan.count, estimate: false }
    const range = rowidRange(this.store)
    return { tasks: range ? range.hi - range.lo + 1 : 0, estimate: true }
  }

  async stats() {
    return storeStats(this.store)
  }

  async daily(days: number, now: number) {
    return dailyCounts(this.store, days, now)
  }

  async vacuum() {
    return vacuumStore(this.store)
  }

  async addIndexes() {
    return addIndexes(this.store)
  }

  async demo(count: number, days?: number, seed?: number) {
    const s = this.store
    return s.dialect.kind === 'seed' ? insertSeedDemo(s, { count, days, seed }) : insertBackendDemo(s, { count, days, seed })
  }

  async seedStatus(id: string) {
    return getTaskStatus(this.store.db, id)
  }

  async seedResult(id: string) {
    const r = getTaskResult(this.store.db, id)
    return r && { status: r.status, created_at: r.created_at, updated_at: r.updated_at, resultText: r.resultText }
  }

  async create(id: string, type: string) {
    return createTask(this.store, id, type)
  }

  async update(key: string, status: string, result?: string) {
    return editTask(this.store, key, status, result)
  }

  async duplicate(key: string, id: string) {
    return duplicateTask(this.store, key, id)
  }

  async preview(target: Target, now: number) {
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
    return { ...sqliteSide(this.store), close: async () => undefined }
  }

  async exportSource(filter: TaskFilter, options: { withResult?: boolean; pageSize?: number }, now: number) {
    return sqliteExportSource(this.store, filter, options, now)
  }
}

function fileIdentity(path: string): { ino: number; dev: number } | null {
  if (path === ':memory:') return null
  try {
    const st = statSync(path)
    return { ino: st.ino, dev: st.dev }
  } catch {
    return null
  }
}
