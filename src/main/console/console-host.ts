import { AppError } from '../../shared/errors'
import type { ConsoleCell, ConsoleColumn, ConsolePlan, ConsoleResult, ConsoleSchema, LimitReason } from '../../shared/console'
import type { ConsoleJob, ConsoleTarget, FromChild } from './protocol'
import type { ConsoleProcess, SpawnConsole } from './spawn'

// The SQL console as the app's carriers see it: jobs sent to the console's process (child.ts), each stopped at its
// time limit or when the user says so, with what it had read by then. On SQLite the process is ended (nothing else
// interrupts a statement); on PostgreSQL the server is asked to cancel, and the process ended only if it does not
// answer. A new process starts with the next job.

const GRACE_MS = 3000

interface Pending {
  /** The process the job was sent to: only its end fails the job. */
  proc: ConsoleProcess
  target: ConsoleTarget
  job: ConsoleJob
  started: number
  limitMs: number
  limitReason?: LimitReason
  columns: ConsoleColumn[]
  rows: ConsoleCell[][]
  resolve: (v: unknown) => void
  reject: (e: AppError) => void
  onProgress?: (done: number) => void
  timer?: ReturnType<typeof setTimeout>
  stopped?: 'timeout' | 'cancelled'
}

export type ExportOutcome = { exported: number; cancelled: boolean; stopped?: 'timeout' | 'cancelled'; limitMs: number; limitReason?: LimitReason }

export class SqlConsole {
  private proc: ConsoleProcess | null = null
  private readonly pending = new Map<number, Pending>()
  private readonly runs = new Map<string, number>()
  /** Jobs stopped whose process has not answered yet: ended if it does not within GRACE_MS. */
  private readonly lingering = new Set<number>()
  private nextId = 1
  private writerSeenAt: number | null = null

