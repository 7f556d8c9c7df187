import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table'
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import { RANGE_LIMIT } from '../../state/use-task-pages'
import type { TaskList } from '../../state/task-list'
import { fitColumns, minPixels } from './fit-columns'
import { useWidth } from './use-width'
import { taskColumns, type ColumnMeta } from './columns'
import { useRowWindow } from './use-row-window'

/** The table models only the header: body rows come from the list by position, never all of them at once. */
const NO_ROWS: TaskRow[] = []

export const ROW_HEIGHT = 36
const HEADER_HEIGHT = 36
/** Below this width the grid scrolls sideways instead of squeezing columns into nothing. */

interface RowHandlers {
  click(e: MouseEvent, index: number): void
  toggle(index: number, range: boolean): void
}

/**
 * One grid row. Memoized: while the grid scrolls, rows already on screen keep their props and are not rendered again;
 * only the rows coming into view are (which keeps scrolling smooth on a slow machine).
 */
const GridRow = memo(function GridRow({
  task,
  cells,
  index,
  top,
  template,
  selected,
  active,
  selectLabel,
  handlers
}: {
  task: TaskRow
  cells: ColumnMeta[]
  index: number
  top: number
  template: string
  selected: boolean
  active: boolean
  selectLabel: string
  handlers: RowHandlers
}) {
  return (
    <div
      id={`row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      onClick={(e) => handlers.click(e, index)}
      className={`absolute inset-x-0 grid cursor-default items-center border-b border-slate-100 dark:border-slate-800/70 ${
        selected ? 'bg-sky-50 dark:bg-sky-950/60' : 'hover:bg-slate-50 dark:hover:bg-slate-900'
      } ${active ? 'outline-2 -outline-offset-2 outline-sky-500' : ''}`}
      style={{ top, height: ROW_HEIGHT, gridTemplateColumns: template }}
    >
      <div role="gridcell" className="flex justify-center px-2" onClick={(e) => e.stopPropagation()}>
        {/* Not a Tab stop of its own: the grid is one stop, arrows move, Space selects (the ARIA grid pattern). */}
        <input type="checkbox" tabIndex={-1} aria-label={selectLabel} checked={selected} onChange={(e) => handlers.toggle(index, (e.nativeEvent as unknown as globalThis.MouseEvent).shiftKey)} />
      </div>
      {cells.map((cell, i) => (
        <div role="gridcell" key={i} className={`truncate px-2 ${cell.align === 'right' ? 'text-right tabular-nums' : ''}`}>
          {cell.render(task)}
        </div>
      ))}
    </div>
  )
})

/** A row on screen whose page is on its way (after a jump): the grid's shape stays, and says what it waits for. */
function PlaceholderRow({ index, top, label }: { index: number; top: number; label: string }) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-busy="true" className="absolute inset-x-0 flex items-center gap-3 border-b border-slate-100 px-3 dark:border-slate-800/70" style={{ top, height: ROW_HEIGHT }}>
      <span role="gridcell" className="sr-only">
        {label}
      </span>
      <span aria-hidden="true" className="h-3 w-1/4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <span aria-hidden="true" className="h-3 w-1/6 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
    </div>
  )
}

export interface GridSelection {
  /** Explicit keys, or every task matching the filter. */
  keys: Set<string>
  all: boolean
}

interface Props {
  list: TaskList
  sort: TaskSort
  onSort(sort: TaskSort): void
  backend: boolean
  /** A text search's words: a column shows where each task matched. */
  searchText?: string
  now: number
  total: number | null
  /** While a search runs: the share of the file its count has read (0…1), for the row at the end of the grid. */
  searchedShare?: number | null
  selection: GridSelection
  onSelection(selection: GridSelection): void
  active: number
  onActive(index: number): void
  onOpen(row: TaskRow): void
  onDelete(): void
  /** Something the user asked for could not be done (a shift-click range too long, a page that failed). */
  onError(message: string): void
}

/**
 * The task grid: a virtualized ARIA grid over the list's rows by position. Only the rows on screen exist in the DOM
 * and only the pages near them in memory, so a million tasks scroll like a hundred; the scrollbar spans the count.
 */
export function TaskGrid({ list, sort, onSort, backend, searchText, now, total, searchedShare = null, selection, onSelection, active, onActive, onOpen, onDelete, onError }: Props) {
  const { t } = useTranslation()
  // Headers and relative times follow the language, so the columns are rebuilt when it changes.
  const columns = useMemo(() => taskColumns(now, backend, t, searchText), [now, backend, t, searchText])
  const scrollRef = useRef<HTMLDivElement>(null)
  const allCells = useMemo(() => columns.map((c) => c.meta as ColumnMeta), [columns])
  // Narrow (a detail panel open at 1280 px): the least needed columns give way instead of every column being cut.
  const width = useWidth(scrollRef)
  const shown = useMemo(() => fitColumns(allCells, width || Infinity), [allCells, width])
  const cells = useMemo(() => allCells.filter((c) => shown.has(c.id)), [allCells, shown])
  const minWidth = 40 + cells.reduce((sum, c) => sum + minPixels(c.width), 0)
  const table = useReactTable({ data: NO_ROWS, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true })
  const anchor = useRef<number | null>(null)
  // Only the rows on screen are rendered, at any table size (see row-window.ts).
  const view = useRowWindow(scrollRef, list.size, ROW_HEIGHT, HEADER_HEIGHT, 12)
  const items = Array.from({ length: Math.max(0, view.last - view.first + 1) }, (_, i) => view.first + i)
  const firstIndex = view.first
  const lastIndex = Math.max(view.first, view.last)
  const template = `2.5rem ${cells.map((c) => c.width).join(' ')}`

  useEffect(() => list.show(firstIndex, lastIndex), [firstIndex, lastIndex, list])
  // Another filter, sort or file: its first rows, not the place the last list was scrolled to.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [list.query])

  const isSelected = (key: string) => selection.all || selection.keys.has(key)

  const toggle = (index: number, range: boolean) => {
    const row = list.rowAt(index)
    if (!row) return
    const base = new Set(selection.all ? list.held().map((r) => r.key) : selection.keys)
    const from = anchor.current
    anchor.current = index
    if (range && from !== null) {
      const [a, b] = [Math.min(from, index), Math.max(from, index)]
      if (b - a + 1 > RANGE_LIMIT) return onError(t('grid.rangeTooLarge', { limit: RANGE_LIMIT }))
      // Rows of the range off screen may have been dropped (or never fetched, after a jump): the list reads them.
      list.rowsBetween(a, b).then(
        (found) => {
          for (const r of found) base.add(r.key)
          onSelection({ keys: base, all: false })
        },
        (e: unknown) => onError(e instanceof Error ? e.message : String(e))
      )
      return
    }
    if (base.has(row.key)) base.delete(row.key)
    else base.add(row.key)
    onSelection({ keys: base, all: false })
  }

  const move = (index: number) => {
    const i = Math.max(0, Math.min(list.size - 1, index))
    onActive(i)
    view.reveal(i)
  }

  // End while the count is still being made: the end moves as the count grows, and the grid follows it until the
  // count is whole, unless the user goes somewhere else first.
  const followEnd = useRef(false)
  useEffect(() => {
    if (!followEnd.current) return
    move(list.size - 1)
    if (total !== null) followEnd.current = false
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.size, total])

  const onKeyDown = (e: KeyboardEvent) => {
    followEnd.current = false
    if (e.target !== e.currentTarget) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1)
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      j: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      k: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => {
        followEnd.current = total === null
        move(list.size - 1)
      },
      Enter: () => {
        const row = list.rowAt(active)
        if (row) onOpen(row)
      },
      ' ': () => toggle(active, e.shiftKey),
      Delete: () => onDelete()
    }
    // Ctrl/⌘+A: every loaded task (the header box does the same with the mouse).
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault()
      return selectAllLoaded()
    }
    const action = keys[e.key]
    if (action) {
      e.preventDefault()
      action()
    }
  }

  const onRowClick = (e: MouseEvent, index: number) => {
    if (e.shiftKey || e.metaKey || e.ctrlKey) {
      e.preventDefault()
      toggle(index, e.shiftKey)
      return
    }
    const row = list.rowAt(index)
    if (!row) return
    anchor.current = index
    onActive(index)
    onOpen(row)
  }

  // Handlers read the latest state through a ref, so rows need not re-render when it changes (see GridRow).
  const latest = useRef({ onRowClick, toggle })
  latest.current = { onRowClick, toggle }
  const handlers = useMemo<RowHandlers>(
    () => ({ click: (e, i) => latest.current.onRowClick(e, i), toggle: (i, range) => latest.current.toggle(i, range) }),
    []
  )

  // Recomputed when the list changes (a page arrived), not on every scroll frame.
  const held = useMemo(() => list.held(), [list])
  const allLoadedSelected = useMemo(() => !selection.all && held.length > 0 && held.every((r) => selection.keys.has(r.key)), [held, selection])
  function selectAllLoaded() {
    onSelection(allLoadedSelected || selection.all ? { keys: new Set(), all: false } : { keys: new Set(held.map((r) => r.key)), all: false })
  }

  return (
    <div
      id="task-grid"
      role="grid"
      aria-label={t('grid.label')}
      aria-rowcount={total ?? -1}
      aria-multiselectable="true"
      aria-activedescendant={list.rowAt(active) ? `row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 text-sm dark:border-slate-800"
    >
      <div
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-auto"
        data-testid="grid-scroll"
        onWheel={() => (followEnd.current = false)}
        onPointerDown={() => (followEnd.current = false)}
      >
      <div style={{ minWidth }}>
      <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900" style={{ height: HEADER_HEIGHT }}>
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} className="grid h-full items-center" style={{ gridTemplateColumns: template }}>
            <div role="columnheader" className="flex justify-center px-2 py-2">
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label={t('grid.selectAllLoaded')}
                checked={selection.all || allLoadedSelected}
                onChange={selectAllLoaded}
              />
            </div>
            {group.headers.filter((h) => shown.has((h.column.columnDef.meta as ColumnMeta).id)).map((h) => {
              const meta = h.column.columnDef.meta as ColumnMeta
              const field = meta.sortField
              const sorted = field && sort.field === field ? sort.dir : null
              return (
                <div
                  role="columnheader"
                  key={h.id}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={`px-2 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300 ${meta.align === 'right' ? 'text-right' : ''}`}
                >
                  {field ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-white"
                      onClick={() => onSort({ field, dir: sorted === 'desc' ? 'asc' : 'desc' })}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true" className="w-3">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </div>
              )
            })}
          </div>
        ))}
      </div>
        <div role="rowgroup" style={{ height: view.height, position: 'relative' }}>
          {/* Rows sit in a layer placed where their block starts (see row-window.ts); their own tops stay small. */}
          <div className="absolute inset-x-0 top-0" style={view.layerTop ? { transform: `translateY(${view.layerTop}px)` } : undefined}>
          {items.map((index) => {
            const row = list.rowAt(index)
            if (!row && list.mode === 'stream')
              return (
                <div key="loader" role="row" aria-rowindex={index + 2} className="absolute inset-x-0 flex items-center justify-center text-xs text-muted" style={{ top: (index - view.base) * ROW_HEIGHT, height: ROW_HEIGHT }}>
                  <span role="gridcell" data-testid="search-row">
                    {!list.searching ? t('grid.loadingMore') : searchedShare !== null ? t('grid.searchingShare', { percent: Math.floor(searchedShare * 100) }) : t('grid.searching')}
                  </span>
                </div>
              )
            if (!row) return <PlaceholderRow key={`p${index}`} index={index} top={(index - view.base) * ROW_HEIGHT} label={t('grid.loadingRow', { row: index + 1 })} />
            return (
              <GridRow
                key={index}
                task={row}
                cells={cells}
                index={index}
                top={(index - view.base) * ROW_HEIGHT}
                template={template}
                selected={isSelected(row.key)}
                active={index === active}
                selectLabel={t('grid.selectTask', { id: row.id })}
                handlers={handlers}
              />
            )
          })}
          </div>
        </div>
      </div>
      </div>
    </div>
  )
}
