import { AppError } from '../../shared/errors'
import { isEmptyFilter } from '../../shared/filter'
import type { TaskRow, SchemaKind } from '../../shared/task'
import type { Target } from '../../shared/results'
import type { TaskEngine } from '../store/engine'
import { openEngine } from '../store/open-engine'
import { storeError } from '../store/model/errors'
import { filterFromArgs, UsageError, type Values } from './args'
import { progressBar } from './progress'
import { tr } from './i18n'
import { refuseTriggers } from '../store/model/triggers'

export interface Io {
  out(text: string): void
  err(text: string): void
  stderr: NodeJS.WriteStream
  /** Aborted on Ctrl-C: long operations stop between chunks. */
  signal: AbortSignal
}

export interface Ctx {
  /** Chunk sizing for bulk writes (from the environment). */
  tuning: { targetMs?: number; gapMs?: number; maxRows?: number }
  v: Values
  args: string[]
  dbPath: string
  io: Io
  json: boolean
  /** The environment: $DOCUSNAP_SETTINGS and the user-data folder locate the settings file. */
  env: NodeJS.ProcessEnv
}

/** A command's answer: the JSON document for --json, the text for people, and the exit code. */
export interface Answer {
  json: unknown
  text: string
  code?: number
}

/**
 * Runs a command on the database named by --db (a file path, or a postgres:// URL), closed afterwards. Failures of
 * the database itself (a damaged page shows up on read) come back naming it.
 */
export async function withEngine<T>(ctx: Ctx, fn: (engine: TaskEngine) => T | Promise<T>, options: { create?: boolean; schema?: SchemaKind } = {}): Promise<T> {
  const engine = await openEngine(ctx.dbPath, { readOnly: ctx.v['read-only'] === true, ...options })
  try {
    return await fn(engine)
  } catch (e) {
    if (e instanceof AppError || e instanceof UsageError) throw e
    throw storeError(e, engine.info().path, 'Read')
  } finally {
    await engine.close()
  }
}

export function one(ctx: Ctx, what: string): string {
  const id = ctx.args[0]
  if (id === undefined || ctx.args.length > 1) throw new UsageError(tr('cli.usage.oneId', { command: what }))
  return id
}

export function requireSeed(engine: TaskEngine, command: string): void {
  const { kind, path } = engine.info()
  if (kind !== 'seed') throw new AppError('INVALID_INPUT', tr('cli.notSeed', { command, path }))
}

/** List rows as scripts see them: the stored values under the stored column names. */
export function rowJson(t: TaskRow): Record<string, unknown> {
  if (t.client_id !== undefined)
    return {
      id: t.id,
      client_id: t.client_id,
      sha256: t.sha256,
      type: t.type,
      status: t.status,
      error_detail: t.error_detail ?? null,
      created_at: t.created_at,
      last_accessed: t.last_accessed ?? null,
      updated_at: t.updated_at,
      result_bytes: t.result_bytes
    }
  return { id: t.id, type: t.type, status: t.status, created_at: t.created_at, updated_at: t.updated_at, result_bytes: t.result_bytes }
}

export function targetOf(ctx: Ctx, command: string): Target {
  const filter = filterFromArgs(ctx.v)
  if (ctx.args.length > 0) {
    if (!isEmptyFilter(filter)) throw new UsageError(tr('cli.usage.idsOrFilters', { command }))
    return { keys: ctx.args }
  }
  if (isEmptyFilter(filter) && !ctx.v.all)
    throw new UsageError(tr('cli.usage.noFilter', { command }))
  return { filter }
}

export async function runBulk(
  ctx: Ctx,
  label: string,
  run: (onProgress: (p: { done: number; total: number; maintenance?: boolean; waiting?: 'lock' }) => void) => Promise<{ done: number; total: number; cancelled: boolean }>
) {
  const bar = progressBar(ctx.io.stderr, !ctx.json, label)
  let maintenance: boolean | undefined
  let waiting = false
  try {
    return await run((p) => {
      // Behind another session's lock: said once, on its own line, while it lasts (stderr).
      if (p.waiting === 'lock' && !waiting && !ctx.json) {
        bar.end()
        ctx.io.err(tr('cli.progress.waitingLock'))
      }
      waiting = p.waiting === 'lock'
      // A maintenance window that ended is said once, on its own line (stderr: --json stays one document).
      if (maintenance === true && p.maintenance === false) {
        bar.end()
        ctx.io.err(tr('cli.progress.maintenanceOff'))
      }
      maintenance = p.maintenance
      bar.update(p)
    })
  } finally {
    bar.end()
  }
}

const BULK_WORDS = {
  deleted: { done: 'cli.deleted', cancelled: 'cli.cancelledDeleted' },
  requeued: { done: 'cli.requeued', cancelled: 'cli.cancelledRequeued' },
  retried: { done: 'cli.retried', cancelled: 'cli.cancelledRetried' }
} as const

export function bulkAnswer(key: keyof typeof BULK_WORDS, r: { done: number; total: number; cancelled: boolean }, what: string): Answer {
  if (r.cancelled) return { json: { [key]: r.done, cancelled: true }, text: tr(BULK_WORDS[key].cancelled, { done: r.done, total: r.total, what }), code: 1 }
  return { json: { [key]: r.done }, text: tr(BULK_WORDS[key].done, { count: r.done, what }) }
}

/** JSON text to print as is (already serialised, e.g. to keep a stored result's exact numbers). */
export class RawJson {
  constructor(readonly text: string) {}
}


/** A bulk change of a table with triggers runs only with --allow-triggers (store/triggers.ts). */
export async function guardTriggers(ctx: Ctx, engine: TaskEngine): Promise<void> {
  refuseTriggers(await engine.triggers(), ctx.v['allow-triggers'] === true, engine.info().path)
}
