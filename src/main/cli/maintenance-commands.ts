import { insertBackendDemo, insertSeedDemo } from '../store/demo'
import { addIndexes, expiryTarget, markTimedOut, requeueTasks, stuckTarget, vacuumStore } from '../store/maintenance'
import { EXPORT_FORMATS, type ExportFormat } from '../store/export'
import { exportToFile } from '../store/export-file'
import { cleanupTarget, previewTarget, purgeTasks } from '../store/purge'
import { storeStats } from '../store/stats'
import { filterFromArgs, parseNumber, UsageError } from './args'
import { bytes } from './format'
import { progressBar } from './progress'
import { bulkAnswer, runBulk, targetOf, withStore, type Answer, type Ctx } from './context'

/** Changing and exporting: cleanup, purge, requeue, vacuum, indexes, export, demo. */
export const MAINTENANCE_COMMANDS: Record<string, (ctx: Ctx) => Promise<Answer>> = {
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
