import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsoleCell, ConsoleColumn } from '@shared/console'
import { absoluteTime, formatBytes } from '../../lib/format'
import { cellText, expandable, isNumericColumn, rowText, timeSeconds } from './cells'

// A query's rows: column names with their types, NULL apart from the text "NULL", long text cut with an Expand, BLOBs
// by size and first bytes, stored times as the task grid shows them (raw values a toggle away). A cell is chosen by
// click or keyboard; Copy cell and Copy row act on it.

export function CellView({ column, cell, raw }: { column: ConsoleColumn; cell: ConsoleCell; raw: boolean }) {
  const { t } = useTranslation()
  if (cell === null) return <span className="text-muted italic">{t('sql.nullValue')}</span>
  if (typeof cell === 'object' && cell.t === 'blob')
    return (
      <span className="font-mono text-xs">
        <span className="text-muted">{t('sql.blob', { size: formatBytes(cell.size) })}</span> {cell.hex.slice(0, 16)}
        {cell.size > 8 ? '…' : ''}
      </span>
    )
  const seconds = raw ? null : timeSeconds(column, cell)
  if (seconds !== null) return <span title={cellText(cell)}>{absoluteTime(seconds)}</span>
  const text = cellText(cell)
  return <span className={isNumericColumn(column) ? 'tabular-nums' : ''}>{text.length > 120 ? `${text.slice(0, 120)}…` : text}</span>
}

type GridProps = { columns: ConsoleColumn[]; rows: ConsoleCell[][]; raw: boolean; onExpand(row: number, col: number): void; onCopy(text: string): void }

/** Drawn again only when its rows change: the running clock and the editor's state re-render the view, not 1,000 rows. */
export const ResultGrid = memo(function ResultGrid({ columns, rows, raw, onExpand, onCopy }: GridProps) {
  const { t } = useTranslation()
  const [active, setActive] = useState<[number, number] | null>(null)
  const cell = active ? rows[active[0]]?.[active[1]] : undefined
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-600" disabled={cell === undefined} onClick={() => cell !== undefined && onCopy(cellText(cell))}>
          {t('sql.copyCell')}
        </button>
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-600" disabled={!active} onClick={() => active && onCopy(rowText(rows[active[0]]!))}>
          {t('sql.copyRow')}
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table aria-label={t('sql.results')} className="w-max min-w-full border-collapse text-sm">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-2 py-1 text-right text-xs font-normal text-muted">
                #
              </th>
              {columns.map((c, i) => (
                <th key={i} scope="col" className={`px-2 py-1 text-left font-medium whitespace-nowrap ${isNumericColumn(c) ? 'text-right' : ''}`}>
                  {c.name} <span className="text-xs font-normal text-muted">{c.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-2 py-1 text-right text-xs text-muted tabular-nums">{r + 1}</td>
                {row.map((value, c) => {
                  const chosen = active?.[0] === r && active[1] === c
                  return (
                    <td
                      key={c}
                      tabIndex={chosen || (!active && r === 0 && c === 0) ? 0 : -1}
                      aria-current={chosen ? true : undefined}
                      title={t('sql.cellTitle', { column: columns[c]?.name ?? '', row: r + 1 })}
                      onClick={() => setActive([r, c])}
                      onFocus={() => setActive([r, c])}
                      onKeyDown={(e) => {
                        const move = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] }[e.key]
                        if (move) {
                          e.preventDefault()
                          const next = [Math.max(0, Math.min(rows.length - 1, r + move[0]!)), Math.max(0, Math.min(row.length - 1, c + move[1]!))] as const
                          const target = (e.currentTarget.closest('tbody')?.children[next[0]] as HTMLElement | undefined)?.children[next[1] + 1] as HTMLElement | undefined
                          target?.focus()
                        } else if (e.key === 'Enter' && expandable(value)) onExpand(r, c)
                      }}
                      className={`max-w-md px-2 py-1 align-top ${isNumericColumn(columns[c] ?? { name: '', type: '' }) ? 'text-right' : ''} ${chosen ? 'bg-sky-100 outline-2 outline-sky-600 dark:bg-sky-900' : ''}`}
                    >
                      <div className="flex items-start gap-1">
                        <span className="min-w-0 truncate">
                          <CellView column={columns[c]!} cell={value} raw={raw} />
                        </span>
                        {expandable(value) && (
                          <button type="button" tabIndex={-1} className="shrink-0 text-xs text-sky-700 underline dark:text-sky-300" onClick={() => onExpand(r, c)}>
                            {t('sql.expand')}
                          </button>
                        )}
                      </div>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
})
