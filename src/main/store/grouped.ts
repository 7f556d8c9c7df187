import { AppError } from '../../shared/errors'
import type { PageRequest } from '../../shared/filter'
import { toTaskRow } from './dialect'
import type { Store } from './open'
import { listColumns, remaining, type TaskPage } from './tasks'
import type { SqlFragment } from './where'

// Pages sorted by a column with few values (type, status): the groups in the chosen order, and inside each group the
// newest task first, whatever the groups' direction — what people expect of "sort by status". One statement per
// group and segment, each an index seek on (column, created_at) from the cursor: ascending groups cannot be one walk
// of that index (SQLite sorted the whole first group: 2.3 s at 1 M rows), while a seek per group costs what the
// default view's pages do.

type Value = number | string | null
interface GroupCursor {
  /** The group (the column's value) of the last row. */
  g: Value
  /** Its created_at and rowid: where the walk inside the group goes on. */
  t: Value
  r: number
}

export const GROUPED_SORTS: ReadonlySet<string> = new Set(['type', 'status'])

const isValue = (v: unknown): v is Value => v === null || typeof v === 'number' || typeof v === 'string'

function encode(c: GroupCursor): string {
  return Buffer.from(JSON.stringify(['g', c.g, c.t, c.r])).toString('base64url')
}

function decode(text: string): GroupCursor {
  try {
    const p = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(p) && p.length === 4 && p[0] === 'g' && isValue(p[1]) && isValue(p[2]) && Number.isSafeInteger(p[3])) return { g: p[1], t: p[2], r: p[3] as number }
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'The page cursor is not valid; start again from the first page.')
}

const inGroup = (column: string, g: Value): SqlFragment => (g === null ? { sql: `${column} IS NULL`, params: [] } : { sql: `${column} = ?`, params: [g] })

/**
 * The group after `g` in the sort order among the rows `where` selects (g undefined: the first group), or undefined
 * when there is none. SQLite sorts NULL lowest: the NULL group comes first ascending and last descending.
 */
function nextGroup(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', g: Value | undefined): Value | undefined {
  const first = (cond: SqlFragment, order: 'ASC' | 'DESC'): { v: Value } | undefined =>
    store.db.prepare(`SELECT ${column} AS v FROM tasks WHERE ${cond.sql} AND ${where.sql} ORDER BY ${column} ${order} LIMIT 1`).get(...cond.params, ...where.params) as
      | { v: Value }
      | undefined
  const nulls = () => (first({ sql: `${column} IS NULL`, params: [] }, 'ASC') ? null : undefined)
  if (dir === 'asc') {
    if (g === undefined) {
      const n = nulls()
      if (n === null) return null
    }
    const v = g === undefined || g === null ? first({ sql: `${column} IS NOT NULL`, params: [] }, 'ASC') : first({ sql: `${column} > ?`, params: [g] }, 'ASC')
    return v ? v.v : undefined
  }
  if (g === null) return undefined
  const v = g === undefined ? first({ sql: `${column} IS NOT NULL`, params: [] }, 'DESC') : first({ sql: `${column} < ?`, params: [g] }, 'DESC')
  return v ? v.v : nulls()
}

/** One page in (column, newest first within a group) order, from the cursor. */
export function groupedPage(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', page: PageRequest): TaskPage {
  const start = page.after ? decode(page.after) : null
  let g: Value | undefined = start ? start.g : nextGroup(store, where, column, dir, undefined)
  let within = start ? { v: start.t, r: start.r } : null
  const found: { row: Record<string, unknown>; g: Value }[] = []
  while (g !== undefined && found.length <= page.limit) {
    const group = inGroup(column, g)
    for (const segment of remaining('created_at', 'desc', within)) {
      const rows = store.db
        .prepare(`SELECT ${listColumns(store)} FROM tasks WHERE ${group.sql} AND ${segment.sql} AND ${where.sql} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
        .all(...group.params, ...segment.params, ...where.params, page.limit + 1 - found.length) as Record<string, unknown>[]
      for (const row of rows) found.push({ row, g })
      if (found.length > page.limit) break
    }
    if (found.length > page.limit) break
    g = nextGroup(store, where, column, dir, g)
    within = null
  }
  const more = found.length > page.limit
  const rows = more ? found.slice(0, page.limit) : found
  const last = rows[rows.length - 1]
  return {
    tasks: rows.map((f) => toTaskRow(store.dialect, f.row)),
    next: more && last ? encode({ g: last.g, t: (last.row.created_at as Value) ?? null, r: Number(last.row._rowid) }) : null
  }
}

/**
 * The cursor `skip` rows after `from` (null: the start) in the same order, in statements of at most `step` rows
 * each (LIMIT 1 OFFSET n on the group's index); undefined when fewer rows remain.
 */
export function groupedSkip(store: Store, where: SqlFragment, column: string, dir: 'asc' | 'desc', from: string | null, skip: number, step: number): string | undefined {
  const start = from ? decode(from) : null
  let g: Value | undefined = start ? start.g : nextGroup(store, where, column, dir, undefined)
  let within = start ? { v: start.t, r: start.r } : null
  let left = skip
  while (left > 0 && g !== undefined) {
    const group = inGroup(column, g)
    let moved = false
    for (const segment of remaining('created_at', 'desc', within)) {
      const rows = { sql: `${group.sql} AND ${segment.sql} AND ${where.sql}`, params: [...group.params, ...segment.params, ...where.params] }
      const nth = (offset: number) =>
        store.db.prepare(`SELECT created_at AS v, rowid AS r FROM tasks WHERE ${rows.sql} ORDER BY created_at DESC, rowid DESC LIMIT 1 OFFSET ?`).get(...rows.params, offset) as
          | { v: Value; r: number }
          | undefined
      const n = Math.min(left, step)
      const last = nth(n - 1)
      if (last) {
        within = { v: last.v, r: Number(last.r) }
        left -= n
        moved = true
        break
      }
      // The segment ends within the step: pass over all it has and go on in the next segment or group.
      const has = (store.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM tasks WHERE ${rows.sql} LIMIT ?)`).get(...rows.params, n) as { n: number }).n
      if (has > 0) {
        const end = nth(has - 1)!
        within = { v: end.v, r: Number(end.r) }
        left -= has
        if (left === 0) break
      }
    }
    if (left === 0) break
    if (!moved) {
      g = nextGroup(store, where, column, dir, g)
      within = null
    }
  }
  if (left > 0 || g === undefined || within === null) return undefined
  return encode({ g, t: within.v, r: within.r })
}