  constructor(
    private readonly spawn: SpawnConsole,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** The session saw another process commit (its watch); a rollback-journal file's queries get less time then. */
  noteExternalCommit(): void {
    this.writerSeenAt = this.now()
  }

  rows(target: ConsoleTarget, runId: string, sql: string, limit: number, timeoutMs: number): Promise<ConsoleResult> {
    return this.start(target, runId, { kind: 'rows', sql, limit, timeoutMs }) as Promise<ConsoleResult>
  }

  explain(target: ConsoleTarget, runId: string, sql: string, timeoutMs: number): Promise<ConsolePlan> {
    return this.start(target, runId, { kind: 'explain', sql, timeoutMs }) as Promise<ConsolePlan>
  }

  schema(target: ConsoleTarget): Promise<ConsoleSchema & { wal?: boolean }> {
    return this.start(target, null, { kind: 'schema' }) as Promise<ConsoleSchema>
  }

  export(target: ConsoleTarget, runId: string, job: Omit<Extract<ConsoleJob, { kind: 'export' }>, 'kind'>, onProgress?: (done: number) => void): Promise<ExportOutcome> {
    return this.start(target, runId, { kind: 'export', ...job }, onProgress) as Promise<ExportOutcome>
  }

  /** Stops a running job; its answer says it was stopped and carries what it had. */
  cancel(runId: string): boolean {
    const id = this.runs.get(runId)
    if (id === undefined) return false
    this.stop(id, 'cancelled')
    return true
  }

  /** The running console process's id, if one is running. */
  pid(): number | undefined {
    return this.proc?.pid
  }

  close(): void {
    for (const id of [...this.pending.keys()]) this.stop(id, 'cancelled')
    this.proc?.kill()
    this.proc = null
  }

  private start(target: ConsoleTarget, runId: string | null, job: ConsoleJob, onProgress?: (done: number) => void): Promise<unknown> {
    if (runId !== null && this.runs.has(runId)) return Promise.reject(new AppError('INVALID_INPUT', `A query with id ${runId} is already running.`))
    const proc = (this.proc ??= this.startProcess())
    const id = this.nextId++
    const limitMs = 'timeoutMs' in job ? job.timeoutMs : 10_000
    return new Promise((resolve, reject) => {
      const p: Pending = { proc, target, job, started: this.now(), limitMs, columns: [], rows: [], resolve, reject, onProgress }
      this.pending.set(id, p)
      if (runId !== null) this.runs.set(runId, id)
      this.arm(id, p)
      const writerSeenMsAgo = this.writerSeenAt === null ? null : this.now() - this.writerSeenAt
      proc.send({ type: 'job', id, target, job, writerSeenMsAgo })
    }).finally(() => {
      if (runId !== null && this.runs.get(runId) === id) this.runs.delete(runId)
    })
  }

  private arm(id: number, p: Pending): void {
    if (p.timer) clearTimeout(p.timer)
    const left = p.limitMs - (this.now() - p.started)
    p.timer = setTimeout(() => this.stop(id, 'timeout'), Math.max(0, left))
    p.timer.unref?.()
  }

  private startProcess(): ConsoleProcess {
    const proc = this.spawn()
    proc.onMessage((msg) => this.receive(msg))
    proc.onExit(() => {
      if (this.proc === proc) this.proc = null
      this.lingering.clear()
      for (const [id, p] of [...this.pending]) {
        if (p.proc !== proc) continue
        if (p.stopped) this.settleStopped(id, p)
        else this.fail(id, p, new AppError('INTERNAL', 'The SQL console’s process ended unexpectedly. Run the query again.'))
      }
    })
    return proc
  }

  private receive(msg: FromChild): void {
    if (msg.type === 'done' || msg.type === 'error') this.lingering.delete(msg.id)
    const p = this.pending.get(msg.id)
    if (!p) return
    switch (msg.type) {
      case 'batch':
        if (msg.columns) p.columns = msg.columns
        for (const r of msg.rows) p.rows.push(r)
        return
      case 'progress':
        p.onProgress?.(msg.done)
        return
      case 'limit':
        p.limitMs = Math.min(p.limitMs, msg.ms)
        if (msg.reason) p.limitReason = msg.reason
        if (!p.stopped) this.arm(msg.id, p)
        return
      case 'error':
        if (p.stopped) return this.settleStopped(msg.id, p)
        return this.fail(msg.id, p, new AppError(msg.error.code, msg.error.message))
      case 'done':
        return this.settle(msg.id, p, p.stopped ? { ...(msg.value as object), stopped: p.stopped } : msg.value)
    }
  }

  private stop(id: number, why: 'timeout' | 'cancelled'): void {
    const p = this.pending.get(id)
    if (!p || p.stopped) return
    p.stopped = why
    const proc = this.proc
    const exporting = p.job.kind === 'export'
    if (p.target.engine === 'sqlite' && !exporting) {
      // Nothing else stops a statement SQLite is inside; ending the process frees the file at once.
      this.settleStopped(id, p)
      this.proc = null
      proc?.kill()
      return
    }
    proc?.send({ type: 'cancel', id })
    this.lingering.add(id)
    // A query read so far is answered now; an export reports itself once its file is removed.
    if (!exporting) this.settleStopped(id, p)
    const backstop = setTimeout(() => {
      if (this.proc === proc && this.lingering.has(id)) {
        this.proc = null
        proc?.kill()
      }
    }, GRACE_MS)
    backstop.unref?.()
  }

  private settleStopped(id: number, p: Pending): void {
    if (p.job.kind === 'rows') return this.settle(id, p, { more: false })
    if (p.job.kind === 'export') return this.settle(id, p, { exported: 0, cancelled: true })
    this.fail(id, p, new AppError('CANCELLED', p.stopped === 'timeout' ? `Stopped at the time limit (${Math.round(p.limitMs / 1000)} s).` : 'Stopped.'))
  }

  private settle(id: number, p: Pending, value: unknown): void {
    this.pending.delete(id)
    if (p.timer) clearTimeout(p.timer)
    const ms = Math.round(this.now() - p.started)
    const limits = { limitMs: p.limitMs, ...(p.limitReason ? { limitReason: p.limitReason } : {}) }
    if (p.job.kind === 'rows') {
      const { more } = value as { more: boolean }
      p.resolve({ columns: p.columns, rows: p.rows, more, ms, ...limits, ...(p.stopped ? { stopped: p.stopped } : {}) } satisfies ConsoleResult)
    } else if (p.job.kind === 'export') p.resolve({ ...(value as object), ...limits, ...(p.stopped ? { stopped: p.stopped } : {}) })
    else p.resolve(value)
  }

  private fail(id: number, p: Pending, e: AppError): void {
    this.pending.delete(id)
    if (p.timer) clearTimeout(p.timer)
    p.reject(e)
  }
}
