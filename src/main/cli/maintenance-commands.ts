import { AppError } from '../../shared/errors'
import type { TaskEngine } from '../store/engine'
import { EXPORT_FORMATS, type ExportFormat } from '../store/model/export'
import { exportToFile } from '../store/export-file'
import type { ChunkOptions } from '../store/model/chunking'
import type { Target } from '../../shared/results'
import { isPgUrl } from '../store/pg/url'
import { nowSeconds } from '../store/model/time'
import { filterFromArgs, parseNumber, UsageError } from './args'
import { bytes } from './format'
import { cleanupSteps } from '../../shared/backend-cleanup'
import type { CleanupRule } from '../../shared/settings'
import { cleanupFor } from '../../shared/schedule'
import { settingsFileIn, userDataDir } from '../settings/location'
import { SettingsStore } from '../settings/settings-store'
import { resolve } from 'node:path'
import { progressBar } from './progress'
import { bulkAnswer, guardTriggers, runBulk, targetOf, withEngine, type Answer, type Ctx } from './context'
import { tr } from './i18n'
import { cleanupTarget, expiryTarget, stuckTarget } from '../store/model/rules'
import { runCleanup, type CleanupStep } from '../store/cleanup'

/** The cleanup rule recorded in the settings file (the desktop app's, or $DOCUSNAP_SETTINGS) for this file, if any. */
function recordedRule(ctx: Ctx, path: string): CleanupRule | null {
  const settings = new SettingsStore(ctx.env.DOCUSNAP_SETTINGS ?? settingsFileIn(userDataDir(ctx.env))).state().settings
  // Rules are kept per file path, or per PostgreSQL URL (without password) as the app shows it.
  const rule = cleanupFor(settings, isPgUrl(path) ? path : resolve(path)).rule
  return rule.expireMinutes !== undefined || rule.timeoutMinutes !== undefined ? rule : null
}

const BULK_TEXT = {
  requeue: { would: 'cli.wouldRequeue', yes: 'cli.usage.requeueYes', progress: 'cli.progress.requeueing' },
  retry: { would: 'cli.wouldRetry', yes: 'cli.usage.retryYes', progress: 'cli.progress.retrying' }
} as const

/** A bulk change of a target: --dry-run says how many, otherwise --yes is required and it runs with progress. */
function statusChange(
  ctx: Ctx,
  command: keyof typeof BULK_TEXT,
  keys: { would: string; done: 'requeued' | 'retried' },
  run: (engine: TaskEngine, target: Target, options: ChunkOptions) => Promise<{ done: number; total: number; cancelled: boolean }>
): Promise<Answer> {
  const target = targetOf(ctx, command)
  const text = BULK_TEXT[command]
  return withEngine(ctx, async (engine) => {
    if (ctx.v['dry-run']) {
      const p = await engine.preview(target, nowSeconds())
      return { json: { [keys.would]: p.count }, text: tr(text.would, { count: p.count }) }
    }
    if (!ctx.v.yes) throw new UsageError(tr(text.yes))
    await guardTriggers(ctx, engine)
    const r = await runBulk(ctx, tr(text.progress), (onProgress) => run(engine, target, { signal: ctx.io.signal, onProgress, ...ctx.tuning }))
    return bulkAnswer(keys.done, r, 'tasks')
  })
}

