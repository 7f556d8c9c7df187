import { copyTasks } from '../store/copy'
import { parsePgUrl, isPgUrl } from '../store/pg/url'
import { parseNumber, UsageError } from './args'
import { runBulk, type Answer, type Ctx } from './context'
import { tr } from './i18n'
import type { Distribution } from '../../shared/results'

const DISTRIBUTIONS: Distribution[] = ['id', 'client_id', 'reference']

/** A side as it may be printed: a URL without its password. */
const shown = (name: string) => (isPgUrl(name) ? parsePgUrl(name).shown : name)

/**
 * `copy --from A --to B`: the move across (SQLite ⇄ PostgreSQL), with progress, resumable by running it again, ending
 * with the row counts and a checksum per column on both sides. Exit 1 when they disagree or the copy was stopped.
 */
export async function copyCommand(ctx: Ctx): Promise<Answer> {
  const { from, to } = ctx.v
  if (!from || !to || ctx.args.length) throw new UsageError(tr('cli.usage.copyEnds'))
  const batch = parseNumber(ctx.v.batch, 'batch', { min: 1, max: 5000 }) ?? 2000
  const by = ctx.v['distribute-by']
  if (by !== undefined && !DISTRIBUTIONS.includes(by as Distribution)) throw new UsageError(tr('cli.usage.distributeBy'))
  const distributeBy = by as Distribution | undefined
  let result: Awaited<ReturnType<typeof copyTasks>> | undefined
  await runBulk(ctx, tr('cli.copy.progress'), async (onProgress) => {
    result = await copyTasks(from, to, { batch, signal: ctx.io.signal, onProgress, distributeBy })
    return { done: result.copied + result.skipped, total: result.total, cancelled: result.cancelled }
  })
  const r = result!
  const names = { from: shown(from), to: shown(to) }
  if (r.cancelled) return { json: { ...r, from: names.from, to: names.to }, text: tr('cli.copy.stopped', { done: r.copied + r.skipped, total: r.total }), code: 1 }
  const differ = r.checks.filter((c) => !c.same).map((c) => c.column)
  const lines = [
    tr('cli.copy.done', { copied: r.copied, skipped: r.skipped, ...names }),
    ...(r.created ? [tr('cli.copy.created')] : []),
    ...(r.citus ? [r.citus.distribution === 'hash' ? tr('cli.copy.distributed', { ...r.citus }) : tr('cli.copy.reference', { ...r.citus })] : []),
    tr('cli.copy.rows', r.rows),
    differ.length ? tr('cli.copy.differ', { columns: differ.join(', ') }) : tr('cli.copy.same', { columns: r.checks.map((c) => c.column).join(', ') })
  ]
  const agree = differ.length === 0 && r.rows.from === r.rows.to
  return { json: { ...r, from: names.from, to: names.to, agree }, text: lines.join('\n'), code: agree ? 0 : 1 }
}
