import { z } from 'zod'
import { SORT_FIELDS } from './task'

// One filter model for the CLI, IPC, HTTP and the UI. Times are unix seconds; `from` bounds are inclusive and `to`
// bounds exclusive, so adjacent ranges never count a task twice.
// Control characters are refused in every text a filter carries: SQLite's LIKE stops at a NUL, so "\u0000zzz" would
// match every row while the filter does not look empty (and a purge would not warn that it covers everything).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/
/** Whether text holds a control character (NUL, a line break, ESC…): the one rule for filters, task ids and types. */
export const hasControlCharacter = (s: string): boolean => CONTROL.test(s)
const clean = (max: number) =>
  z
    .string()
    .max(max, { message: `Longer than ${max} characters: shorten it.` })
    .refine((s) => !hasControlCharacter(s), { message: 'Contains a control character (such as NUL or a line break), which no stored text can match.' })
/** Text a person typed, not empty, at most `max` characters, without control characters (a task id, a type). */
export const printableText = (max: number) => clean(max).pipe(z.string().min(1))
const text = clean(500)
const seconds = z.number().int().min(-62_135_596_800).max(253_402_300_799) // years 1..9999

export const taskFilterSchema = z
  .object({
    // A stored status or type may be the empty string (the seed module stores whatever it is given): selectable too.
    statuses: z.array(clean(200)).max(50).optional(),
    types: z.array(clean(200)).max(50).optional(),
    /** Error groups (error code or message) as the error facet reports them. */
    errors: z.array(clean(500)).max(50).optional(),
    /** Backend schema only: client ids. */
    clients: z.array(clean(500)).max(50).optional(),
    id: text.optional(),
    text: text.optional(),
    createdFrom: seconds.optional(),
    createdTo: seconds.optional(),
    updatedFrom: seconds.optional(),
    updatedTo: seconds.optional(),
    olderThanDays: z.number().min(0).max(36_500).optional(),
    /** Relative ranges ("the last 24 hours"), measured from now each time they run: a bookmarked view stays current. */
    createdWithin: z.number().int().min(1).max(3_153_600_000).optional(),
    updatedWithin: z.number().int().min(1).max(3_153_600_000).optional()
  })
  .strict()

export type TaskFilter = z.infer<typeof taskFilterSchema>

export const sortSchema = z
  .object({
    field: z.enum(SORT_FIELDS),
    dir: z.enum(['asc', 'desc'])
  })
  .strict()

export type TaskSort = z.infer<typeof sortSchema>

export const DEFAULT_SORT: TaskSort = { field: 'created_at', dir: 'desc' }

export const pageSchema = z
  .object({
    limit: z.number().int().min(1).max(1000),
    after: z.string().max(2000).nullable().optional(),
    /**
     * Rows to pass over (after `after`, if given) before the page starts: how the grid reaches row 500,000 when the
     * user drags the scrollbar there. Not for searches (`readsRows`), which stream instead.
     */
    skip: z.number().int().min(0).max(2 ** 40).optional()
  })
  .strict()

export type PageRequest = z.infer<typeof pageSchema>

/**
 * Filters no index can answer (text, id, error group): every candidate row must be read, so their pages stream within
 * a time budget instead of being reachable at any position.
 */
export function readsRows(filter: TaskFilter): boolean {
  return Boolean(filter.text || filter.id || filter.errors?.length)
}

/** True when the filter selects every task (used to demand an explicit "all" before a purge). */
export function isEmptyFilter(filter: TaskFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
}
