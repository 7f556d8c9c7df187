import { parseArgs, type ParseArgsConfig } from 'node:util'
import { taskFilterSchema, type TaskFilter, type TaskSort } from '../../shared/filter'
import { SORT_FIELDS, type SortField } from '../../shared/task'
import { tr } from './i18n'

export class UsageError extends Error {}

/** Options every command understands, plus the filter options. Unknown options are a usage error. */
export const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  'allow-triggers': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // filters
  status: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  error: { type: 'string', multiple: true },
  client: { type: 'string', multiple: true },
  id: { type: 'string' },
  search: { type: 'string' },
  'created-after': { type: 'string' },
  'created-before': { type: 'string' },
  'updated-after': { type: 'string' },
  'updated-before': { type: 'string' },
  'older-than': { type: 'string' },
  // command options
  result: { type: 'string' },
  'result-file': { type: 'string' },
  sort: { type: 'string' },
  asc: { type: 'boolean' },
  limit: { type: 'string' },
  after: { type: 'string' },
  skip: { type: 'string' },
  days: { type: 'string' },
  minutes: { type: 'string' },
  'expire-minutes': { type: 'string' },
  'timeout-minutes': { type: 'string' },
  'dry-run': { type: 'boolean' },
  maintenance: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  all: { type: 'boolean' },
  count: { type: 'string' },
  schema: { type: 'string' },
  seed: { type: 'string' },
  add: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-dir': { type: 'string', multiple: true },
  open: { type: 'boolean' },
  settings: { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'with-result': { type: 'boolean' },
  bom: { type: 'boolean' },
  'raw-times': { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  batch: { type: 'string' },
  'distribute-by': { type: 'string' },
  'allow-sql': { type: 'boolean' },
  csv: { type: 'boolean' },
  timeout: { type: 'string' }
} as const satisfies ParseArgsConfig['options']

export type Values = ReturnType<typeof parseCli>['values']

export function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

// A time without a zone is UTC: the backend stores UTC text and this CLI prints UTC, so the same words mean the same
// instant whatever the machine's TZ. An explicit zone (Z, +08:00, -0500) is honoured.
const ZONELESS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/
const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i

/** A time given as unix seconds, or an ISO date / date-time: UTC unless it names a zone. */
export function parseTime(text: string, option: string): number {
  const trimmed = text.trim()
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed)
  const plain = ZONELESS.exec(trimmed)
  const zoned = ZONED.exec(trimmed)
  const iso = plain
    ? `${plain[1]}T${plain[2] ?? '00:00'}Z`
    : zoned
      ? `${zoned[1]}T${zoned[2]}${zoned[3]!.toUpperCase() === 'Z' ? 'Z' : zoned[3]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')}`
      : null
  const ms = iso === null ? NaN : Date.parse(iso)
  if (Number.isNaN(ms)) throw new UsageError(tr('cli.usage.time', { option, text }))
  return Math.floor(ms / 1000)
}

export function parseNumber(text: string | undefined, option: string, { min = 0, max = Number.MAX_SAFE_INTEGER, integer = true } = {}): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
    throw new UsageError(tr(integer ? 'cli.usage.wholeNumber' : 'cli.usage.number', { option, text, min, max }))
  return n
}

export function filterFromArgs(v: Values): TaskFilter {
  const f: TaskFilter = {}
  if (v.status?.length) f.statuses = v.status
  if (v.type?.length) f.types = v.type
  if (v.error?.length) f.errors = v.error
  if (v.client?.length) f.clients = v.client
  if (v.id) f.id = v.id
  if (v.search) f.text = v.search
  if (v['created-after']) f.createdFrom = parseTime(v['created-after'], 'created-after')
  if (v['created-before']) f.createdTo = parseTime(v['created-before'], 'created-before')
  if (v['updated-after']) f.updatedFrom = parseTime(v['updated-after'], 'updated-after')
  if (v['updated-before']) f.updatedTo = parseTime(v['updated-before'], 'updated-before')
  const older = parseNumber(v['older-than'], 'older-than', { max: 36_500, integer: false })
  if (older !== undefined) f.olderThanDays = older
  // The one filter schema every carrier uses: lengths, and no control characters.
  const parsed = taskFilterSchema.safeParse(f)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError(tr('cli.usage.filter', { option: OPTION_OF[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message }))
  }
  return parsed.data
}

/** The command-line option behind each filter field, for messages. */
const OPTION_OF: Record<string, string> = { statuses: 'status', types: 'type', errors: 'error', clients: 'client', id: 'id', text: 'search' }

export function sortFromArgs(v: Values): TaskSort {
  const field = (v.sort ?? 'created_at') as SortField
  if (!SORT_FIELDS.includes(field)) throw new UsageError(tr('cli.usage.sort', { fields: SORT_FIELDS.join(', ') }))
  return { field, dir: v.asc ? 'asc' : 'desc' }
}
