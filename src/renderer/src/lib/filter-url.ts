import { DEFAULT_SORT, taskFilterSchema, sortSchema, type TaskFilter, type TaskSort } from '@shared/filter'

// The filter and sort live in the URL's query string, so a serve-mode link can be shared and the view survives a
// reload; the last one is also kept so the next start opens where the user left off.

export interface ViewState {
  filter: TaskFilter
  sort: TaskSort
}

const LIST_KEYS = { statuses: 'status', types: 'type', errors: 'error', clients: 'client' } as const
const TEXT_KEYS = { id: 'id', text: 'q' } as const
const TIME_KEYS = {
  createdFrom: 'created_from',
  createdTo: 'created_to',
  updatedFrom: 'updated_from',
  updatedTo: 'updated_to',
  // Relative presets are kept relative: "created in the last 24 h" stays the last 24 h when the link is opened later.
  createdWithin: 'created_within',
  updatedWithin: 'updated_within'
} as const

export function toSearch({ filter, sort }: ViewState): string {
  const p = new URLSearchParams()
  for (const [field, key] of Object.entries(LIST_KEYS)) for (const v of filter[field as keyof typeof LIST_KEYS] ?? []) p.append(key, v)
  for (const [field, key] of Object.entries(TEXT_KEYS)) {
    const v = filter[field as keyof typeof TEXT_KEYS]
    if (v) p.set(key, v)
  }
  for (const [field, key] of Object.entries(TIME_KEYS)) {
    const v = filter[field as keyof typeof TIME_KEYS]
    if (v !== undefined) p.set(key, String(v))
  }
  if (filter.olderThanDays !== undefined) p.set('older', String(filter.olderThanDays))
  if (sort.field !== DEFAULT_SORT.field || sort.dir !== DEFAULT_SORT.dir) {
    p.set('sort', sort.field)
    p.set('dir', sort.dir)
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** Reads a query string; anything malformed is dropped rather than trusted (the URL may have been edited). */
export function fromSearch(search: string): ViewState {
  const p = new URLSearchParams(search)
  const raw: Record<string, unknown> = {}
  for (const [field, key] of Object.entries(LIST_KEYS)) {
    // `?status=` is the empty value, which a stored status can be.
    const values = p.getAll(key)
    if (values.length) raw[field] = values
  }
  for (const [field, key] of Object.entries(TEXT_KEYS)) {
    const v = p.get(key)
    if (v) raw[field] = v
  }
  for (const [field, key] of Object.entries(TIME_KEYS)) {
    const v = p.get(key)
    if (v !== null && /^-?\d+$/.test(v)) raw[field] = Number(v)
  }
  const older = p.get('older')
  if (older !== null && older !== '' && Number.isFinite(Number(older))) raw.olderThanDays = Number(older)
  const filter: TaskFilter = {}
  for (const [k, v] of Object.entries(raw)) {
    const one = taskFilterSchema.safeParse({ [k]: v })
    if (one.success) Object.assign(filter, one.data)
  }
  const sorted = sortSchema.safeParse({ field: p.get('sort'), dir: p.get('dir') })
  return { filter, sort: sorted.success ? sorted.data : DEFAULT_SORT }
}
