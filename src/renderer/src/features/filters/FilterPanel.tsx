import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ShownValue, shownText } from '../../components/ShownValue'
import { isEmptyFilter, type TaskFilter } from '@shared/filter'
import type { Output } from '@shared/contract'
import { absoluteTime, formatCount, fromLocalInput, toLocalInput } from '../../lib/format'
import { Button, Spinner } from '../../components/ui'

export type FilterUpdate = TaskFilter | ((previous: TaskFilter) => TaskFilter)

interface Props {
  filter: TaskFilter
  onChange(update: FilterUpdate): void
  facets: Output<'tasks.facets'> | undefined
  facetsLoading: boolean
  /** While the counts are partial: how far they got (tasks created since a time, or a share of the table). */
  facetsProgress?: { coveredFrom: number | null; fraction: number | null }
  /** Which parts are still being counted (an empty facet then reads "Counting…", not "None"). */
  facetsPartial?: { counts: boolean; errors: boolean }
  backend: boolean
  searchRef: React.RefObject<HTMLInputElement | null>
}

type ListField = 'statuses' | 'types' | 'errors' | 'clients'

/** Text inputs commit after a pause in typing, so every keystroke does not query a large file. */
function useDebounced(value: string, commit: (v: string) => void, ms = 350) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  useEffect(() => {
    if (text === value) return
    const t = setTimeout(() => commit(text), ms)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text])
  return [text, setText] as const
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 border-t border-slate-200 px-3 py-3 dark:border-slate-800">
      <legend className="float-left mb-2 w-full text-xs font-semibold tracking-wide text-muted uppercase dark:text-slate-400">{title}</legend>
      <div className="clear-both space-y-1">{children}</div>
    </fieldset>
  )
}

function Facet({ field, counts, partial = false, filter, onChange }: { field: ListField; counts: Record<string, number> | undefined; partial?: boolean; filter: TaskFilter; onChange(update: FilterUpdate): void }) {
  const { t } = useTranslation()
  const selected = filter[field] ?? []
  // Selected values stay listed (with 0) when the other filters leave none of them.
  const names = [...new Set([...Object.keys(counts ?? {}), ...selected])]
  if (names.length === 0) return <p className="text-xs text-muted">{counts && !partial ? t('common.none') : t('common.counting')}</p>
  return (
    <>
      {names.map((name) => {
        const n = counts?.[name] ?? 0
        const checked = selected.includes(name)
        return (
          <label key={name} className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
            <input
              type="checkbox"
              checked={checked}
              onChange={() =>
                onChange((previous) => {
                  const current = previous[field] ?? []
                  const values = current.includes(name) ? current.filter((s) => s !== name) : [...current, name]
                  const next = { ...previous, [field]: values }
                  if (values.length === 0) delete next[field]
                  return next
                })
              }
            />
            <span className="min-w-0 flex-1 truncate" title={shownText(t, name)}>
              <ShownValue value={name} />
            </span>
            <span className="text-xs text-muted tabular-nums dark:text-slate-400">{counts ? formatCount(n) : ''}</span>
          </label>
        )
      })}
    </>
  )
}

const HOUR = 3600
const PRESETS = [
  { label: 'lastHour', seconds: HOUR },
  { label: 'last24h', seconds: 24 * HOUR },
  { label: 'last7d', seconds: 7 * 24 * HOUR }
] as const

/**
 * A time range: presets ("last 24 hours") kept relative to now, or fixed from/to times. Choosing one kind clears the
 * other, so the view says exactly one thing.
 */
function RangeFilter({ label, from, to, within, onChange }: { label: string; from?: number; to?: number; within?: number; onChange(range: { from?: number; to?: number; within?: number }): void }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap gap-1" role="group" aria-label={t('filters.presets', { label })}>
        {PRESETS.map((p) => {
          const on = within === p.seconds
          return (
            <button
              key={p.label}
              type="button"
              aria-pressed={on}
              onClick={() => onChange(on ? {} : { within: p.seconds })}
              className={`rounded-full border px-2 py-0.5 text-xs ${on ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-500 dark:text-slate-950' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800'}`}
            >
              {t(`filters.${p.label}`)}
            </button>
          )
        })}
      </div>
      <label className="flex items-center gap-2 text-xs">
        <span className="w-9 text-muted">{t('filters.from')}</span>
        <input type="datetime-local" aria-label={t('filters.fromLabel', { label })} value={toLocalInput(from)} onChange={(e) => onChange({ from: fromLocalInput(e.target.value), to })} className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900" />
      </label>
      <label className="flex items-center gap-2 text-xs">
        <span className="w-9 text-muted">{t('filters.to')}</span>
        <input type="datetime-local" aria-label={t('filters.toLabel', { label })} value={toLocalInput(to)} onChange={(e) => onChange({ from, to: fromLocalInput(e.target.value) })} className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900" />
      </label>
    </div>
  )
}

