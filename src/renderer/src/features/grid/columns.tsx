import { createColumnHelper } from '@tanstack/react-table'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import type { SortField, TaskRow } from '@shared/task'
import { formatBytes, formatDuration, relativeTime, absoluteTime } from '../../lib/format'
import { StatusBadge } from '../../components/ui'

const col = createColumnHelper<TaskRow>()

export interface ColumnMeta {
  sortField?: SortField
  width: string
  align?: 'right'
  /**
   * The cell, from the task alone. The grid renders its body rows itself (from a page cache, only the rows on screen)
   * and uses the table for its header; a pure function of the row keeps memoized rows cheap.
   */
  render(task: TaskRow): ReactNode
}

/** The grid's columns. `now` is passed in so relative times refresh with the "updated" marker, not on every render. */
export function taskColumns(now: number, backend: boolean, t: TFunction) {
  const idColumn = backend
    ? col.accessor((t) => t.client_id ?? '', {
        id: 'id',
        header: t('grid.clientSha'),
        meta: {
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
          sortField: 'id',
          width: 'minmax(9rem, 2.2fr)',
          render: (task) => (
            <span className="truncate font-mono text-xs" title={task.id}>
              {task.id}
            </span>
          )
        } satisfies ColumnMeta
      })
  return [
    idColumn,
    col.accessor('type', { header: t('grid.type'), meta: { sortField: 'type', width: 'minmax(5.5rem, 0.9fr)', render: (task) => task.type } satisfies ColumnMeta }),
    col.accessor('status', {
      header: t('grid.status'),
      meta: { sortField: 'status', width: 'minmax(6.75rem, 0.9fr)', render: (task) => <StatusBadge status={task.status} /> } satisfies ColumnMeta
    }),
    col.accessor('created', {
      header: t('grid.created'),
      meta: {
        sortField: 'created_at',
        width: 'minmax(6rem, 1fr)',
        render: (task) => <time title={absoluteTime(task.created)}>{relativeTime(task.created, now, undefined, 'short')}</time>
      } satisfies ColumnMeta
    }),
    col.accessor('updated', {
      header: backend ? t('grid.accessed') : t('grid.updated'),
      meta: {
        sortField: 'updated_at',
        width: 'minmax(6rem, 1fr)',
        render: (task) => <time title={absoluteTime(task.updated)}>{relativeTime(task.updated, now, undefined, 'short')}</time>
      } satisfies ColumnMeta
    }),
    col.display({
      id: 'duration',
      header: t('grid.duration'),
      meta: {
        width: 'minmax(5.5rem, 0.8fr)',
        align: 'right',
        render: (task) => (task.status === 'pending' ? '—' : formatDuration(task.created, task.updated))
      } satisfies ColumnMeta
    }),
    col.accessor('result_bytes', {
      header: t('grid.result'),
      meta: { width: 'minmax(4.5rem, 0.7fr)', align: 'right', render: (task) => (task.result_bytes ? formatBytes(task.result_bytes) : '—') } satisfies ColumnMeta
    })
  ]
}
