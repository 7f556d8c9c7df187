import { flexRender, getCoreRowModel, useReactTable, type Row } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskSort } from '@shared/filter'
import type { TaskRow } from '@shared/task'
import type { TaskList } from '../../state/use-task-list'
import { taskColumns, type ColumnMeta } from './columns'

export const ROW_HEIGHT = 36
const HEADER_HEIGHT = 36
/** Below this width the grid scrolls sideways instead of squeezing columns into nothing. */
const MIN_WIDTH = 740

interface RowHandlers {
  click(e: MouseEvent, index: number): void
  toggle(index: number, range: boolean): void
}

/**
 * One grid row. Memoized: while the grid scrolls, rows already on screen keep their props and are not rendered again;
 * only the rows coming into view are (which keeps scrolling smooth on a slow machine).
 */
const GridRow = memo(function GridRow({
  row,
  index,
  top,
  template,
  selected,
  active,
  selectLabel,
  handlers
}: {
  row: Row<TaskRow>
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
        <input type="checkbox" aria-label={selectLabel} checked={selected} onChange={(e) => handlers.toggle(index, (e.nativeEvent as unknown as globalThis.MouseEvent).shiftKey)} />
      </div>
      {row.getVisibleCells().map((cell) => (
        <div role="gridcell" key={cell.id} className={`truncate px-2 ${(cell.column.columnDef.meta as ColumnMeta).align === 'right' ? 'text-right tabular-nums' : ''}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  )
})

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
  now: number
  total: number | null
  selection: GridSelection
  onSelection(selection: GridSelection): void
  active: number
  onActive(index: number): void
  onOpen(row: TaskRow): void
  onDelete(): void
}

/**
 * The task grid: a virtualized ARIA grid over keyset pages. Only the rows on screen exist in the DOM, so a million
 * tasks scroll like a hundred; reaching the end asks for the next page.
 */
export function TaskGrid({ list, sort, onSort, backend, now, total, selection, onSelection, active, onActive, onOpen, onDelete }: Props) {
  const { t } = useTranslation()
  // Headers and relative times follow the language, so the columns are rebuilt when it changes.
  const columns = useMemo(() => taskColumns(now, backend, t), [now, backend, t])
  const table = useReactTable({ data: list.rows, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, getRowId: (r) => r.key })
  const scrollRef = useRef<HTMLDivElement>(null)
  const anchor = useRef<number | null>(null)
  const rows = table.getRowModel().rows
  const virtualizer = useVirtualizer({
    count: rows.length + (list.hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits inside the scroll element, above the first row.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items[items.length - 1]?.index ?? 0
  const template = `2.5rem ${columns.map((c) => (c.meta as ColumnMeta).width).join(' ')}`

  useEffect(() => {
    if (list.hasMore && !list.loading && lastIndex >= rows.length - 30) list.loadMore()
  }, [lastIndex, rows.length, list])

  const isSelected = (key: string) => selection.all || selection.keys.has(key)

  const toggle = (index: number, range: boolean) => {
    const row = list.rows[index]
    if (!row) return
    const keys = new Set(selection.all ? list.rows.map((r) => r.key) : selection.keys)
    if (range && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)]
      for (let i = a; i <= b; i++) keys.add(list.rows[i]!.key)
    } else if (keys.has(row.key)) keys.delete(row.key)
    else keys.add(row.key)
    anchor.current = index
    onSelection({ keys, all: false })
  }

  const move = (index: number) => {
    const i = Math.max(0, Math.min(list.rows.length - 1, index))
    onActive(i)
    virtualizer.scrollToIndex(i, { align: 'auto' })
  }

  const onKeyDown = (e: KeyboardEvent) => {
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
      End: () => move(list.rows.length - 1),
      Enter: () => list.rows[active] && onOpen(list.rows[active]!),
      ' ': () => toggle(active, e.shiftKey),
      Delete: () => onDelete()
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
    anchor.current = index
    onActive(index)
    onOpen(list.rows[index]!)
  }

  // Handlers read the latest state through a ref, so rows need not re-render when it changes (see GridRow).
  const latest = useRef({ onRowClick, toggle })
  latest.current = { onRowClick, toggle }
  const handlers = useMemo<RowHandlers>(
    () => ({ click: (e, i) => latest.current.onRowClick(e, i), toggle: (i, range) => latest.current.toggle(i, range) }),
    []
  )

  const allLoadedSelected = !selection.all && list.rows.length > 0 && list.rows.every((r) => selection.keys.has(r.key))

  return (
    <div
      role="grid"
      aria-label={t('grid.label')}
      aria-rowcount={total ?? -1}
      aria-multiselectable="true"
      aria-activedescendant={list.rows[active] ? `row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 text-sm dark:border-slate-800"
    >
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" data-testid="grid-scroll">
      <div style={{ minWidth: MIN_WIDTH }}>
      <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900" style={{ height: HEADER_HEIGHT }}>
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} className="grid h-full items-center" style={{ gridTemplateColumns: template }}>
            <div role="columnheader" className="flex justify-center px-2 py-2">
              <input
                type="checkbox"
                aria-label={t('grid.selectAllLoaded')}
                checked={selection.all || allLoadedSelected}
                onChange={() => onSelection(allLoadedSelected || selection.all ? { keys: new Set(), all: false } : { keys: new Set(list.rows.map((r) => r.key)), all: false })}
              />
            </div>
            {group.headers.map((h) => {
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
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]
            if (!row)
              return (
                <div key="loader" role="row" aria-rowindex={item.index + 2} className="absolute inset-x-0 flex items-center justify-center text-xs text-slate-500" style={{ top: item.start - HEADER_HEIGHT, height: ROW_HEIGHT }}>
                  <span role="gridcell">{t('grid.loadingMore')}</span>
                </div>
              )
            return (
              <GridRow
                key={row.id}
                row={row}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                template={template}
                selected={isSelected(row.original.key)}
                active={item.index === active}
                selectLabel={t('grid.selectTask', { id: row.original.id })}
                handlers={handlers}
              />
            )
          })}
        </div>
      </div>
      </div>
    </div>
  )
}
