import { contract, type DbInfo, type EventName, type Events, type Output, type ParsedInput } from '../../shared/contract'
import type { Target } from '../../shared/results'
import type { ChunkOptions } from './model/chunking'
import { AppError } from '../../shared/errors'
import type { TaskEngine } from './engine'
import { openEngine } from './open-engine'
import { storeError } from './model/errors'
import type { OpenOptions } from './model/open-options'
import { copyInto } from './copy'
import { exportToFile } from './export-file'
import { nowSeconds } from './model/time'
import { refuseTriggers } from './model/triggers'
import { runCleanup } from './cleanup'
import { cleanupPlan, readOnlyError } from './model/rules'
import type { SessionChannel } from './worker-protocol'

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void

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
  private engine: TaskEngine | null = null
  private readonly jobs = new Map<string, AbortController>()
  private timer: ReturnType<typeof setInterval> | null = null
  private watching = false

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
      this.timer = setInterval(() => void this.watch(), intervalMs)
      this.timer.unref?.()
    }
  }

  info(): DbInfo | null {
    return this.engine?.info() ?? null
  }

  private need(): TaskEngine {
    if (!this.engine) throw new AppError('NO_DATABASE', 'No database is open. Open a task database first.')
    return this.engine
  }

  /** A file path opens with SQLite, a postgres:// URL with PostgreSQL (see open-engine.ts). */
  async open(path: string, options: OpenOptions): Promise<DbInfo> {
    const next = await openEngine(path, { ...options, nativeBinding: this.options.nativeBinding })
    await this.closeCurrent()
    this.engine = next
    const info = next.info()
    this.emit('db.opened', info)
    return info
  }

  private async closeCurrent(): Promise<void> {
    for (const job of this.jobs.values()) job.abort()
    const engine = this.engine
    this.engine = null
    if (engine) await engine.close()
  }

  /** Looks for commits by other connections, and for the database going away under us. */
  async watch(): Promise<void> {
    const engine = this.engine
    if (!engine || this.watching) return
    this.watching = true
    try {
      const seen = await engine.watch()
      if (engine !== this.engine) return
      if (seen === 'changed') this.emit('db.changed', { reason: 'external' })
      else if (typeof seen === 'object') {
        await this.closeCurrent()
        this.emit('db.closed', { reason: 'error', message: seen.gone })
      }
    } catch {
      // Watching must never throw: a failing database is reported by the next real call.
    } finally {
      this.watching = false
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

  async dispose(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.closeCurrent()
  }

  /** Runs one call; failures of the open file come back naming it (a damaged page shows up here, not at open). */
  async handle<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    const path = this.engine?.info().path
    try {
      return await this.run(channel, input)
    } catch (e) {
      if (e instanceof AppError || !path || channel === 'db.open') throw e
      throw storeError(e, path, 'Read')
    }
  }

  private run<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    const handler = this.handlers[channel]
    if (!handler) throw new AppError('INVALID_INPUT', `Unknown operation ${String(channel)}.`)
    // Every change of the open database is refused here once when it is open read-only (the copy writes its target,
    // not the open database). The engines refuse again below, for the command line that calls them directly.
    const path = this.engine?.info().path
    if (contract[channel].write && channel !== 'db.copy' && this.engine?.info().readOnly)
      throw readOnlyError(path!, 'nothing in it can be changed')
    return handler(input)
  }

  /** What each channel does: one typed handler per channel, its input already parsed by the contract. */
  private readonly handlers: { [C in SessionChannel]: (input: ParsedInput<C>) => Promise<Output<C>> } = {
    'db.current': async () => this.info(),
    // The carrier adds the pin of the file its policy checked (handlers.ts); a page cannot send one (zod drops it).
    'db.open': ({ path, readOnly, create, pin, timeUnit }: ParsedInput<'db.open'> & Pick<OpenOptions, 'pin'>) => this.open(path, { readOnly, create, pin, timeUnit }),
    'db.close': async () => {
      const had = this.engine !== null
      await this.closeCurrent()
      if (had) this.emit('db.closed', { reason: 'user' })
      return null
    },
    'db.watch': async ({ intervalMs }) => {
      this.setWatch(intervalMs)
      return { intervalMs }
    },
    // Connect, say what is there, let go: the Connect dialog's Test. Nothing is kept open.
    'db.probe': async ({ path }) => {
      const probe = await openEngine(path, { readOnly: true, nativeBinding: this.options.nativeBinding })
      try {
        const { path: shown, kind, engine } = probe.info()
        return { path: shown, kind, engine: engine ?? 'sqlite', ...(await probe.sizeHint()) }
      } finally {
        await probe.close()
      }
    },
    // The open database is only read; what changes is the target.
    'db.copy': ({ to, jobId, distributeBy }) => {
      const engine = this.need()
      return this.job(jobId, (signal, onProgress) => copyInto(engine.copySource(), to, { signal, onProgress, distributeBy }), false)
    },
    'db.stats': () => this.need().stats(),
    'db.daily': ({ days }) => this.need().daily(days, nowSeconds()),
    'db.vacuum': async () => this.wrote(await this.need().vacuum()),
    'db.addIndexes': () => this.need().addIndexes(),
    'db.demo': async ({ count, days }) => this.wrote({ inserted: await this.need().demo(count, days) }),
    'tasks.create': async ({ id, type }) => this.wrote(await this.need().create(id, type)),
    'tasks.update': async ({ key, status, result }) => this.wrote(await this.need().update(key, status, result)),
    'tasks.duplicate': async ({ key, id }) => this.wrote(await this.need().duplicate(key, id)),
    'tasks.list': (input) => this.need().list(input, nowSeconds()),
    'tasks.count': (input) => this.need().count(input),
    'tasks.facets': (input) => this.need().facets(input, nowSeconds()),
    'tasks.get': ({ key }) => this.need().get(key),
    'tasks.preview': async ({ target }) => {
      const engine = this.need()
      return { ...(await engine.preview(target, nowSeconds())), triggers: await engine.triggers() }
    },
    'tasks.purge': ({ maintenance, ...job }) => this.bulk(job, (engine, target, options) => engine.purge(target, { ...options, maintenance })),
    'tasks.requeue': (job) => this.bulk(job, (engine, target, options) => engine.requeue(target, options)),
    'tasks.retry': (job) => this.bulk(job, (engine, target, options) => engine.retry(target, options)),
    'tasks.timeout': (job) => this.bulk(job, (engine, target, options) => engine.markTimedOut(target, options)),
    'tasks.cleanup': ({ days, expireMinutes, timeoutMinutes, maintenance, jobId, allowTriggers }) => {
      const engine = this.need()
      // The seed's rule looks at creation time; the backend's expiry at the last access, after marking stuck work
      // as its own cleanup does (model/rules.ts).
      const plan = cleanupPlan(engine.info().kind, expireMinutes ?? days! * 1440, timeoutMinutes)
      return this.job(jobId, async (signal, onProgress) => {
        refuseTriggers(await engine.triggers(), allowTriggers, engine.info().path)
        const { marked, purged } = await runCleanup(engine, plan, { signal, maintenance, ...this.chunking() }, (_, run) => run(onProgress))
        return { deleted: purged?.deleted ?? 0, timed_out: marked?.timed_out ?? 0, cancelled: (marked?.cancelled || purged?.cancelled) === true }
      })
    },
    'tasks.export': ({ filter, format, withResult, bom, rawTimes, path, jobId }) => {
      const engine = this.need()
      return this.job(
        jobId,
        async (signal, onProgress) => exportToFile(await engine.exportSource(filter, { withResult }, nowSeconds()), path, { format, withResult, bom, rawTimes, signal, onProgress }),
        false
      )
    },
    'jobs.cancel': async ({ jobId }) => {
      const job = this.jobs.get(jobId)
      job?.abort()
      return { cancelled: job !== undefined }
    }
  }

  /**
   * A bulk change of a target within the snapshot the user confirmed, as a job. The job is registered before anything
   * is awaited, so a cancel sent right after the start finds it; a table with triggers waits for the user's word.
   */
  private bulk<T>(
    { target, snapshot, jobId, allowTriggers }: ParsedInput<'tasks.requeue'>,
    run: (engine: TaskEngine, target: Target, options: ChunkOptions) => Promise<T>
  ): Promise<T> {
    const engine = this.need()
    return this.job(jobId, async (signal, onProgress) => {
      refuseTriggers(await engine.triggers(), allowTriggers, engine.info().path)
      return run(engine, target, { signal, onProgress, snapshot, ...this.chunking() })
    })
  }

  private chunking() {
    return { targetMs: this.options.chunkTargetMs, gapMs: this.options.chunkGapMs, maxRows: this.options.chunkMaxRows }
  }

  private async job<T>(
    jobId: string,
    run: (signal: AbortSignal, onProgress: (p: { done: number; total: number; maintenance?: boolean; waiting?: 'lock' }) => void) => Promise<T>,
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
