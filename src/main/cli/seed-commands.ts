import { readFileSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { standardJson } from '../../shared/python-json'
import { createTaskRecord, getTaskResult, getTaskStatus, initDb, updateTaskResult } from '../store/seed'
import { UsageError } from './args'
import { utcTime } from './format'
import { one, requireSeed, RawJson, withStore, type Answer, type Ctx } from './context'
import { tr } from './i18n'

/**
 * The result for `update`: --result TEXT, or --result-file PATH (`-` reads standard input) for results too big for
 * an argument (the seed stores megabytes) or starting with '-'. A byte-order mark from an editor is dropped.
 */
function resultText(ctx: Ctx): string | undefined {
  const file = ctx.v['result-file']
  if (file === undefined) return ctx.v.result
  if (ctx.v.result !== undefined) throw new UsageError(tr('cli.usage.resultTwice'))
  let text: string
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (e) {
    throw new AppError('NOT_FOUND', tr('cli.resultFileUnreadable', { path: file, reason: (e as Error).message }))
  }
  return text.replace(/^\uFEFF/, '')
}

/** The seed module's functions: init, add, update, status, result. */
export const SEED_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
  async init(ctx) {
    return withStore(
      ctx,
      (store) => {
        if (store.dialect.kind === 'seed') initDb(store.db)
        return {
          json: { created: store.created, kind: store.dialect.kind, path: store.path },
          text: store.created ? tr('cli.created', { path: store.path }) : tr('cli.alreadyThere', { path: store.path, kind: store.dialect.kind })
        }
      },
      { create: true }
    )
  },

  async add(ctx) {
    const id = one(ctx, 'add')
    if (!ctx.v.type?.length || ctx.v.type.length > 1) throw new UsageError(tr('cli.usage.addType'))
    const type = ctx.v.type[0]!
    return withStore(ctx, (store) => {
      requireSeed(store, 'add')
      createTaskRecord(store.db, id, type)
      const status = getTaskStatus(store.db, id)
      return { json: { id, type, ...status }, text: tr('cli.added', { id, type }) }
    })
  },

  async update(ctx) {
    const id = one(ctx, 'update')
    if (!ctx.v.status?.length || ctx.v.status.length > 1) throw new UsageError(tr('cli.usage.updateStatus'))
    const status = ctx.v.status[0]!
    return withStore(ctx, (store) => {
      requireSeed(store, 'update')
      const result = resultText(ctx)
      const changed = updateTaskResult(store.db, id, status, result === undefined ? undefined : { json: result })
      if (changed === 0) return { json: { updated: 0 }, text: tr('cli.noSuchTask', { id }), code: 1 }
      return { json: { updated: changed }, text: tr('cli.updated', { id, status }) }
    })
  },

  async status(ctx) {
    const id = one(ctx, 'status')
    return withStore(ctx, (store) => {
      requireSeed(store, 'status')
      const s = getTaskStatus(store.db, id)
      if (!s) return { json: null, text: tr('cli.noSuchTask', { id }), code: 1 }
      return { json: s, text: tr('cli.statusLine', { status: s.status, created: utcTime(s.created_at), updated: utcTime(s.updated_at) }) }
    })
  },

  async result(ctx) {
    const id = one(ctx, 'result')
    return withStore(ctx, (store) => {
      requireSeed(store, 'result')
      const r = getTaskResult(store.db, id)
      if (!r) return { json: null, text: tr('cli.noSuchTask', { id }), code: 1 }
      // The stored text is spliced in as is, so numbers keep their exact digits; Python's NaN and Infinity are not
      // JSON, so they become null and "non_finite" says where they were.
      const result = r.resultText === null ? { json: 'null', nonFinite: {} } : standardJson(r.resultText)
      const note = Object.keys(result.nonFinite).length ? `, "non_finite": ${JSON.stringify(result.nonFinite)}` : ''
      const json = new RawJson(
        `{"status": ${JSON.stringify(r.status)}, "result": ${result.json}, "created_at": ${r.created_at}, "updated_at": ${r.updated_at ?? 'null'}${note}}`
      )
      return { json, text: r.resultText ?? tr('cli.noResult', { status: r.status }) }
    })
  }
}
