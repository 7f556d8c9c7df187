import { AppError } from '../../shared/errors'
import { isEmptyFilter, type TaskFilter } from '../../shared/filter'
import type { TaskRow } from '../../shared/task'
import type { Target } from '../store/chunked'
import { insertBackendDemo, insertSeedDemo } from '../store/demo'
import { facetTasks } from '../store/facets'
import { addIndexes, expiryTarget, markTimedOut, requeueTasks, stuckTarget, vacuumStore } from '../store/maintenance'
import { closeStore, openStore, type Store } from '../store/open'
import { storeError } from '../store/errors'
import { EXPORT_FORMATS, type ExportFormat } from '../store/export'
import { exportToFile } from '../store/export-file'
import { cleanupTarget, previewTarget, purgeTasks } from '../store/purge'
import { createTaskRecord, getTaskResult, getTaskStatus, initDb, updateTaskResult } from '../store/seed'
import { storeStats } from '../store/stats'
import { countTasks, listTasks } from '../store/tasks'
import { filterFromArgs, parseNumber, sortFromArgs, UsageError, type Values } from './args'
import { bytes, countsTable, localTime, taskTable } from './format'
import { progressBar } from './progress'

export interface Io {
  out(text: string): void
  err(text: string): void
  stderr: NodeJS.WriteStream
  /** Aborted on Ctrl-C: long operations stop between chunks. */
  signal: AbortSignal
}

export interface Ctx {
  /** Chunk sizing for bulk writes (from the environment). */
  tuning: { targetMs?: number; gapMs?: number }
  v: Values
  args: string[]
  dbPath: string
  io: Io
  json: boolean
}

/** A command's answer: the JSON document for --json, the text for people, and the exit code. */
export interface Answer {
  json: unknown
  text: string
  code?: number
}

function open(ctx: Ctx, options: { create?: boolean; schema?: 'seed' | 'backend' } = {}): Store {
  return openStore(ctx.dbPath, { readOnly: ctx.v['read-only'] === true, ...options })
}

async function withStore<T>(ctx: Ctx, fn: (store: Store) => T | Promise<T>, options: { create?: boolean; schema?: 'seed' | 'backend' } = {}): Promise<T> {
  const store = open(ctx, options)
  try {
    return await fn(store)
  } catch (e) {
    // Failures of the file itself (a damaged page shows up on read) come back naming it.
    if (e instanceof AppError || e instanceof UsageError) throw e
    throw storeError(e, store.path, 'Read')
  } finally {
    closeStore(store)
  }
}

function one(ctx: Ctx, what: string): string {
  const id = ctx.args[0]
  if (id === undefined || ctx.args.length > 1) throw new UsageError(`${what} needs exactly one task id.`)
  return id
}

