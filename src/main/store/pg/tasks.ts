import { readsRows, type PageRequest, type TaskFilter, type TaskSort } from '../../../shared/filter'
import type { TaskDetail } from '../../../shared/task'
import { TIME_COLUMNS, toTaskRow } from '../model/dialect'
import { decodeCursor, encodeCursor, type Cursor as ModelCursor, type CursorValue } from '../model/cursor'
import { viewResult } from '../model/result-view'
import type { TaskPage, WindowProgress } from '../../../shared/results'
import { withFoundSnippets, snippetExpr } from '../model/snippets'
import { compileFilter, keyWhere } from '../model/where'
import type { SqlFragment } from '../model/sql-fragment'
import { frag, rows, withinBudget, type Queryable } from './sql'
import type { PgStore } from './store'
import { KeyWindows, wholeTryMs } from './windows'

// Pages, counts and single tasks on PostgreSQL (SQLite's are in ../sqlite/tasks.ts). Pages are keyset pages on the sort
// column and then the primary key, in PostgreSQL's own NULL order (NULLs last ascending, first descending), so an
// index on the sort column serves them; no OFFSET except for a jump, no ctid.

/** After a row: its sort value and its primary key's values (model/cursor.ts). */
type Cursor = ModelCursor<string[]>

const keyTie = (keyCount: number) => (tie: unknown): tie is string[] => Array.isArray(tie) && tie.length === keyCount && tie.every((k) => typeof k === 'string')

/** The columns a list row needs: everything but the result body, whose size is read instead. */
export function listColumns(store: PgStore): string {
  const d = store.dialect
  const time = (c: string) => `${d.timeSelect(c)} AS ${c}`
  const cols = d.kind === 'seed' ? ['id'] : ['client_id', 'sha256', 'error_detail']
  return [...cols, 'type', 'status', time('created_at'), time(d.updatedColumn), `octet_length(${d.resultText}) AS result_bytes`, `(${d.errorExpr}) AS error`].join(', ')
}

function sortParts(store: PgStore, sort: TaskSort) {
  const d = store.dialect
  const column = d.sortColumn(sort.field)
  const cursorExpr = TIME_COLUMNS.has(column) ? d.timeCursor(column) : column
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC'
  const cmp = sort.dir === 'asc' ? '>' : '<'
  const keys = d.keyColumns
  return { column, cursorExpr, dir, cmp, keys, order: (withColumn: boolean) => [...(withColumn ? [column] : []), ...keys].map((c) => `${c} ${dir}`).join(', ') }
}

/**
 * The rows after a cursor in two segments, each served by an index: the rows with a value (a row comparison on
 * (column, key)) and the rows without one (by key alone). PostgreSQL puts NULLs last ascending and first descending.
 */
function segments(store: PgStore, sort: TaskSort, after: Cursor | null): { where: SqlFragment; withColumn: boolean }[] {
  const s = sortParts(store, sort)
  const keyList = (k: unknown[]) => k.map(() => '?').join(', ')
  const valued = (c: Cursor | null): SqlFragment =>
    c && c.v !== null
      ? frag(`${s.column} IS NOT NULL AND (${s.column}, ${s.keys.join(', ')}) ${s.cmp} (?, ${keyList(c.r)})`, c.v, ...c.r)
      : frag(`${s.column} IS NOT NULL`)
  const nulls = (c: Cursor | null): SqlFragment =>
    c && c.v === null ? frag(`${s.column} IS NULL AND (${s.keys.join(', ')}) ${s.cmp} (${keyList(c.r)})`, ...c.r) : frag(`${s.column} IS NULL`)
  const all = sort.dir === 'asc' ? (['valued', 'nulls'] as const) : (['nulls', 'valued'] as const)
  const from = after ? all.indexOf(after.v === null ? 'nulls' : 'valued') : 0
  return all.slice(from).map((seg, i) => {
    const c = i === 0 ? after : null
    return seg === 'valued' ? { where: valued(c), withColumn: true } : { where: nulls(c), withColumn: false }
  })
}