/** Changing and exporting: cleanup, purge, requeue, retry, vacuum, indexes, export, demo. */
export const MAINTENANCE_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
  async cleanup(ctx) {
    const days = parseNumber(ctx.v.days, 'days', { max: 36_500, integer: false })
    const minutesOption = ctx.v['expire-minutes'] !== undefined ? 'expire-minutes' : 'minutes'
    if (ctx.v['expire-minutes'] !== undefined && ctx.v.minutes !== undefined) throw new UsageError(tr('cli.usage.daysOrMinutes'))
    const given = parseNumber(ctx.v[minutesOption], minutesOption, { max: 52_560_000, integer: false })
    if (days !== undefined && given !== undefined) throw new UsageError(tr('cli.usage.daysOrMinutes'))
    const timeoutGiven = parseNumber(ctx.v['timeout-minutes'], 'timeout-minutes', { max: 52_560_000, integer: false })
    return withEngine(ctx, async (engine) => {
      const store = { dialect: { kind: engine.info().kind }, path: engine.info().path }
      const backend = store.dialect.kind === 'backend'
      if (timeoutGiven !== undefined && !backend) throw new UsageError(tr('cli.usage.timeoutSeedFile'))
      // On a backend file with no rule given, the deployment's values recorded in Settings for this file, if any.
      const recorded = backend && days === undefined && given === undefined && timeoutGiven === undefined ? recordedRule(ctx, store.path) : null
      const steps = recorded ? cleanupSteps(recorded, true) : null
      const minutes = given ?? steps?.expireMinutes
      const timeout = timeoutGiven ?? steps?.timeoutMinutes
      const ageMinutes = minutes ?? (days ?? 7) * 1440
      const described = minutes !== undefined ? tr('cli.what.minutes', { count: minutes }) : tr('cli.what.days', { count: days ?? 7 })
      // The seed's rule looks at creation time; the backend's expiry at the last access.
      const target = backend ? expiryTarget(store.dialect.kind, ageMinutes) : cleanupTarget(ageMinutes / 1440)
      const what = backend ? tr('cli.what.notAccessed', { age: described }) : tr('cli.what.createdAgo', { age: described })
      // Say which rule runs before it runs (stderr, so --json stays one document).
      if (!ctx.json)
        ctx.io.err(
          backend
            ? tr(recorded ? 'cli.rule.recorded' : given !== undefined || days !== undefined || timeoutGiven !== undefined ? 'cli.rule.given' : 'cli.rule.default', {
                what,
                stuck: timeout !== undefined ? tr('cli.rule.stuck', { count: timeout }) : tr('cli.rule.noStuck')
              })
            : tr('cli.rule.seed', { what })
        )
      const stuck = timeout !== undefined ? stuckTarget(store.dialect.kind, timeout) : null
      if (ctx.v['dry-run']) {
        const wouldTimeOut = stuck ? (await engine.preview(stuck, nowSeconds())).count : 0
        const p = await engine.preview(target, nowSeconds())
        const json = backend ? { would_delete: p.count, would_time_out: wouldTimeOut } : { would_delete: p.count }
        return { json, text: stuck ? tr('cli.wouldDeleteAndTimeOut', { count: p.count, what, stuck: wouldTimeOut }) : tr('cli.wouldDelete', { count: p.count, what }) }
      }
      await guardTriggers(ctx, engine)
      // As the backend does: time out stuck work first, then expire (store/cleanup.ts), each step with its progress bar.
      const label = { marking: tr('cli.progress.timingOut'), expiring: tr('cli.progress.cleaning') }
      const step: CleanupStep = (name, run) => runBulk(ctx, label[name], run)
      const { marked, purged } = await runCleanup(engine, { stuck, expire: target }, { signal: ctx.io.signal, maintenance: ctx.v.maintenance, ...ctx.tuning }, step)
      const timedOut = marked?.timed_out ?? 0
      if (!purged) return { json: { deleted: 0, timed_out: timedOut, cancelled: true }, text: tr('cli.timeoutCancelled', { count: timedOut }), code: 1 }
      const answer = bulkAnswer('deleted', { ...purged, done: purged.deleted }, what)
      if (backend) {
        answer.json = { ...(answer.json as object), timed_out: timedOut }
        if (stuck) answer.text += ` ${tr('cli.markedStuck', { count: timedOut })}`
      }
      return answer
    })
  },

  async purge(ctx) {
    const target = targetOf(ctx, 'purge')
    return withEngine(ctx, async (engine) => {
      if (ctx.v['dry-run']) {
        const p = await engine.preview(target, nowSeconds())
        return { json: { would_delete: p.count, by_status: p.by_status }, text: tr('cli.wouldDeleteTasks', { count: p.count }) }
      }
      if (!ctx.v.yes) throw new UsageError(tr('cli.usage.purgeYes'))
      await guardTriggers(ctx, engine)
      const r = await runBulk(ctx, tr('cli.progress.deleting'), (onProgress) =>
        engine.purge(target, { signal: ctx.io.signal, onProgress, maintenance: ctx.v.maintenance, ...ctx.tuning }).then((x) => ({ ...x, done: x.deleted }))
      )
      return bulkAnswer('deleted', r, 'tasks')
    })
  },

  // Seed files: back to pending. DocuSnap-Backend files: forget the stored answers (see forgetAnswers).
  requeue: (ctx) =>
    statusChange(ctx, 'requeue', { would: 'would_requeue', done: 'requeued' }, (engine, target, options) =>
      engine.requeue(target, options).then((x) => ({ ...x, done: x.requeued }))
    ),

  retry: (ctx) =>
    statusChange(ctx, 'retry', { would: 'would_retry', done: 'retried' }, (engine, target, options) =>
      engine.retry(target, options).then((x) => ({ ...x, done: x.forgotten }))
    ),

  async vacuum(ctx) {
    return withEngine(ctx, async (engine) => {
      const r = await engine.vacuum()
      return { json: r, text: tr('cli.compacted', { path: engine.info().path, before: bytes(r.bytes_before), after: bytes(r.bytes_after) }) }
    })
  },

  async indexes(ctx) {
    return withEngine(ctx, async (engine) => {
      if (ctx.v.add) {
        const r = await engine.addIndexes()
        return { json: r, text: r.added.length ? tr('cli.indexesAdded', { names: r.added.join(', ') }) : tr('cli.indexesThere') }
      }
      const s = await engine.stats()
      return {
        json: { indexes: s.indexes, missing: s.missing_indexes },
        text: s.indexes.map((i) => `${i.present ? '✓' : '✗'} ${i.name}`).join('\n') + (s.missing_indexes.length ? `\n${tr('cli.addMissing')}` : '')
      }
    })
  },

  async export(ctx) {
    const format = (ctx.v.format ?? 'csv') as ExportFormat
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(tr('cli.usage.format', { formats: EXPORT_FORMATS.join(', ') }))
    const out = ctx.v.out
    if (!out) throw new UsageError(tr('cli.usage.exportOut'))
    const filter = filterFromArgs(ctx.v)
    return withEngine(ctx, async (engine) => {
      const bar = progressBar(ctx.io.stderr, !ctx.json, 'Exporting')
      try {
        const r = await exportToFile(await engine.exportSource(filter, { withResult: ctx.v['with-result'] === true }, nowSeconds()), out, { format, withResult: ctx.v['with-result'] === true, bom: ctx.v.bom === true, rawTimes: ctx.v['raw-times'] === true, signal: ctx.io.signal, onProgress: (p) => bar.update(p) })
        if (r.cancelled) return { json: { exported: 0, cancelled: true }, text: tr('cli.exportCancelled'), code: 1 }
        return { json: { exported: r.exported }, text: tr('cli.exported', { count: r.exported, path: out }) }
      } finally {
        bar.end()
      }
    })
  },

  async demo(ctx) {
    const count = parseNumber(ctx.v.count, 'count', { min: 1, max: 50_000_000 })
    if (count === undefined) throw new UsageError(tr('cli.usage.demoCount'))
    const schema = (ctx.v.schema ?? 'seed') as 'seed' | 'backend'
    if (schema !== 'seed' && schema !== 'backend') throw new UsageError(tr('cli.usage.schema'))
    const days = parseNumber(ctx.v.days, 'days', { min: 1, max: 3650 })
    const seed = parseNumber(ctx.v.seed, 'seed')
    return withEngine(
      ctx,
      async (engine) => {
        const { kind, path } = engine.info()
        if (kind !== schema)
          throw new AppError('INVALID_INPUT', kind === 'backend' ? `${path} uses the backend format; use --schema backend.` : `${path} uses the seed format; demo data for the backend format needs a new file.`)
        const inserted = await engine.demo(count, days, seed)
        return { json: { inserted }, text: tr('cli.inserted', { count: inserted, path: engine.info().path }) }
      },
      { create: true, schema }
    )
  }
}