export function FilterPanel({ filter, onChange, facets, facetsLoading, facetsProgress, facetsPartial, backend, searchRef }: Props) {
  const { t } = useTranslation()
  // Patches apply to the latest filter, not the one this render saw: debounced inputs commit after other changes.
  const set = (patch: Partial<TaskFilter>) =>
    onChange((previous) => {
      const next: TaskFilter = { ...previous, ...patch }
      for (const k of Object.keys(next) as (keyof TaskFilter)[]) if (next[k] === undefined || next[k] === '') delete next[k]
      return next
    })
  const [id, setId] = useDebounced(filter.id ?? '', (v) => set({ id: v || undefined }))
  const [text, setText] = useDebounced(filter.text ?? '', (v) => set({ text: v || undefined }))
  const [older, setOlder] = useDebounced(filter.olderThanDays?.toString() ?? '', (v) => {
    const n = Number(v)
    set({ olderThanDays: v.trim() === '' || !Number.isFinite(n) || n < 0 ? undefined : n })
  })
  const input = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'
  return (
    <aside aria-label={t('filters.title')} className="flex w-56 shrink-0 flex-col overflow-y-auto border-r xl:w-64 border-slate-200 bg-slate-50/60 dark:border-slate-800 dark:bg-slate-900/40">
      <div className="flex items-center justify-between px-3 py-2">
        <h2 className="text-sm font-semibold">
          {t('filters.title')} {facetsLoading && <Spinner label={t('filters.updatingCounts')} />}
        </h2>
        <Button tone="ghost" className="!px-2 !py-0.5 text-xs" disabled={isEmptyFilter(filter)} onClick={() => onChange({})}>
          {t('filters.clearAll')}
        </Button>
      </div>
      {facetsProgress && (
        <p className="px-3 pb-2 text-xs text-muted" role="status">
          {facetsProgress.coveredFrom !== null
            ? t('filters.countingSince', { date: absoluteTime(facetsProgress.coveredFrom) })
            : t('filters.countingShare', { percent: Math.floor((facetsProgress.fraction ?? 0) * 100) })}
        </p>
      )}
      <div className="space-y-2 px-3 pb-3">
        <input
          ref={searchRef}
          type="search"
          aria-label={backend ? t('filters.searchClient') : t('filters.searchId')}
          placeholder={backend ? t('filters.placeholderClient') : t('filters.placeholderId')}
          value={id}
          onChange={(e) => setId(e.target.value)}
          className={input}
        />
        <input
          type="search"
          aria-label={backend ? t('filters.searchErrors') : t('filters.searchText')}
          placeholder={backend ? t('filters.placeholderErrors') : t('filters.placeholderText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={input}
        />
      </div>
      <Section title={t('filters.status')}>
        <Facet field="statuses" counts={facets?.status} partial={facetsPartial?.counts} filter={filter} onChange={onChange} />
      </Section>
      <Section title={t('filters.type')}>
        <Facet field="types" counts={facets?.type} partial={facetsPartial?.counts} filter={filter} onChange={onChange} />
      </Section>
      {backend && (
        <Section title={t('filters.client')}>
          <Facet field="clients" counts={facets?.client} partial={facetsPartial?.counts} filter={filter} onChange={onChange} />
        </Section>
      )}
      <Section title={t('filters.errors')}>
        <Facet field="errors" counts={facets?.error} partial={facetsPartial?.errors} filter={filter} onChange={onChange} />
      </Section>
      <Section title={t('filters.created')}>
        <RangeFilter
          label={t('filters.created')}
          from={filter.createdFrom}
          to={filter.createdTo}
          within={filter.createdWithin}
          onChange={(r) => set({ createdFrom: r.from, createdTo: r.to, createdWithin: r.within })}
        />
        <label className="mt-2 flex items-center gap-2 text-xs">
          <span>{t('filters.olderThan')}</span>
          <input type="number" min={0} aria-label={t('filters.olderThanDays')} value={older} onChange={(e) => setOlder(e.target.value)} className="w-16 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900" />
          <span>{t('filters.days')}</span>
        </label>
      </Section>
      <Section title={backend ? t('filters.lastAccessed') : t('filters.updated')}>
        <RangeFilter
          label={backend ? t('filters.lastAccessed') : t('filters.updated')}
          from={filter.updatedFrom}
          to={filter.updatedTo}
          within={filter.updatedWithin}
          onChange={(r) => set({ updatedFrom: r.from, updatedTo: r.to, updatedWithin: r.within })}
        />
      </Section>
    </aside>
  )
}
