import { useTranslation } from 'react-i18next'
import { Button, Spinner } from '../components/ui'
import { MenuButton } from '../components/Menu'
import { absoluteTime } from '../lib/format'
import type { GridSelection } from '../features/grid/TaskGrid'
import { SortNotice } from '../features/grid/SortNotice'
import type { TaskList } from '../state/task-list'

export const NO_SELECTION: GridSelection = { keys: new Set(), all: false }

export interface ToolbarActions {
  refresh: () => void
  exportTasks: () => void
  deleteSelected: () => void
  purgeMatching: () => void
  retry: (scope: 'errored' | 'selected') => void
  newTask: () => void
  markStuck: () => void
  clearClient: () => void
  cleanup: () => void
  addIndex: () => void
}

/**
 * Above the grid: how many tasks (a partial count as "≥ N"), the selection, a running search with Stop/Continue, and
 * the actions — the writing ones only on a writable database, the backend's own only on its format.
 */
export function TaskToolbar(props: {
  total: number | null
  atLeast: number
  selection: GridSelection
  onSelection: (next: GridSelection) => void
  list: TaskList
  readOnly: boolean
  backend: boolean
  /** Local debugging writes (new task) are offered: seed files, writable. */
  debugging: boolean
  /** How many errored tasks the facets counted (the "…errored" action needs some, or a selection). */
  errored: number
  actions: ToolbarActions
}) {
  const { t } = useTranslation()
  const { total, atLeast, selection, onSelection, list, readOnly, backend, debugging, errored, actions } = props
  const selectedCount = selection.all ? (total ?? 0) : selection.keys.size
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium tabular-nums" aria-live="polite" data-testid="task-total">
        {total !== null ? t('toolbar.total', { count: total }) : atLeast > 0 ? t('toolbar.totalCounting', { count: atLeast }) : t('common.counting')}
      </span>
      {selectedCount > 0 && (
        <span className="text-slate-600 dark:text-slate-300">
          · {selection.all ? t('toolbar.allSelected', { count: selectedCount }) : t('toolbar.selected', { count: selectedCount })}
          {!selection.all && total !== null && total > selection.keys.size && (
            <button type="button" className="ml-2 text-sky-700 underline dark:text-sky-300" onClick={() => onSelection({ keys: new Set(), all: true })}>
              {t('toolbar.selectAllMatching', { count: total })}
            </button>
          )}
          <button type="button" className="ml-2 text-sky-700 underline dark:text-sky-300" onClick={() => onSelection(NO_SELECTION)}>
            {t('toolbar.clearSelection')}
          </button>
        </span>
      )}
      {(list.searching || list.stopped) && (
        <span className="flex items-center gap-2 text-slate-600 dark:text-slate-300" role="status">
          {list.searching ? <Spinner label={t('toolbar.searching')} /> : null}
          {list.searching ? t('toolbar.searching') : t('toolbar.searchStopped')}
          {list.reached !== null && <span className="text-xs text-muted">{t('toolbar.searchedTo', { date: absoluteTime(list.reached) })}</span>}
          <button type="button" className="text-sky-700 underline dark:text-sky-300" onClick={list.searching ? list.stop : list.resume}>
            {list.searching ? t('toolbar.stopSearch') : t('toolbar.continueSearch')}
          </button>
        </span>
      )}
      <SortNotice list={list} readOnly={readOnly} onAddIndex={actions.addIndex} />
      <div className="ml-auto flex flex-wrap gap-2">
        <Button tone="ghost" onClick={actions.refresh} aria-label={t('toolbar.refresh')}>
          {t('toolbar.refreshButton')}
        </Button>
        <Button onClick={actions.exportTasks} disabled={total === 0}>
          {t('toolbar.export')}
        </Button>
        {!readOnly && (
          <>
            {selectedCount > 0 && (
              <Button tone="danger" onClick={actions.deleteSelected}>
                {t('toolbar.deleteSelected')}
              </Button>
            )}
            <MenuButton
              label={t('toolbar.moreActions')}
              items={[
                { label: t('toolbar.purgeMatching'), onSelect: actions.purgeMatching, disabled: total === 0, danger: true },
                { label: backend ? t('toolbar.retryErrored') : t('toolbar.requeueErrored'), onSelect: () => actions.retry('errored'), disabled: selectedCount === 0 && errored === 0 },
                ...(selectedCount > 0 ? [{ label: backend ? t('toolbar.retrySelected') : t('toolbar.requeueSelected'), onSelect: () => actions.retry('selected') }] : []),
                ...(debugging ? [{ label: t('newTask.menu'), onSelect: actions.newTask }] : []),
                ...(backend
                  ? [
                      { label: t('toolbar.markStuck'), onSelect: actions.markStuck },
                      { label: t('toolbar.clearClient'), onSelect: actions.clearClient }
                    ]
                  : [])
              ]}
            >
              {t('toolbar.actions')}
            </MenuButton>
            <Button tone="primary" onClick={actions.cleanup}>
              {backend ? t('toolbar.expire') : t('toolbar.cleanUp')}
            </Button>
          </>
        )}
      </div>
    </div>
  )
}
