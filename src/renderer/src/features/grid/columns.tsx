import { createColumnHelper } from '@tanstack/react-table'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { ShownValue } from '../../components/ShownValue'
import type { SortField, TaskRow } from '@shared/task'
import { formatBytes, formatDuration, relativeTime, absoluteTime } from '../../lib/format'
import { StatusBadge } from '../../components/ui'

const col = createColumnHelper<TaskRow>()

export interface ColumnMeta {
  id: string
  sortField?: SortField
  width: string
  /** When the grid is narrow, lower numbers give way first (fit-columns.ts); absent: always shown. */
  giveWay?: number
  align?: 'right'
  /**
   * The cell, from the task alone. The grid renders its body rows itself (from a page cache, only the rows on screen)
   * and uses the table for its header; a pure function of the row keeps memoized rows cheap.
   */
  render(task: TaskRow): ReactNode
}

/** The grid's columns. `now` is passed in so relative times refresh with the "updated" marker, not on every render. */
/** The snippet with the searched text marked (the first match, case-insensitive as the search is). */
function Snippet({ snippet, text }: { snippet: string; text: string }) {
  const at = snippet.toLowerCase().indexOf(text.toLowerCase())
  if (at < 0 || !text) return <span title={snippet}>{snippet}</span>
  return (
    <span title={snippet}>
      {snippet.slice(0, at)}
      <mark className="rounded-sm bg-amber-200 text-slate-900 dark:bg-amber-300">{snippet.slice(at, at + text.length)}</mark>
      {snippet.slice(at + text.length)}
    </span>
  )
}

export function taskColumns(now: number, backend: boolean, t: TFunction, searchText?: string) {
  const idColumn = backend
    ? col.accessor((t) => t.client_id ?? '', {
        id: 'id',
        header: t('grid.clientSha'),
        meta: {
          id: 'id',
          sortField: 'id',
          width: 'minmax(11rem, 2.2fr)',
          render: (task) => (
            <span className="truncate font-mono text-xs">
              {task.client_id} · <span title={task.sha256}>{task.sha256?.slice(0, 10)}…</span>
            </span>
          )
        } satisfies ColumnMeta
      })
    : col.accessor('id', {
        header: t('grid.id'),
        meta: {
          id: 'id',
          sortField: 'id',
          width: 'minmax(9rem, 2.2fr)',
          render: (task) => (
            <span className="truncate font-mono text-xs" title={task.id}>
              {task.id}
            </span>
          )
        } satisfies ColumnMeta
      })
  const matchColumn = searchText
    ? [
        col.display({
          id: 'match',
          header: t('grid.match'),
          meta: {
            id: 'match',
            width: 'minmax(10rem, 2fr)',
            giveWay: 6,
            render: (task) => (task.snippet ? <Snippet snippet={task.snippet} text={searchText} /> : null)
          } satisfies ColumnMeta
        })
      ]
    : []
  return [
    idColumn,
    col.accessor('type', { header: t('grid.type'), meta: { id: 'type', sortField: 'type', width: 'minmax(5.5rem, 0.9fr)', giveWay: 5, render: (task) => <ShownValue value={task.type} /> } satisfies ColumnMeta }),
    col.accessor('status', {
      header: t('grid.status'),
      meta: { id: 'status', sortField: 'status', width: 'minmax(6.75rem, 0.9fr)', render: (task) => <StatusBadge status={task.status} /> } satisfies ColumnMeta
    }),
    col.accessor('created', {
      header: t('grid.created'),
      meta: {
        id: 'created',
        sortField: 'created_at',
        width: 'minmax(6rem, 1fr)',
        render: (task) => <time title={absoluteTime(task.created)}>{relativeTime(task.created, now, undefined, 'short')}</time>
      } satisfies ColumnMeta
    }),
    col.accessor('updated', {
      header: backend ? t('grid.accessed') : t('grid.updated'),
      meta: {
        id: 'updated',
        sortField: 'updated_at',
        width: 'minmax(6rem, 1fr)',
        giveWay: 4,
        render: (task) => <time title={absoluteTime(task.updated)}>{relativeTime(task.updated, now, undefined, 'short')}</time>
      } satisfies ColumnMeta
    }),
    ...matchColumn,
    col.display({
      id: 'error',
      header: t('grid.error'),
      meta: {
        id: 'error',
        width: 'minmax(7rem, 1.4fr)',
        giveWay: 3,
        // The code, or the first line of the message (the backend's error_detail, the seed's error result).
        render: (task) =>
          task.status === 'error' && task.error ? (
            <span className="text-red-800 dark:text-red-300" title={task.error}>
              {task.error.split('\n', 1)[0]}
            </span>
          ) : null
      } satisfies ColumnMeta
    }),
    col.display({
      id: 'duration',
      header: t('grid.duration'),
      meta: {
        id: 'duration',
        width: 'minmax(5.5rem, 0.8fr)',
        align: 'right',
        giveWay: 1,
        // Work still going has no duration yet: how long it has been running.
        render: (task) =>
          task.status === 'pending' ? '—' : task.status === 'processing' ? t('grid.runningFor', { value: formatDuration(task.created, now) }) : formatDuration(task.created, task.updated)
      } satisfies ColumnMeta
    }),
    col.accessor('result_bytes', {
      header: t('grid.result'),
      meta: { id: 'result', width: 'minmax(4.5rem, 0.7fr)', align: 'right', giveWay: 2, render: (task) => (task.result_bytes ? formatBytes(task.result_bytes) : '—') } satisfies ColumnMeta
    })
  ]
}
