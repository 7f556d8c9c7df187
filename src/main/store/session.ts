import { statSync } from 'node:fs'
import type { Channel, DbInfo, EventName, Events, Output, ParsedInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { insertBackendDemo, insertSeedDemo } from './demo'
import { FacetScan, facetTasks } from './facets'
import { addIndexes, expiryTarget, forgetAnswers, markTimedOut, requeueTasks, stuckTarget, vacuumStore } from './maintenance'
import { closeStore, openStore, type OpenOptions, type Store } from './open'
import { storeError } from './errors'
import { createTask, duplicateTask, editTask } from './edit'
import { exportToFile } from './export-file'
import { cleanupTarget, previewTarget, purgeTasks } from './purge'
import { dailyCounts, storeStats } from './stats'
import { CountScan, countTasks, getTask, listTasks, progressiveSortWalk, sortWalkPage } from './tasks'
import { SortWalk } from './unindexed'
import { nowSeconds } from './time'

const MAX_SCANS = 8

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void

/** The channels a session answers (the rest, like file dialogs, belong to the carrier). */
export type SessionChannel = Exclude<Channel, 'app.info' | 'db.pick' | `settings.${string}` | 'cleanup.scheduled'>

export interface SessionOptions {
  nativeBinding?: string
  /** How often to look for commits by other processes (ms); 0 turns watching off. */
  watchMs?: number
  /** Chunked writes: target lock time per transaction and pause between transactions (ms). */
  chunkTargetMs?: number
  chunkGapMs?: number
  chunkMaxRows?: number
}

/**
 * The open database and the work running on it. Lives where the store lives (a worker thread in the app and in serve
 * mode), answers contract calls with parsed input, and emits events: job progress, external commits seen through
 * PRAGMA data_version, and the file disappearing from under us.
 */
export class StoreSession {
  private store: Store | null = null
  private identity: { ino: number; dev: number } | null = null
  private dataVersion = 0
  private readonly jobs = new Map<string, AbortController>()
  private timer: ReturnType<typeof setInterval> | null = null
  private readonly scans = new Map<string, CountScan | FacetScan | SortWalk>()

  constructor(
    private readonly emit: Emit,
    private readonly options: SessionOptions = {}
  ) {
    this.setWatch(options.watchMs ?? 1000)
  }

  private setWatch(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.watch(), intervalMs)
      this.timer.unref?.()
    }
  }

  info(): DbInfo | null {
    const s = this.store
    return s ? { path: s.path, kind: s.dialect.kind, readOnly: s.readOnly, created: s.created } : null
  }

  private need(): Store {
    if (!this.store) throw new AppError('NO_DATABASE', 'No database is open. Open a task database first.')
    return this.store
  }

  open(path: string, options: OpenOptions): DbInfo {
    const next = openStore(path, { ...options, nativeBinding: this.options.nativeBinding })
    this.closeCurrent()
    this.store = next
    this.dataVersion = Number(next.db.pragma('data_version', { simple: true }))
    this.identity = this.fileIdentity(path)
    const info = this.info()!
    this.emit('db.opened', info)
    return info
  }

  private fileIdentity(path: string): { ino: number; dev: number } | null {
    if (path === ':memory:') return null
    try {
      const st = statSync(path)
      return { ino: st.ino, dev: st.dev }
    } catch {
      return null
    }
  }

  private closeCurrent(): void {
    this.scans.clear()
    for (const job of this.jobs.values()) job.abort()
    if (this.store) closeStore(this.store)
    this.store = null
    this.identity = null
  }

  /** Looks for commits by other connections, and for the file being deleted or replaced. */
  watch(): void {
    const s = this.store
    if (!s || !s.db.open) return
    if (this.identity) {
      const now = this.fileIdentity(s.path)
      if (!now || now.ino !== this.identity.ino || now.dev !== this.identity.dev) {
        const path = s.path
        this.closeCurrent()
        this.emit('db.closed', {
          reason: 'error',
          message: `${path} was ${now ? 'replaced by another file' : 'deleted or moved'} while it was open. Open it again to continue.`
        })
        return
      }
    }
    try {
      const version = Number(s.db.pragma('data_version', { simple: true }))
      if (version !== this.dataVersion) {
        this.dataVersion = version
        this.emit('db.changed', { reason: 'external' })
      }
    } catch {
      // A busy or vanished file is reported by the next real call; watching must never throw.
    }
  }

  /** A write's answer, after telling the pages the data changed. */
  private wrote<T>(answer: T): T {
    this.changed()
    return answer
  }

  private changed(): void {
    this.emit('db.changed', { reason: 'app' })
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer)
    this.closeCurrent()
  }

  /** Runs one call; failures of the open file come back naming it (a damaged page shows up here, not at open). */
  async handle<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    const path = this.store?.path
    try {
      return await this.run(channel, input)
    } catch (e) {
      if (e instanceof AppError || !path || channel === 'db.open') throw e
      throw storeError(e, path, 'Read')
    }
  }

  private async run<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    // The switch narrows nothing for TypeScript through the generic, so each branch casts its own input and output.
    const i = input as never
    switch (channel) {
      case 'db.current':
        return this.info() as Output<C>
      case 'db.open': {
        const { path, readOnly, create } = i as ParsedInput<'db.open'>
        return this.open(path, { readOnly, create }) as Output<C>
      }
      case 'db.close': {
        const had = this.store !== null
        this.closeCurrent()
        if (had) this.emit('db.closed', { reason: 'user' })
        return null as Output<C>
      }
      case 'db.watch': {
        const { intervalMs } = i as ParsedInput<'db.watch'>
        this.setWatch(intervalMs)
        return { intervalMs } as Output<C>
      }
      case 'db.stats':
        return storeStats(this.need()) as Output<C>
      case 'db.daily':
        return dailyCounts(this.need(), (i as ParsedInput<'db.daily'>).days, nowSeconds()) as Output<C>
      case 'db.vacuum': {
        const r = vacuumStore(this.need())
        this.changed()
        return r as Output<C>
      }
      case 'db.addIndexes':
        return addIndexes(this.need()) as Output<C>
      case 'db.demo': {
        const { count, days } = i as ParsedInput<'db.demo'>
        const s = this.need()
        const r = s.dialect.kind === 'seed' ? insertSeedDemo(s, { count, days }) : insertBackendDemo(s, { count, days })
        this.changed()
        return { inserted: r } as Output<C>
      }
      case 'tasks.create': {
        const { id, type } = i as ParsedInput<'tasks.create'>
        return this.wrote(createTask(this.need(), id, type)) as Output<C>
      }
      case 'tasks.update': {
        const { key, status, result } = i as ParsedInput<'tasks.update'>
        return this.wrote(editTask(this.need(), key, status, result)) as Output<C>
      }
      case 'tasks.duplicate': {
        const { key, id } = i as ParsedInput<'tasks.duplicate'>
        return this.wrote(duplicateTask(this.need(), key, id)) as Output<C>
      }
      case 'tasks.list': {
        const { filter, sort, page, budgetMs, resume } = i as ParsedInput<'tasks.list'>
        const store = this.need()
        // The first page by a time column no index holds, with a budget: the best rows found so far at once, marked
        // as such, and the walk goes on where it stopped on the next call with `resume` (unindexed.ts).
        const key = `list|${JSON.stringify([filter, sort, page.limit])}`
        const kept = resume ? this.scans.get(key) : undefined
        const walk = budgetMs === undefined ? null : kept instanceof SortWalk ? kept : progressiveSortWalk(store, filter, sort, page, nowSeconds())
        if (walk) {
          const scan = this.resumable(key, resume === true, () => walk)
          const progress = scan.run(budgetMs)
          if (progress.complete) this.scans.delete(key)
          return sortWalkPage(store, scan, sort, page.limit, progress) as Output<C>
        }
        return listTasks(store, filter, sort, page, nowSeconds(), { budgetMs }) as Output<C>
      }
      case 'tasks.count': {
        const { filter, budgetMs, resume } = i as ParsedInput<'tasks.count'>
        if (budgetMs === undefined) return { count: countTasks(this.need(), filter) } as Output<C>
        const scan = this.resumable(`count|${JSON.stringify(filter)}`, resume === true, (store) => new CountScan(store, filter))
        const progress = scan.run(budgetMs)
        if (progress.complete) this.scans.delete(`count|${JSON.stringify(filter)}`)
        return { count: scan.count, progress } as Output<C>
      }
      case 'tasks.facets': {
        const { filter, part, budgetMs, resume } = i as ParsedInput<'tasks.facets'>
        if (budgetMs === undefined) return facetTasks(this.need(), filter, nowSeconds(), part) as Output<C>
        const key = `facets|${part}|${JSON.stringify(filter)}`
        const scan = this.resumable(key, resume === true, (store) => new FacetScan(store, filter, nowSeconds(), part))
        const progress = scan.run(budgetMs)
        if (progress.complete) this.scans.delete(key)
        return { ...scan.result(), progress } as Output<C>
      }
      case 'tasks.get':
        return getTask(this.need(), (i as ParsedInput<'tasks.get'>).key) as Output<C>
      case 'tasks.preview':
        return previewTarget(this.need(), (i as ParsedInput<'tasks.preview'>).target) as Output<C>
      case 'tasks.purge':
      case 'tasks.requeue':
      case 'tasks.retry':
      case 'tasks.timeout': {
        const { target, snapshot, jobId } = i as ParsedInput<'tasks.purge'>
        const store = this.need()
        return (await this.job<Output<'tasks.purge' | 'tasks.requeue' | 'tasks.retry' | 'tasks.timeout'>>(jobId, (signal, onProgress) => {
          const options = { signal, onProgress, snapshot, ...this.chunking() }
          if (channel === 'tasks.purge') return purgeTasks(store, target, { ...options, maintenance: (i as ParsedInput<'tasks.purge'>).maintenance })
          if (channel === 'tasks.requeue') return requeueTasks(store, target, options)
          if (channel === 'tasks.retry') return forgetAnswers(store, target, options)
          return markTimedOut(store, target, options)
        })) as Output<C>
      }
      case 'tasks.cleanup': {
        const { days, expireMinutes, timeoutMinutes, maintenance, jobId } = i as ParsedInput<'tasks.cleanup'>
        const store = this.need()
        const backend = store.dialect.kind === 'backend'
        if (timeoutMinutes !== undefined && !backend) throw new AppError('INVALID_INPUT', 'Marking stuck work is DocuSnap-Backend maintenance; this file uses the seed format.')
        const minutes = expireMinutes ?? days! * 1440
        // The seed's rule looks at creation time; the backend's expiry at the last access, after marking stuck work
        // as its own cleanup does.
        const target = backend ? expiryTarget(store, minutes) : cleanupTarget(minutes / 1440)
        const stuck = timeoutMinutes !== undefined ? stuckTarget(store, timeoutMinutes) : null
        return (await this.job(jobId, async (signal, onProgress) => {
          const options = { signal, onProgress, ...this.chunking() }
          const marked = stuck ? await markTimedOut(store, stuck, options) : { timed_out: 0, cancelled: false }
          if (marked.cancelled) return { deleted: 0, timed_out: marked.timed_out, cancelled: true }
          const r = await purgeTasks(store, target, { ...options, maintenance })
          return { deleted: r.deleted, timed_out: marked.timed_out, cancelled: r.cancelled }
        })) as Output<C>
      }
      case 'tasks.export': {
        const { filter, format, withResult, bom, rawTimes, path, jobId } = i as ParsedInput<'tasks.export'>
        const store = this.need()
        return (await this.job(jobId, (signal, onProgress) => exportToFile(store, filter, path, { format, withResult, bom, rawTimes, signal, onProgress }), false)) as Output<C>
      }
      case 'jobs.cancel': {
        const job = this.jobs.get((i as ParsedInput<'jobs.cancel'>).jobId)
        job?.abort()
        return { cancelled: job !== undefined } as Output<C>
      }
    }
    throw new AppError('INVALID_INPUT', `Unknown operation ${String(channel)}.`)
  }

  /**
   * Long reads asked for with a budget and `resume` go on where the previous call stopped (same input, same file);
   * without `resume` they start afresh (the caller's data may have changed). A few are kept,
   * the least recently used dropped; all are dropped when the file changes hands.
   */
  private resumable<T extends CountScan | FacetScan | SortWalk>(key: string, resume: boolean, start: (store: Store) => T): T {
    const store = this.need()
    const found = resume ? this.scans.get(key) : undefined
    this.scans.delete(key)
    const scan = (found as T | undefined) ?? start(store)
    this.scans.set(key, scan)
    while (this.scans.size > MAX_SCANS) this.scans.delete(this.scans.keys().next().value!)
    return scan
  }

  private chunking() {
    return { targetMs: this.options.chunkTargetMs, gapMs: this.options.chunkGapMs, maxRows: this.options.chunkMaxRows }
  }

  private async job<T>(
    jobId: string,
    run: (signal: AbortSignal, onProgress: (p: { done: number; total: number; maintenance?: boolean }) => void) => Promise<T>,
    writes = true
  ): Promise<T> {
    if (this.jobs.has(jobId)) throw new AppError('INVALID_INPUT', `A job with id ${jobId} is already running.`)
    const controller = new AbortController()
    this.jobs.set(jobId, controller)
    try {
      return await run(controller.signal, (p) => this.emit('job.progress', { jobId, ...p }))
    } finally {
      this.jobs.delete(jobId)
      if (writes) this.changed()
    }
  }
}