function pageFrom(store: PgStore, raw: Record<string, unknown>[], limit: number, more: boolean): TaskPage {
  const tasks = raw.slice(0, limit).map((r) => toTaskRow(store.dialect, r))
  const last = raw[Math.min(raw.length, limit) - 1]
  return { tasks, next: more && last ? encodeCursor({ v: (last._sv ?? null) as CursorValue, r: store.dialect.keyColumns.map((c) => String(last[c])) }) : null }
}

export async function listTasks(store: PgStore, filter: TaskFilter, sort: TaskSort, page: PageRequest, now: number, budgetMs?: number): Promise<TaskPage> {
  const d = store.dialect
  const after = page.after ? decodeCursor(page.after, keyTie(d.keyColumns.length)) : null
  const where = compileFilter(d, filter, now)
  const s = sortParts(store, sort)
  const select = `SELECT ${listColumns(store)}, ${s.cursorExpr} AS _sv FROM ${store.table} WHERE `
  if (page.skip) {
    // A jump (the scrollbar dragged far): OFFSET over the whole order, NULLs where PostgreSQL orders them; from the
    // top it is one ordered index walk, after a cursor the rows past it.
    const segs = after ? segments(store, sort, after) : []
    const within = segs.length ? { sql: segs.map((x) => `(${x.where.sql})`).join(' OR '), params: segs.flatMap((x) => x.where.params) } : frag('1 = 1')
    // The keys first, then their rows: PostgreSQL computes a row's columns before OFFSET drops it, and the error
    // group of half a million skipped rows cost more than the skip (517 ms against psql's 192 at 1 M).
    const keys = `SELECT ${s.keys.join(', ')} FROM ${store.table} WHERE `
    const raw = await rows(store.pool, [
      select,
      `${store.dialect.keyRow} IN (`,
      keys,
      within,
      ' AND (',
      where,
      `) ORDER BY ${s.order(true)} OFFSET `,
      frag('?', page.skip),
      ' LIMIT ',
      frag('?', page.limit + 1),
      `) ORDER BY ${s.order(true)}`
    ])
    return withSnippets(store, pageFrom(store, raw, page.limit, raw.length > page.limit), filter.text)
  }
  const keyset = async (on: Queryable) => {
    const found: Record<string, unknown>[] = []
    for (const seg of segments(store, sort, after)) {
      const want = page.limit + 1 - found.length
      found.push(...(await rows(on, [select, seg.where, ' AND (', where, `) ORDER BY ${s.order(seg.withColumn)} LIMIT `, frag('?', want)])))
      if (found.length > page.limit) break
    }
    return pageFrom(store, found, page.limit, found.length > page.limit)
  }
  if (budgetMs !== undefined && readsRows(filter)) {
    // A search that reads rows: the page in one statement when the server finds it within half the budget (most
    // searches at a million rows), else streamed batch by batch with what was found so far.
    const whole = await withinBudget(store, budgetMs / 2, keyset)
    const result = whole ?? (await streamedPage(store, filter, sort, page.limit, after, now, budgetMs / 2))
    return withSnippets(store, result, filter.text)
  }
  return withSnippets(store, await keyset(store.pool), filter.text)
}

const STREAM_BATCH = 2000

/**
 * A search that must read rows (text, id, error group) with a time budget: candidates in sort order, a batch at a
 * time, the search tested in the same statement; when the budget runs out the matches so far come back as a partial
 * page whose cursor goes on from the last row examined.
 */
