import { createColumnHelper } from '@tanstack/react-table'
import type { TFunction } from 'i18next'
import type { SortField, TaskRow } from '@shared/task'
import { formatBytes, formatDuration, relativeTime, absoluteTime } from '../../lib/format'
import { StatusBadge } from '../../components/ui'

const col = createColumnHelper<TaskRow>()

export interface ColumnMeta {
  sortField?: SortField
  width: string
  align?: 'right'
}

/** The grid's columns. `now` is passed in so relative times refresh with the "updated" marker, not on every render. */
export function taskColumns(now: number, backend: boolean, t: TFunction) {
  const idColumn = backend
    ? col.accessor((t) => t.client_id ?? '', {
        id: 'id',
        header: t('grid.clientSha'),
        meta: { sortField: 'id', width: 'minmax(11rem, 2.2fr)' } satisfies ColumnMeta,
        cell: (c) => (
          <span className="truncate font-mono text-xs">
            {c.row.original.client_id} · <span title={c.row.original.sha256}>{c.row.original.sha256?.slice(0, 10)}…</span>
          </span>
        )
      })
    : col.accessor('id', {
        header: t('grid.id'),
        meta: { sortField: 'id', width: 'minmax(9rem, 2.2fr)' } satisfies ColumnMeta,
        cell: (c) => (
          <span className="truncate font-mono text-xs" title={c.getValue()}>
            {c.getValue()}
          </span>
        )
      })
  return [
    idColumn,
    col.accessor('type', { header: t('grid.type'), meta: { sortField: 'type', width: 'minmax(5.5rem, 0.9fr)' } satisfies ColumnMeta }),
    col.accessor('status', {
      header: t('grid.status'),
      meta: { sortField: 'status', width: 'minmax(6.75rem, 0.9fr)' } satisfies ColumnMeta,
      cell: (c) => <StatusBadge status={c.getValue()} />
    }),
    col.accessor('created', {
      header: t('grid.created'),
      meta: { sortField: 'created_at', width: 'minmax(6rem, 1fr)' } satisfies ColumnMeta,
      cell: (c) => <time title={absoluteTime(c.getValue())}>{relativeTime(c.getValue(), now, undefined, 'short')}</time>
    }),
    col.accessor('updated', {
      header: backend ? t('grid.accessed') : t('grid.updated'),
      meta: { sortField: 'updated_at', width: 'minmax(6rem, 1fr)' } satisfies ColumnMeta,
      cell: (c) => <time title={absoluteTime(c.getValue())}>{relativeTime(c.getValue(), now, undefined, 'short')}</time>
    }),
    col.display({
      id: 'duration',
      header: t('grid.duration'),
      meta: { width: 'minmax(5.5rem, 0.8fr)', align: 'right' } satisfies ColumnMeta,
      cell: (c) => (c.row.original.status === 'pending' ? '—' : formatDuration(c.row.original.created, c.row.original.updated))
    }),
    col.accessor('result_bytes', {
      header: t('grid.result'),
      meta: { width: 'minmax(4.5rem, 0.7fr)', align: 'right' } satisfies ColumnMeta,
      cell: (c) => (c.getValue() ? formatBytes(c.getValue()) : '—')
    })
  ]
}
