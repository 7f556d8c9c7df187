import type { DbInfo, EventName, Events, Output, ParsedInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { TaskEngine } from './engine'
import { openEngine } from './open-engine'
import { storeError } from './model/errors'
import type { OpenOptions } from './model/open-options'
import { copyInto } from './copy'
import { exportToFile } from './export-file'
import { nowSeconds } from './model/time'
import { refuseTriggers } from './model/triggers'
import { failedAfterMarking, failedMarking } from './model/cleanup-failure'
import { cleanupPlan } from './model/rules'
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

  /** A file path opens with SQLite, a postgres:// URL with PostgreSQL (see engine.ts). */
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

  private async run<C extends SessionChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    // The switch narrows nothing for TypeScript through the generic, so each branch casts its own input and output.
    const i = input as never
    switch (channel) {
      case 'db.current':
        return this.info() as Output<C>
      case 'db.open': {
        // The carrier adds the pin of the file its policy checked (handlers.ts); a page cannot send one (zod drops it).
        const { path, readOnly, create, pin, timeUnit } = i as ParsedInput<'db.open'> & Pick<OpenOptions, 'pin'>
        return (await this.open(path, { readOnly, create, pin, timeUnit })) as Output<C>
      }
      case 'db.close': {
        const had = this.engine !== null
        await this.closeCurrent()
        if (had) this.emit('db.closed', { reason: 'user' })
        return null as Output<C>
      }
      case 'db.watch': {
        const { intervalMs } = i as ParsedInput<'db.watch'>
        this.setWatch(intervalMs)
        return { intervalMs } as Output<C>
      }
      case 'db.probe': {
        // Connect, say what is there, let go: the Connect dialog's Test. Nothing is kept open.
        const probe = await openEngine((i as ParsedInput<'db.probe'>).path, { readOnly: true, nativeBinding: this.options.nativeBinding })
        try {
          const { path, kind, engine } = probe.info()
          return { path, kind, engine: engine ?? 'sqlite', ...(await probe.sizeHint()) } as Output<C>
        } finally {
          await probe.close()
        }
      }
      case 'db.copy': {
        const { to, jobId } = i as ParsedInput<'db.copy'>
        const engine = this.need()
        // The open database is only read; what changes is the target.
        return (await this.job(jobId, (signal, onProgress) => copyInto(engine.copySource(), to, { signal, onProgress }), false)) as Output<C>
      }
      case 'db.stats':
        return (await this.need().stats()) as Output<C>
      case 'db.daily':
        return (await this.need().daily((i as ParsedInput<'db.daily'>).days, nowSeconds())) as Output<C>
      case 'db.vacuum': {
        const r = await this.need().vacuum()
        this.changed()
        return r as Output<C>
      }
      case 'db.addIndexes':
        return (await this.need().addIndexes()) as Output<C>
      case 'db.demo': {
        const { count, days } = i as ParsedInput<'db.demo'>
        const inserted = await this.need().demo(count, days)
        this.changed()
        return { inserted } as Output<C>
      }
      case 'tasks.create': {
        const { id, type } = i as ParsedInput<'tasks.create'>
        return this.wrote(await this.need().create(id, type)) as Output<C>
      }
      case 'tasks.update': {
        const { key, status, result } = i as ParsedInput<'tasks.update'>
        return this.wrote(await this.need().update(key, status, result)) as Output<C>
      }
      case 'tasks.duplicate': {
        const { key, id } = i as ParsedInput<'tasks.duplicate'>
        return this.wrote(await this.need().duplicate(key, id)) as Output<C>
      }
      case 'tasks.list':
        return (await this.need().list(i as ParsedInput<'tasks.list'>, nowSeconds())) as Output<C>
      case 'tasks.count':
        return (await this.need().count(i as ParsedInput<'tasks.count'>)) as Output<C>
      case 'tasks.facets':
        return (await this.need().facets(i as ParsedInput<'tasks.facets'>, nowSeconds())) as Output<C>
      case 'tasks.get':
        return (await this.need().get((i as ParsedInput<'tasks.get'>).key)) as Output<C>
      case 'tasks.preview': {
        const engine = this.need()
        return { ...(await engine.preview((i as ParsedInput<'tasks.preview'>).target, nowSeconds())), triggers: await engine.triggers() } as Output<C>
      }
      case 'tasks.purge':
      case 'tasks.requeue':
      case 'tasks.retry':
      case 'tasks.timeout': {
        const { target, snapshot, jobId, allowTriggers } = i as ParsedInput<'tasks.purge'>
        const engine = this.need()
        // The job is registered before anything is awaited, so a cancel sent right after the start finds it.
        return (await this.job<Output<'tasks.purge' | 'tasks.requeue' | 'tasks.retry' | 'tasks.timeout'>>(jobId, async (signal, onProgress) => {
          refuseTriggers(await engine.triggers(), allowTriggers, engine.info().path)
          const options = { signal, onProgress, snapshot, ...this.chunking() }
          if (channel === 'tasks.purge') return engine.purge(target, { ...options, maintenance: (i as ParsedInput<'tasks.purge'>).maintenance })
          if (channel === 'tasks.requeue') return engine.requeue(target, options)
          if (channel === 'tasks.retry') return engine.retry(target, options)
          return engine.markTimedOut(target, options)
        })) as Output<C>
      }
      case 'tasks.cleanup': {
        const { days, expireMinutes, timeoutMinutes, maintenance, jobId, allowTriggers } = i as ParsedInput<'tasks.cleanup'>
        const engine = this.need()
        const kind = engine.info().kind
        const minutes = expireMinutes ?? days! * 1440
        // The seed's rule looks at creation time; the backend's expiry at the last access, after marking stuck work
        // as its own cleanup does.
        const { stuck, expire: target } = cleanupPlan(kind, minutes, timeoutMinutes)
        return (await this.job(jobId, async (signal, onProgress) => {
          refuseTriggers(await engine.triggers(), allowTriggers, engine.info().path)
          const options = { signal, onProgress, ...this.chunking() }
          const marked = stuck ? await engine.markTimedOut(stuck, options).catch(failedMarking) : { timed_out: 0, cancelled: false }
          if (marked.cancelled) return { deleted: 0, timed_out: marked.timed_out, cancelled: true }
          const r = await engine.purge(target, { ...options, maintenance }).catch(failedAfterMarking(marked.timed_out))
          return { deleted: r.deleted, timed_out: marked.timed_out, cancelled: r.cancelled }
        })) as Output<C>
      }
      case 'tasks.export': {
        const { filter, format, withResult, bom, rawTimes, path, jobId } = i as ParsedInput<'tasks.export'>
        const engine = this.need()
        return (await this.job(
          jobId,
          async (signal, onProgress) => exportToFile(await engine.exportSource(filter, { withResult }, nowSeconds()), path, { format, withResult, bom, rawTimes, signal, onProgress }),
          false
        )) as Output<C>
      }
      case 'jobs.cancel': {
        const job = this.jobs.get((i as ParsedInput<'jobs.cancel'>).jobId)
        job?.abort()
        return { cancelled: job !== undefined } as Output<C>
      }
    }
    throw new AppError('INVALID_INPUT', `Unknown operation ${String(channel)}.`)
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
