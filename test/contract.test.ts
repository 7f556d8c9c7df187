import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, EVENT_NAMES } from '../src/shared/channels'
import { contract, isChannel, type Channel } from '../src/shared/contract'

// One valid and several invalid inputs per channel: the contract is the only validation, so it must be tight.
const valid: Record<Channel, unknown> = {
  'app.info': {},
  'db.current': {},
  'db.open': { path: '/tmp/x.db', readOnly: true },
  'db.close': {},
  'db.pick': { mode: 'open' },
  'db.stats': {},
  'db.daily': { days: 30 },
  'db.vacuum': {},
  'db.addIndexes': {},
  'db.demo': { count: 10 },
  'db.watch': { intervalMs: 1000 },
  'db.probe': { path: 'postgres://u@h:5432/db?table=ops.tasks' },
  'db.copy': { to: '/tmp/y.db', jobId: 'copy-1' },
  'tasks.list': { filter: { statuses: ['error'], id: '%_' }, sort: { field: 'created_at', dir: 'asc' }, page: { limit: 50, after: null } },
  'tasks.count': { filter: { olderThanDays: 7 } },
  'tasks.facets': {},
  'tasks.get': { key: 'abc' },
  'tasks.preview': { target: { keys: ['a', 'b'] } },
  'tasks.purge': { target: { filter: { types: ['form'] } }, snapshot: { bound: 'MTA', at: 1_700_000_000 }, jobId: 'job-1' },
  'tasks.requeue': { target: { filter: {} }, snapshot: { bound: 'MA', at: 0 }, jobId: 'j' },
  'tasks.retry': { target: { filter: {} }, snapshot: { bound: 'MA', at: 0 }, jobId: 'j' },
  'tasks.create': { id: 'new', type: 'document' },
  'tasks.update': { key: 'a', status: 'completed', result: '{}' },
  'tasks.duplicate': { key: 'a', id: 'copy' },
  'tasks.timeout': { target: { filter: { statuses: ['processing'] } }, snapshot: { bound: 'NQ', at: 1 }, jobId: 't' },
  'tasks.export': { filter: { statuses: ['error'] }, format: 'csv', withResult: true, path: '/tmp/out.csv', jobId: 'e' },
  'tasks.cleanup': { days: 7, jobId: 'c' },
  'jobs.cancel': { jobId: 'job-1' },
  'sql.run': { sql: 'SELECT * FROM tasks', runId: 'q-1', timeoutMs: 2000 },
  'sql.explain': { sql: 'SELECT 1', runId: 'q-2' },
  'sql.schema': {},
  'sql.cancel': { runId: 'q-1' },
  'sql.export': { sql: 'SELECT 1', runId: 'q-3', format: 'jsonl', path: '/tmp/q.jsonl' },
  'settings.get': {},
  'settings.update': { patch: { theme: 'dark', language: 'zh-CN', refreshSeconds: 5, confirmThreshold: 10 } },
  'settings.reset': {},
  'settings.cleanupRule': { path: '/tmp/x.db', rule: { enabled: true, days: 7 } },
  'settings.timeUnit': { unit: 'milliseconds' },
  'cleanup.scheduled': { now: 1_700_000_000 }
}