function requireSeed(store: Store, command: string): void {
  if (store.dialect.kind !== 'seed')
    throw new AppError('INVALID_INPUT', `${command} is one of the seed module's functions; ${store.path} uses DocuSnap-Backend's format.`)
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

function targetOf(ctx: Ctx, command: string): Target {
  const filter = filterFromArgs(ctx.v)
  if (ctx.args.length > 0) {
    if (!isEmptyFilter(filter)) throw new UsageError(`${command}: give task ids or filters, not both.`)
    return { keys: ctx.args }
  }
  if (isEmptyFilter(filter) && !ctx.v.all)
    throw new UsageError(`${command}: no filter given. Add filters (e.g. --status error), task ids, or --all to ${command} every task.`)
  return { filter }
}

async function runBulk(ctx: Ctx, label: string, run: (onProgress: (p: { done: number; total: number }) => void) => Promise<{ done: number; total: number; cancelled: boolean }>) {
  const bar = progressBar(ctx.io.stderr, !ctx.json, label)
  try {
    return await run((p) => bar.update(p))
  } finally {
    bar.end()
  }
}

export const COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
  async init(ctx) {
    return withStore(
      ctx,
      (store) => {
        if (store.dialect.kind === 'seed') initDb(store.db)
        return {
          json: { created: store.created, kind: store.dialect.kind, path: store.path },
          text: store.created ? `Created the tasks table in ${store.path}.` : `${store.path} already has a tasks table (${store.dialect.kind} format).`
        }
      },
      { create: true }
    )
  },

  async add(ctx) {
    const id = one(ctx, 'add')
    if (!ctx.v.type?.length || ctx.v.type.length > 1) throw new UsageError('add needs one --type (document, form or form_filling).')
    const type = ctx.v.type[0]!
    return withStore(ctx, (store) => {
      requireSeed(store, 'add')
      createTaskRecord(store.db, id, type)
      const status = getTaskStatus(store.db, id)
      return { json: { id, type, ...status }, text: `Added ${id} (${type}), pending.` }
    })
  },

  async update(ctx) {
    const id = one(ctx, 'update')
    if (!ctx.v.status?.length || ctx.v.status.length > 1) throw new UsageError('update needs one --status.')
    const status = ctx.v.status[0]!
    return withStore(ctx, (store) => {
      requireSeed(store, 'update')
      const changed = updateTaskResult(store.db, id, status, ctx.v.result === undefined ? undefined : { json: ctx.v.result })
      if (changed === 0) return { json: { updated: 0 }, text: `No task with id ${id}.`, code: 1 }
      return { json: { updated: changed }, text: `Updated ${id}: ${status}.` }
    })
  },

  async status(ctx) {
    const id = one(ctx, 'status')
    return withStore(ctx, (store) => {
      requireSeed(store, 'status')
      const s = getTaskStatus(store.db, id)
      if (!s) return { json: null, text: `No task with id ${id}.`, code: 1 }
      return { json: s, text: `${s.status}  created ${localTime(s.created_at)}  updated ${localTime(s.updated_at)}` }
    })
  },

  async result(ctx) {
    const id = one(ctx, 'result')
    return withStore(ctx, (store) => {
      requireSeed(store, 'result')
      const r = getTaskResult(store.db, id)
      if (!r) return { json: null, text: `No task with id ${id}.`, code: 1 }
      // The stored text is spliced in as is, so numbers keep their exact digits.
      const json = new RawJson(
        `{"status": ${JSON.stringify(r.status)}, "result": ${r.resultText ?? 'null'}, "created_at": ${r.created_at}, "updated_at": ${r.updated_at ?? 'null'}}`
      )
      return { json, text: r.resultText ?? `(no result; status ${r.status})` }
    })
  },

  async list(ctx) {
    if (ctx.args.length) throw new UsageError('list takes no positional arguments; use --id to search ids.')
    const filter = filterFromArgs(ctx.v)
    const sort = sortFromArgs(ctx.v)
    const limit = parseNumber(ctx.v.limit, 'limit', { min: 1, max: 1000 }) ?? 50
    return withStore(ctx, (store) => {
      const page = listTasks(store, filter, sort, { limit, after: ctx.v.after ?? null })
      const more = page.next ? `\nMore: --after ${page.next}` : ''
      return { json: { tasks: page.tasks.map(rowJson), next: page.next }, text: page.tasks.length ? `${taskTable(page.tasks)}${more}` : 'No tasks match.' }
    })
  },

  async count(ctx) {
    const filter = filterFromArgs(ctx.v)
    return withStore(ctx, (store) => {
      const count = countTasks(store, filter)
      return { json: { count }, text: `${count.toLocaleString('en-US')} tasks` }
    })
  },

  async facets(ctx) {
    const filter = filterFromArgs(ctx.v)
    return withStore(ctx, (store) => {
      const f = facetTasks(store, filter)
      const parts = [countsTable('Status', f.status), countsTable('Type', f.type), countsTable('Errors', f.error)]
      if (f.client) parts.push(countsTable('Clients', f.client))
      return { json: f, text: parts.join('\n') }
    })
  },

  async stats(ctx) {
    return withStore(ctx, (store) => {
      const s = storeStats(store)
      const text = [
        `${s.path} (${s.kind} format${s.read_only ? ', read-only' : ''}, ${bytes(s.file_bytes)}, journal ${s.journal_mode})`,
        `${s.total.toLocaleString('en-US')} tasks, created ${localTime(s.oldest)} … ${localTime(s.newest)}`,
        countsTable('Status', s.by_status),
        countsTable('Type', s.by_type),
        s.missing_indexes.length ? `Suggested indexes missing: ${s.missing_indexes.join(', ')} (add with "indexes --add")` : 'All suggested indexes present.'
      ].join('\n')
      return { json: s, text }
    })
  },

  async cleanup(ctx) {
    const days = parseNumber(ctx.v.days, 'days', { max: 36_500, integer: false })
    const minutes = parseNumber(ctx.v.minutes, 'minutes', { max: 52_560_000, integer: false })
    if (days !== undefined && minutes !== undefined) throw new UsageError('cleanup: give --days or --minutes, not both.')
    const timeout = parseNumber(ctx.v['timeout-minutes'], 'timeout-minutes', { max: 52_560_000, integer: false })
    return withStore(ctx, async (store) => {
      const backend = store.dialect.kind === 'backend'
      if (timeout !== undefined && !backend) throw new UsageError('--timeout-minutes applies to DocuSnap-Backend files (stuck processing tasks); this file uses the seed format.')
      const ageMinutes = minutes ?? (days ?? 7) * 1440
      const described = minutes !== undefined ? `${minutes} minutes` : `${days ?? 7} days`
      // The seed's rule looks at creation time; the backend's expiry at the last access.
      const target = backend ? expiryTarget(store, ageMinutes) : cleanupTarget(ageMinutes / 1440)
      const what = backend ? `tasks not accessed for ${described}` : `tasks created more than ${described} ago`
      const stuck = timeout !== undefined ? stuckTarget(store, timeout) : null
      if (ctx.v['dry-run']) {
        const wouldTimeOut = stuck ? previewTarget(store, stuck).count : 0
        const p = previewTarget(store, target)
        const json = backend ? { would_delete: p.count, would_time_out: wouldTimeOut } : { would_delete: p.count }
        return { json, text: `Would delete ${p.count.toLocaleString('en-US')} ${what}${stuck ? ` and mark ${wouldTimeOut.toLocaleString('en-US')} stuck tasks as timed out` : ''}.` }
      }
      // As the backend does: time out stuck work first, then expire.
      let timedOut = 0
      if (stuck) {
        const t = await runBulk(ctx, 'Timing out', (onProgress) => markTimedOut(store, stuck, { signal: ctx.io.signal, onProgress, ...ctx.tuning }).then((x) => ({ ...x, done: x.timed_out })))
        timedOut = t.done
        if (t.cancelled) return { json: { deleted: 0, timed_out: timedOut, cancelled: true }, text: `Cancelled: marked ${timedOut} stuck tasks; nothing deleted.`, code: 1 }
      }
      const r = await runBulk(ctx, 'Cleaning up', (onProgress) =>
        purgeTasks(store, target, { signal: ctx.io.signal, onProgress, ...ctx.tuning }).then((x) => ({ ...x, done: x.deleted }))
      )
      const answer = bulkAnswer('deleted', r, what)
      if (backend) {
        answer.json = { ...(answer.json as object), timed_out: timedOut }
        if (stuck) answer.text += ` Marked ${timedOut.toLocaleString('en-US')} stuck tasks as PROCESSING_TIMEOUT.`
      }
      return answer
    })
  },

  async purge(ctx) {
    const target = targetOf(ctx, 'purge')
    return withStore(ctx, async (store) => {
      if (ctx.v['dry-run']) {
        const p = previewTarget(store, target)
        return { json: { would_delete: p.count, by_status: p.by_status }, text: `Would delete ${p.count.toLocaleString('en-US')} tasks.` }
      }
      if (!ctx.v.yes) throw new UsageError('purge deletes tasks for good: add --yes to confirm (or --dry-run to see how many).')
      const r = await runBulk(ctx, 'Deleting', (onProgress) =>
        purgeTasks(store, target, { signal: ctx.io.signal, onProgress, ...ctx.tuning }).then((x) => ({ ...x, done: x.deleted }))
      )
      return bulkAnswer('deleted', r, 'tasks')
    })
  },

  async requeue(ctx) {
    const target = targetOf(ctx, 'requeue')
    return withStore(ctx, async (store) => {
      if (ctx.v['dry-run']) {
        const p = previewTarget(store, target)
        return { json: { would_requeue: p.count }, text: `Would requeue ${p.count.toLocaleString('en-US')} tasks.` }
      }
      if (!ctx.v.yes) throw new UsageError('requeue changes task statuses: add --yes to confirm (or --dry-run to see how many).')
      const r = await runBulk(ctx, 'Requeueing', (onProgress) =>
        requeueTasks(store, target, { signal: ctx.io.signal, onProgress, ...ctx.tuning }).then((x) => ({ ...x, done: x.requeued }))
      )
      return bulkAnswer('requeued', r, 'tasks')
    })
  },

  async vacuum(ctx) {
    return withStore(ctx, (store) => {
      const r = vacuumStore(store)
      return { json: r, text: `Compacted ${store.path}: ${bytes(r.bytes_before)} → ${bytes(r.bytes_after)}.` }
    })
  },

  async indexes(ctx) {
    return withStore(ctx, (store) => {
      if (ctx.v.add) {
        const r = addIndexes(store)
        return { json: r, text: r.added.length ? `Added ${r.added.join(', ')}.` : 'All suggested indexes were already present.' }
      }
      const s = storeStats(store)
      return {
        json: { indexes: s.indexes, missing: s.missing_indexes },
        text: s.indexes.map((i) => `${i.present ? '✓' : '✗'} ${i.name}`).join('\n') + (s.missing_indexes.length ? '\nAdd the missing ones with: indexes --add' : '')
      }
    })
  },

  async export(ctx) {
    const format = (ctx.v.format ?? 'csv') as ExportFormat
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`)
    const out = ctx.v.out
    if (!out) throw new UsageError('export needs --out FILE.')
    const filter = filterFromArgs(ctx.v)
    return withStore(ctx, async (store) => {
      const bar = progressBar(ctx.io.stderr, !ctx.json, 'Exporting')
      try {
        const r = await exportToFile(store, filter, out, { format, withResult: ctx.v['with-result'] === true, bom: ctx.v.bom === true, signal: ctx.io.signal, onProgress: (p) => bar.update(p) })
        if (r.cancelled) return { json: { exported: 0, cancelled: true }, text: 'Cancelled: nothing was written.', code: 1 }
        return { json: { exported: r.exported }, text: `Exported ${r.exported.toLocaleString('en-US')} tasks to ${out}.` }
      } finally {
        bar.end()
      }
    })
  },

  async demo(ctx) {
    const count = parseNumber(ctx.v.count, 'count', { min: 1, max: 50_000_000 })
    if (count === undefined) throw new UsageError('demo needs --count N.')
    const schema = (ctx.v.schema ?? 'seed') as 'seed' | 'backend'
    if (schema !== 'seed' && schema !== 'backend') throw new UsageError('--schema must be seed or backend.')
    const days = parseNumber(ctx.v.days, 'days', { min: 1, max: 3650 })
    const seed = parseNumber(ctx.v.seed, 'seed')
    return withStore(
      ctx,
      (store) => {
        const options = { count, days, seed }
        const inserted = schema === 'seed' ? insertSeedDemo(store, options) : insertBackendDemo(store, options)
        return { json: { inserted }, text: `Inserted ${inserted.toLocaleString('en-US')} demo tasks into ${store.path}.` }
      },
      { create: true, schema }
    )
  }
}

function bulkAnswer(key: 'deleted' | 'requeued', r: { done: number; total: number; cancelled: boolean }, what: string): Answer {
  if (r.cancelled)
    return {
      json: { [key]: r.done, cancelled: true },
      text: `Cancelled: ${key} ${r.done.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} ${what} (whole chunks only).`,
      code: 1
    }
  return { json: { [key]: r.done }, text: `${key[0]!.toUpperCase()}${key.slice(1)} ${r.done.toLocaleString('en-US')} ${what}.` }
}

/** JSON text to print as is (already serialised, e.g. to keep a stored result's exact numbers). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type { TaskFilter }
