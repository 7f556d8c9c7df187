import { useTranslation } from 'react-i18next'
import { Spinner } from '../../components/ui'
import type { TaskList } from '../../state/task-list'

/** The column names as the grid's headers call them. */
const HEADER = { created_at: 'grid.created', updated_at: 'grid.updated', last_accessed: 'grid.accessed' } as const
const header = (column: string | undefined) => HEADER[(column ?? 'created_at') as keyof typeof HEADER] ?? HEADER.created_at

/**
 * What sorting without an index costs, said quietly beside the count: while the first page is being sorted, how much
 * of the file has been read (its rows are the best found so far); once sorted, how long it took and the way to an
 * index — offered, never added without asking.
 */
export function SortNotice({ list, readOnly, onAddIndex }: { list: TaskList; readOnly: boolean; onAddIndex(): void }) {
  const { t } = useTranslation()
  const column = list.withoutIndex?.column
  if (list.sorting !== null)
    return (
      <span className="flex items-center gap-2 text-slate-600 dark:text-slate-300" role="status">
        <Spinner label={t('common.loading')} />
        {t('toolbar.sortingWithoutIndex', { column: t(header(column)), percent: `${Math.floor(list.sorting * 100)} %` })}
      </span>
    )
  if (!list.withoutIndex || !column) return null
  return (
    <span className="flex items-center gap-2 text-xs text-muted" role="note">
      {t('toolbar.sortedWithoutIndex', { column: t(header(column)), seconds: (list.withoutIndex.ms / 1000).toFixed(1) })}
      {!readOnly && (
        <button type="button" className="text-sky-700 underline dark:text-sky-300" onClick={onAddIndex}>
          {t('toolbar.addIndex')}
        </button>
      )}
    </span>
  )
}