async function streamedPage(store: PgStore, filter: TaskFilter, sort: TaskSort, limit: number, after: Cursor | null, now: number, budgetMs: number): Promise<TaskPage> {
  const d = store.dialect
  const started = performance.now()
  const { text, id, errors, ...indexed } = filter
  const cheap = compileFilter(d, indexed, now)
  const test = compileFilter(d, { text, id, errors }, now)
  const s = sortParts(store, sort)
  const select = `SELECT ${listColumns(store)}, ${s.cursorExpr} AS _sv, (`
  const found: Record<string, unknown>[] = []
  let position = after
  let examined: Record<string, unknown> | null = null
  for (;;) {
    let batch: Record<string, unknown>[] = []
    for (const seg of segments(store, sort, position)) {
      batch = await rows(store.pool, [select, test, `) AS _m FROM ${store.table} WHERE `, seg.where, ' AND (', cheap, `) ORDER BY ${s.order(seg.withColumn)} LIMIT `, frag('?', STREAM_BATCH)])
      if (batch.length) break
    }
    if (batch.length === 0) return pageFrom(store, found, limit, found.length > limit)
    for (const r of batch) {
      examined = r
      if (r._m) found.push(r)
      if (found.length > limit) return pageFrom(store, found, limit, true)
    }
    position = { v: (examined!._sv ?? null) as CursorValue, r: d.keyColumns.map((c) => String(examined![c])) }
    if (performance.now() - started >= budgetMs) {
      const page = pageFrom(store, found, limit, false)
      const reached = TIME_COLUMNS.has(s.column) ? d.decodeTime(examined![s.column]) : null
      return { ...page, partial: true, reached, next: encodeCursor(position) }
    }
  }
}

/** The text around the first match of `text` in each task's searched column (model/snippets.ts). */
async function withSnippets(store: PgStore, page: TaskPage, text: string | undefined): Promise<TaskPage> {
  const d = store.dialect
  const column = d.textColumns[0]
  if (!text || !column || page.tasks.length === 0) return page
  const keys = page.tasks.map((t) => d.parseKey(t.key))
  const inKeys = frag(`${d.keyRow} IN (${keys.map((k) => `(${k.map(() => '?').join(', ')})`).join(', ')})`, ...keys.flat())
  const snippet = frag(`${snippetExpr(column, 'postgres')} AS snippet`, text)
  return withFoundSnippets(d, page, await rows(store.pool, [`SELECT ${d.keyColumns.join(', ')}, `, snippet, ` FROM ${store.table} WHERE `, inKeys]))
}

/** The exact count, in one statement. */
export async function countTasks(store: PgStore, filter: TaskFilter, now: number): Promise<number> {
  const [r] = await rows<{ n: number }>(store.pool, [`SELECT count(*) AS n FROM ${store.table} WHERE `, compileFilter(store.dialect, filter, now)])
  return r!.n
}

/**
 * A count within a budget: one statement when the server finishes it in time (most counts at a million rows), else
 * windows over the primary key that go on where they stopped (`run` again) — a lower bound until complete.
 */
export class CountScan {
  count = 0
  private windows: KeyWindows | null = null

  constructor(
    private readonly store: PgStore,
    private readonly filter: TaskFilter,
    private readonly now: number
  ) {}

  async run(budgetMs: number): Promise<WindowProgress> {
    const where = compileFilter(this.store.dialect, this.filter, this.now)
    if (!this.windows) {
      const whole = await withinBudget(this.store, wholeTryMs(this.store, budgetMs), (c) => rows<{ n: number }>(c, [`SELECT count(*) AS n FROM ${this.store.table} WHERE `, where]))
      if (whole) {
        this.count = whole[0]!.n
        return { complete: true, coveredFrom: null, fraction: 1 }
      }
      this.windows = new KeyWindows(this.store, async (window) => {
        const [r] = await rows<{ n: number }>(this.store.pool, [`SELECT count(*) AS n FROM ${this.store.table} WHERE `, window, ' AND (', where, ')'])
        this.count += r!.n
      })
      return this.windows.run(0)
    }
    return this.windows.run(budgetMs)
  }
}

/** One task with its full result (as text: jsonb and bytea are shown as the app shows SQLite's). */
export async function getTask(store: PgStore, key: string): Promise<TaskDetail | null> {
  const [raw] = await rows(store.pool, [`SELECT ${listColumns(store)}, ${store.dialect.resultText} AS result FROM ${store.table} WHERE `, keyWhere(store.dialect, key)])
  if (!raw) return null
  return { ...toTaskRow(store.dialect, raw), result: viewResult(store, raw.result) }
}
