import { createTaskRecord, getTaskResult, getTaskStatus, initDb, updateTaskResult } from '../store/seed'
import { UsageError } from './args'
import { localTime } from './format'
import { one, requireSeed, RawJson, withStore, type Answer, type Ctx } from './context'

/** The seed module's functions: init, add, update, status, result. */
export const SEED_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
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
  }
}
