import { nowSeconds } from '../store/model/time'
import { filterFromArgs, parseNumber, sortFromArgs, UsageError } from './args'
import { bytes, countsTable, utcTime, taskTable } from './format'
import { rowJson, withEngine, type Answer, type Ctx } from './context'
import { tr } from './i18n'

/** Reading: list, count, facets, stats. */
export const QUERY_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
  async list(ctx) {
    if (ctx.args.length) throw new UsageError(tr('cli.usage.listArgs'))
    const filter = filterFromArgs(ctx.v)
    const sort = sortFromArgs(ctx.v)
    const limit = parseNumber(ctx.v.limit, 'limit', { min: 1, max: 1000 }) ?? 50
    const skip = parseNumber(ctx.v.skip, 'skip', { min: 0, max: 2 ** 40 })
    return withEngine(ctx, async (engine) => {
      const page = await engine.list({ filter, sort, page: { limit, after: ctx.v.after ?? null, ...(skip ? { skip } : {}) } }, nowSeconds())
      const more = page.next ? `\n${tr('cli.more', { cursor: page.next })}` : ''
      return { json: { tasks: page.tasks.map(rowJson), next: page.next }, text: page.tasks.length ? `${taskTable(page.tasks)}${more}` : tr('cli.noTasksMatch') }
    })
  },

  async count(ctx) {
    const filter = filterFromArgs(ctx.v)
    return withEngine(ctx, async (engine) => {
      const { count } = await engine.count({ filter })
      return { json: { count }, text: tr('cli.tasks', { count }) }
    })
  },

  async facets(ctx) {
    const filter = filterFromArgs(ctx.v)
    return withEngine(ctx, async (engine) => {
      const f = await engine.facets({ filter, part: 'all' }, nowSeconds())
      const parts = [countsTable(tr('cli.titles.status'), f.status), countsTable(tr('cli.titles.type'), f.type), countsTable(tr('cli.titles.errors'), f.error ?? {})]
      if (f.client) parts.push(countsTable(tr('cli.titles.clients'), f.client))
      return { json: f, text: parts.join('\n') }
    })
  },

  async stats(ctx) {
    return withEngine(ctx, async (engine) => {
      const s = await engine.stats()
      const text = [
        tr(s.read_only ? 'cli.statsHeadReadOnly' : 'cli.statsHead', { path: s.path, kind: s.kind, size: bytes(s.file_bytes), journal: s.journal_mode }),
        tr('cli.statsTotal', { count: s.total, oldest: utcTime(s.oldest), newest: utcTime(s.newest) }),
        countsTable(tr('cli.titles.status'), s.by_status),
        countsTable(tr('cli.titles.type'), s.by_type),
        s.missing_indexes.length ? tr('cli.missingIndexes', { names: s.missing_indexes.join(', ') }) : tr('cli.allIndexes')
      ].join('\n')
      return { json: s, text }
    })
  }
}
