import { describe, expect, it } from 'vitest'
import type { TaskFilter } from '../src/shared/filter'
import { takeSnapshot, targetParts } from '../src/main/store/sqlite/chunked'
import { insertBackendDemo, insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import type { Store } from '../src/main/store/sqlite/store'
import { keyIndexName, keyReadAhead, keyWalkTable, keyWalk, rowidReadAhead, rowidWalk, type Window } from '../src/main/store/sqlite/walk'
import { compileFilter } from '../src/main/store/model/where'
import type { SqlFragment } from '../src/main/store/model/sql-fragment'
import { rowidBound } from '../src/main/store/model/snapshot'

// Every statement of a chunked write is planned by its window's own key (issue 25.4): a second column in the filter
// must not make SQLite search that column's index instead, scanning all its matching rows inside the write
// transaction. EXPLAIN QUERY PLAN for every filter field the contract allows, alone and with a time bound, on both
// file shapes, with and without the app's indexes, analysed or not.

const NOW = 1_800_000_000

const FILTERS: TaskFilter[] = [
  {},
  { statuses: ['error'] },
  { types: ['document'] },
  { types: ['doc'] },
  { errors: ['OCR_FAILURE'] },
  { id: 'ab' },
  { text: 'fail' },
  { createdTo: NOW - 86_400 },
  { createdFrom: NOW - 5 * 86_400 },
  { updatedTo: NOW - 86_400 },
  { updatedFrom: NOW - 5 * 86_400, updatedTo: NOW - 86_400 },
  { updatedFrom: NOW - 2 * 86_400, updatedTo: NOW - 2 * 86_400 + 600 },
  { olderThanDays: 3 },
  { createdWithin: 86_400 },
  { types: ['document'], createdTo: NOW - 86_400 },
  { statuses: ['error'], createdTo: NOW - 86_400 },
  { statuses: ['processing'], types: ['doc'] },
  { statuses: ['error'], updatedTo: NOW - 86_400 },
  { clients: ['client-1'] },
  { clients: ['client-1'], updatedTo: NOW - 86_400 },
  // Rare values: with statistics, SQLite then likes their index best.
  { types: ['rare'], createdTo: NOW - 86_400 },
  { statuses: ['rare'] },
  { statuses: ['rare'], createdTo: NOW - 86_400 }
]

function plan(store: Store, sql: string, params: unknown[]): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
}

/** The statements a window runs: the read-ahead warm-up, the DELETE of a purge and the UPDATEs of requeue / mark stuck. */
function windowStatements(kind: 'seed' | 'backend') {
  return (w: Window): { sql: string; params: unknown[] }[] => [
    { sql: `SELECT count(*) AS c, sum(length(result)) AS b FROM ${w.table} WHERE ${w.where.sql}`, params: w.where.params },
    { sql: `DELETE FROM ${w.table} WHERE ${w.where.sql}`, params: w.where.params },
    kind === 'seed'
      ? { sql: `UPDATE ${w.table} SET status = 'pending', updated_at = ? WHERE ${w.where.sql}`, params: [NOW, ...w.where.params] }
      : { sql: `UPDATE ${w.table} SET status = 'error', error_detail = 'PROCESSING_TIMEOUT' WHERE status = 'processing' AND ${w.where.sql}`, params: w.where.params }
  ]
}

function fixture(kind: 'seed' | 'backend', indexes: boolean, analysed: boolean): Store {
  const store = openStore(':memory:', { create: true, schema: kind })
  if (!indexes) for (const ix of store.dialect.suggestedIndexes) store.db.exec(`DROP INDEX IF EXISTS ${ix.name}`)
  if (kind === 'seed') insertSeedDemo(store, { count: 3000, seed: 7, now: NOW })
  else insertBackendDemo(store, { count: 3000, seed: 7, now: NOW, days: 30 })
  // A few tasks of a rare type and status, spread over the table.
  store.db.exec(`UPDATE tasks SET type = 'rare', status = 'rare' WHERE rowid % 500 = 0`)
  if (analysed) store.db.exec('ANALYZE')
  return store
}

const cases = (['seed', 'backend'] as const).flatMap((kind) => [true, false].flatMap((indexes) => [true, false].map((analysed) => ({ kind, indexes, analysed }))))