const invalid: Partial<Record<Channel, unknown[]>> = {
  'db.open': [{}, { path: '' }, { path: 5 }, { path: 'x', extra: 1 }, { path: 'x'.repeat(5000) }],
  'db.pick': [{ mode: 'delete' }],
  'sql.run': [{ sql: '', runId: 'q' }, { sql: 'SELECT 1' }, { sql: 'SELECT 1', runId: 'q', timeoutMs: 5 }, { sql: 'x'.repeat(100_001), runId: 'q' }, { sql: 'SELECT 1', runId: '../x' }],
  'sql.export': [{ sql: 'SELECT 1', runId: 'q', format: 'xlsx', path: '/tmp/q' }, { sql: 'SELECT 1', runId: 'q', format: 'csv' }],
  'db.daily': [{ days: 0 }, { days: 1.5 }, { days: '30' }],
  'db.watch': [{ intervalMs: -1 }, { intervalMs: 1e9 }, {}],
  'db.demo': [{ count: 0 }, { count: 10_000_000 }, { count: NaN }],
  'tasks.list': [
    { filter: { statuses: 'error' } },
    { filter: { createdFrom: 'yesterday' } },
    { filter: { unknown: 1 } },
    { sort: { field: 'result', dir: 'asc' } },
    { page: { limit: 0 } },
    { page: { limit: 100_000 } },
    { filter: { id: 'x'.repeat(1000) } },
    { filter: { statuses: Array(100).fill('a') } },
    { filter: { olderThanDays: -1 } }
  ],
  'tasks.get': [{}, { key: '' }, { key: 1 }],
  'tasks.preview': [{ target: {} }, { target: { keys: [] } }, { target: { filter: {}, keys: ['a'] } }],
  'tasks.purge': [
    { target: { filter: {} }, snapshot: { bound: 'MQ', at: 1 } },
    { target: { filter: {} }, snapshot: { bound: 1, at: 1 }, jobId: 'j' },
    { target: { filter: {} }, snapshot: { bound: 'MQ', at: 1 }, jobId: '../../etc' }
  ],
  'tasks.export': [{ format: 'xml', path: 'x', jobId: 'j' }, { format: 'csv', jobId: 'j' }, { format: 'csv', path: '', jobId: 'j' }],
  'app.info': [{ x: 1 }, []],
  'tasks.cleanup': [{ days: 0, jobId: 'c' }, { days: 1.5, jobId: 'c' }, { days: 7 }],
  'settings.update': [
    { patch: { theme: 'blue' } },
    { patch: { language: 'fr' } },
    { patch: { refreshSeconds: 0 } },
    { patch: { confirmThreshold: -5 } },
    { patch: { recentFiles: [] } },
    { patch: { cleanup: {} } },
    {}
  ],
  'settings.cleanupRule': [{ path: '', rule: { enabled: true, days: 7 } }, { path: 'x', rule: { enabled: 'yes', days: 7 } }, { path: 'x', rule: { enabled: true, days: 0 } }],
  'cleanup.scheduled': [{}, { now: -1 }, { now: 'now' }]
}

describe('contract', () => {
  it('declares exactly the channel names the preload exposes', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(EVENT_NAMES).toEqual(['job.progress', 'db.changed', 'db.opened', 'db.closed', 'ui.command'])
    expect(isChannel('tasks.list')).toBe(true)
    expect(isChannel('__proto__')).toBe(false)
    expect(isChannel('constructor')).toBe(false)
  })

  it.each(CHANNEL_NAMES)('%s accepts a valid input', (channel) => {
    expect(contract[channel].input.safeParse(valid[channel]).success).toBe(true)
  })

  it.each(Object.entries(invalid))('%s rejects invalid inputs', (channel, inputs) => {
    for (const input of inputs) expect(contract[channel as Channel].input.safeParse(input).success, JSON.stringify(input).slice(0, 80)).toBe(false)
  })

  it('marks exactly the writing channels as writes', () => {
    const writes = CHANNEL_NAMES.filter((c) => contract[c].write).sort()
    // Settings are writes too: a read-only server must not change what the app deletes later (a cleanup rule, the
    // typed-count threshold).
    expect(writes).toEqual([
      'cleanup.scheduled',
      'db.addIndexes',
      'db.copy',
      'db.demo',
      'db.vacuum',
      'settings.cleanupRule',
      'settings.reset',
      'settings.update',
      'tasks.cleanup',
      'tasks.create',
      'tasks.duplicate',
      'tasks.purge',
      'tasks.requeue',
      'tasks.retry',
      'tasks.timeout',
      'tasks.update'
    ])
  })

  it('fills defaults so handlers always get a whole request', () => {
    expect(contract['tasks.list'].input.parse({})).toEqual({ filter: {}, sort: { field: 'created_at', dir: 'desc' }, page: { limit: 100 } })
  })
})
