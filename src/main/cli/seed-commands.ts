import { readFileSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { standardJson } from '../../shared/python-json'
import { UsageError } from './args'
import { utcTime } from './format'
import { one, requireSeed, RawJson, withEngine, type Answer, type Ctx } from './context'
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
    // Opening with create runs the seed's init_db (CREATE TABLE IF NOT EXISTS, its DDL) when there is no table.
    return withEngine(
      ctx,
      (engine) => {
        const { created, kind, path } = engine.info()
        return { json: { created, kind, path }, text: created ? tr('cli.created', { path }) : tr('cli.alreadyThere', { path, kind }) }
      },
      { create: true }
    )
  },

  async add(ctx) {
    const id = one(ctx, 'add')
    if (!ctx.v.type?.length || ctx.v.type.length > 1) throw new UsageError(tr('cli.usage.addType'))
    const type = ctx.v.type[0]!
    return withEngine(ctx, async (engine) => {
      requireSeed(engine, 'add')
      await engine.create(id, type)
      const status = await engine.seedStatus(id)
      return { json: { id, type, ...status }, text: tr('cli.added', { id, type }) }
    })
  },

  async update(ctx) {
    const id = one(ctx, 'update')
    if (!ctx.v.status?.length || ctx.v.status.length > 1) throw new UsageError(tr('cli.usage.updateStatus'))
    const status = ctx.v.status[0]!
    return withEngine(ctx, async (engine) => {
      requireSeed(engine, 'update')
      const result = resultText(ctx)
      try {
        const { updated } = await engine.update(id, status, result)
        return { json: { updated }, text: tr('cli.updated', { id, status }) }
      } catch (e) {
        if ((e as { code?: string }).code !== 'NO_SUCH_TASK') throw e
        return { json: { updated: 0 }, text: tr('cli.noSuchTask', { id }), code: 1 }
      }
    })
  },

  async status(ctx) {
    const id = one(ctx, 'status')
    return withEngine(ctx, async (engine) => {
      requireSeed(engine, 'status')
      const s = await engine.seedStatus(id)
      if (!s) return { json: null, text: tr('cli.noSuchTask', { id }), code: 1 }
      return { json: s, text: tr('cli.statusLine', { status: s.status, created: utcTime(s.created_at), updated: utcTime(s.updated_at) }) }
    })
  },

  async result(ctx) {
    const id = one(ctx, 'result')
    return withEngine(ctx, async (engine) => {
      requireSeed(engine, 'result')
      const r = await engine.seedResult(id)
      if (!r) return { json: null, text: tr('cli.noSuchTask', { id }), code: 1 }
      // The stored text is spliced in as is, so numbers keep their exact digits; Python's NaN and Infinity are not
      // JSON, so they become null and "non_finite" says where they were.
      const result = r.resultText === null ? { json: 'null', nonFinite: {} } : standardJson(r.resultText)
      const note = Object.keys(result.nonFinite).length ? `, "non_finite": ${JSON.stringify(result.nonFinite)}` : ''
      const json = new RawJson(
        `{"status": ${JSON.stringify(r.status)}, "result": ${result.json}, "created_at": ${JSON.stringify(r.created_at)}, "updated_at": ${JSON.stringify(r.updated_at ?? null)}${note}}`
      )
      return { json, text: r.resultText ?? tr('cli.noResult', { status: r.status }) }
    })
  }
}