describe('the plans of chunked writes', () => {
  it.each(cases)('$kind shape, app indexes $indexes, analysed $analysed: rowid windows search the rowid range only', ({ kind, indexes, analysed }) => {
    const store = fixture(kind, indexes, analysed)
    try {
      const snapshot = takeSnapshot(store, NOW)
      const wrong: string[] = []
      for (const filter of FILTERS) {
        if (filter.clients && kind !== 'backend') continue
        const base: SqlFragment = targetParts(store, { filter }, snapshot)[0]!
        const walk = rowidWalk(store, base, rowidBound(snapshot))
        const w = walk.next(100)!
        const readAhead = plan(store, rowidReadAhead(base), [0, rowidBound(snapshot), ...base.params, 99])
        for (const detail of [...readAhead, ...windowStatements(kind)(w).flatMap((s) => plan(store, s.sql, s.params))])
          if (/\btasks\b/.test(detail) && !/^SEARCH tasks USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/.test(detail)) wrong.push(`${JSON.stringify(filter)}: ${detail}`)
      }
      expect(wrong).toEqual([])
    } finally {
      store.db.close()
    }
  })

  it.each(cases)('$kind shape, app indexes $indexes, analysed $analysed: key windows search the primary key’s index only', ({ kind, indexes, analysed }) => {
    const store = fixture(kind, indexes, analysed)
    try {
      const snapshot = takeSnapshot(store, NOW)
      const index = keyIndexName(store)!
      const cols = store.dialect.keyColumns.join(', ')
      const tuple = `(${store.dialect.keyColumns.map(() => '?').join(', ')})`
      const wrong: string[] = []
      for (const filter of FILTERS) {
        if (filter.clients && kind !== 'backend') continue
        const base: SqlFragment = targetParts(store, { filter }, snapshot)[0]!
        const walk = keyWalk(store, base, store.dialect.keyColumns)
        const first = walk.next(100)!
        walk.advance()
        const second = walk.next(100) ?? first
        const key = store.dialect.keyColumns.map(() => '')
        const reads = ['>=', '>'].flatMap((op) => plan(store, keyReadAhead(keyWalkTable(index), cols, op, tuple, base), [...key, ...base.params, 99]))
        for (const detail of [...reads, ...[first, second].flatMap(windowStatements(kind)).flatMap((s) => plan(store, s.sql, s.params))])
          if (/\btasks\b/.test(detail) && !new RegExp(`^SEARCH tasks USING (COVERING )?INDEX ${index} \\(`).test(detail)) wrong.push(`${JSON.stringify(filter)}: ${detail}`)
      }
      expect(wrong).toEqual([])
    } finally {
      store.db.close()
    }
  })
})

describe('the plans of windowed reads', () => {
  const indexed = cases.filter((c) => c.indexes)
  it.each(indexed)('$kind shape, analysed $analysed: windows by creation time are searched by creation time, whatever else the filter names', ({ kind, analysed }) => {
    const store = fixture(kind, true, analysed)
    try {
      const d = store.dialect
      const wrong: string[] = []
      // A narrow window and a wide one: as windows grow, a narrower range on another column looks cheaper to SQLite.
      for (const span of [3600, 10 * 86_400, 60 * 86_400])
      for (const filter of FILTERS) {
        if ((filter.clients && kind !== 'backend') || filter.text || filter.id) continue
        const window = { sql: '(created_at >= ? AND created_at < ?)', params: [d.encodeTime(NOW - span), d.encodeTime(NOW)] }
        const where = compileFilter(d, filter, NOW, undefined, { window: 'created_at' })
        const errors = compileFilter(d, { ...filter, statuses: ['error'] }, NOW, 'errors', { window: 'created_at' })
        const statements = [
          { sql: `SELECT count(*) AS n FROM tasks WHERE (${window.sql}) AND ${where.sql}`, params: [...window.params, ...where.params] },
          { sql: `SELECT (${d.errorExpr}) AS k, count(*) AS n FROM tasks WHERE (${window.sql}) AND ${errors.sql} GROUP BY k`, params: [...window.params, ...errors.params] },
          ...(kind === 'backend' ? [{ sql: `SELECT +client_id AS k, count(*) AS n FROM tasks WHERE (${window.sql}) AND ${where.sql} GROUP BY k`, params: [...window.params, ...where.params] }] : [])
        ]
        for (const s of statements)
          for (const detail of plan(store, s.sql, s.params)) {
            // A narrow window is searched by created_at. A wide one (a third of the table or more) may be one scan of
            // the table, which SQLite costs lower there (the walk then makes windows narrower); never through an index
            // without created_at, whose whole range each window would read again.
            const ok = /created_at>\?/.test(detail) || (span > 86_400 && /^SCAN tasks$/.test(detail))
            if (/^(SEARCH|SCAN) tasks\b/.test(detail) && !ok) wrong.push(`${span} s, ${JSON.stringify(filter)}: ${detail}`)
          }
      }
      expect(wrong).toEqual([])
    } finally {
      store.db.close()
    }
  })
})
