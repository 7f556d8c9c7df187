import { facetTasks } from '../store/facets'
import { storeStats } from '../store/stats'
import { countTasks, listTasks } from '../store/tasks'
import { filterFromArgs, parseNumber, sortFromArgs, UsageError } from './args'
import { bytes, countsTable, localTime, taskTable } from './format'
import { rowJson, withStore, type Answer, type Ctx } from './context'

/** Reading: list, count, facets, stats. */
export const QUERY_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
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
      const parts = [countsTable('Status', f.status), countsTable('Type', f.type), countsTable('Errors', f.error ?? {})]
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
  }
}
