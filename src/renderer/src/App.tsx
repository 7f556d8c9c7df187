import { SkipLink } from './components/SkipLink'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isEmptyFilter } from '@shared/filter'
import { api } from './lib/api'
import { fromSearch, toSearch, type ViewState } from './lib/filter-url'
import { useTheme } from './lib/theme'
import { useSettings } from './state/use-settings'
import { useScheduledCleanup } from './features/schedule/use-scheduled-cleanup'
import { AppHeader } from './AppHeader'
import { useQuery } from './state/use-query'
import { COUNT_BUDGET_MS, useProgressive } from './state/use-progressive'
import { useDatabase } from './state/use-database'
import { useLive } from './state/use-live'
import { useNow } from './lib/use-now'
import { useTaskList } from './state/use-task-list'
import { Button, Notice, Spinner } from './components/ui'
import { TaskGrid, type GridSelection } from './features/grid/TaskGrid'
import { FilterPanel, type FilterUpdate } from './features/filters/FilterPanel'
import { DetailPanel } from './features/detail/DetailPanel'
import type { ActionSpec } from './features/actions/ActionDialog'
import { SqlView } from './features/sql/SqlView'
import { Overview } from './features/overview/Overview'
import { OpenDatabase } from './features/open/OpenDatabase'
import { EmptyDatabase } from './features/open/EmptyDatabase'
import { TimeUnitNotice } from './features/times/TimeUnitNotice'
import { ModalHost, type Modal } from './app/ModalHost'
import { NO_SELECTION, TaskToolbar } from './app/TaskToolbar'
import { useShortcuts } from './app/use-shortcuts'

const VIEW_KEY = 'docusnap.view'

function initialView(): ViewState {
  const search = window.location.search || localStorage.getItem(VIEW_KEY) || ''
  return fromSearch(search)
}

export function App() {
  const { t } = useTranslation()
  // A message that already names the database (most do) is not prefixed with its name again.
  const startupReason = (e: { path: string; message: string }) => (e.message.startsWith(e.path) ? e.message : t('open.couldNotOpen', e))
  const settings = useSettings()
  const { theme: themeChoice, confirmThreshold, refreshSeconds } = settings.state.settings
  const theme = useTheme(themeChoice)
  const appInfo = useQuery('app', () => api.call('app.info', {}))
  const [view, setView] = useState<ViewState>(initialView)
  const { version, live, setLive, pendingChanges, lastRefresh, refresh } = useLive()
  const [tab, setTab] = useState<'tasks' | 'overview' | 'sql'>('tasks')
  const [selection, setSelection] = useState<GridSelection>(NO_SELECTION)
  const [gridError, setGridError] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const [detailKey, setDetailKey] = useState<string | null>(null)
  const [modal, setModal] = useState<Modal>(null)
  const { db, closedReason, lastPath, loadError } = useDatabase(() => {
    setSelection(NO_SELECTION)
    setDetailKey(null)
  })
  const searchRef = useRef<HTMLInputElement>(null)
  const now = useNow(15_000)
  const readOnly = db?.readOnly === true || appInfo.data?.readOnly === true
  const backend = db?.kind === 'backend'
  // Local debugging writes (edit, create, duplicate) go through the seed module's functions: seed files, writable.
  const debugging = db?.kind === 'seed' && !readOnly
  // The same file read in another time unit is another view of it: every row, count and facet is fetched again.
  const dbKey = db ? `${db.path}|${db.readOnly}|${db.times?.unit ?? ''}` : null
  const schedule = useScheduledCleanup(db, readOnly, refresh)

  // The desktop's File menu opens the page's own dialogs (Connect to PostgreSQL…, Copy Tasks To…).
  useEffect(() => api.on('ui.command', (c) => setModal(c.command === 'connect' ? { kind: 'connect', url: c.url } : { kind: 'copy' })), [])

  // How often the store looks for commits by other processes.
  useEffect(() => {
    if (settings.loaded) void api.call('db.watch', { intervalMs: refreshSeconds * 1000 }).catch(() => undefined)
  }, [settings.loaded, refreshSeconds])

  // The view lives in the URL (shareable) and is remembered for the next start.
  useEffect(() => {
    const search = toSearch(view)
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`)
    localStorage.setItem(VIEW_KEY, search)
    setSelection(NO_SELECTION)
    setGridError(null)
    setActive(0)
  }, [view])

  const filterKey = JSON.stringify(view.filter)
  // Counts and facets come in installments on big files (see useProgressive): partial answers show at once.
  const scope = dbKey && `${dbKey}|${filterKey}`
  const count = useProgressive(scope && `${scope}|${version}`, scope, (resume) => api.call('tasks.count', { filter: view.filter, budgetMs: COUNT_BUDGET_MS, resume }))
  // The grid's scrollbar spans the count (or what is counted so far); rows are fetched where the user goes.
  const list = useTaskList(dbKey, view.filter, view.sort, version, count.data?.count ?? 0, count.data && !count.partial ? count.data.count : null)
  // The quick counts first; the error groups (which read every error result) arrive after, without holding them up.
  const facetCounts = useProgressive(scope && `${scope}|${version}`, scope, (resume) =>
    api.call('tasks.facets', { filter: view.filter, part: 'counts', budgetMs: COUNT_BUDGET_MS, resume })
  )
  const facetErrors = useProgressive(scope && `${scope}|${version}|errors`, scope, (resume) =>
    api.call('tasks.facets', { filter: view.filter, part: 'errors', budgetMs: COUNT_BUDGET_MS, resume })
  )
  const facets = {
    data: facetCounts.data && { ...facetCounts.data, error: facetErrors.data?.error },
    loading: facetCounts.loading || facetErrors.loading,
    partial: facetCounts.partial || facetErrors.partial,
    progress: facetCounts.partial ? facetCounts.progress : facetErrors.partial ? facetErrors.progress : undefined
  }
  // Stats scan the whole table (a second at 10 M rows): refreshed with live changes only while the overview shows them.
  const stats = useQuery(dbKey && `${dbKey}|${tab === 'overview' ? version : 0}`, () => api.call('db.stats', {}))
  const daily = useQuery(dbKey && tab === 'overview' ? `${dbKey}|${version}` : null, () => api.call('db.daily', { days: 30 }))
  // A partial count is a lower bound: shown as "≥ N", never as the total.
  const total = count.data && !count.partial ? count.data.count : null
  const atLeast = Math.max(count.data?.count ?? 0, list.atLeast)

  const setFilter = (update: FilterUpdate) => setView((v) => ({ ...v, filter: typeof update === 'function' ? update(v.filter) : update }))
  const selectionTarget = selection.all ? { filter: view.filter } : selection.keys.size ? { keys: [...selection.keys] } : null

  const openAction = (spec: ActionSpec) => setModal({ kind: 'action', spec })
  const deleteSelected = () => {
    if (readOnly || !selectionTarget) return
    openAction({ kind: 'purge', title: selection.all ? t('actions.deleteAllMatching') : t('actions.deleteSelectedTitle'), target: selectionTarget })
  }
  const purgeMatching = () =>
    openAction({
      kind: 'purge',
      title: isEmptyFilter(view.filter) ? t('actions.deleteEvery') : t('actions.deleteMatchingFilters'),
      target: { filter: view.filter },
      description: isEmptyFilter(view.filter) ? <Notice tone="warn">{t('actions.noFilterWarning')}</Notice> : undefined
    })
  // The seed's retry sets tasks back to pending; DocuSnap-Backend's forgets the stored answer (see forgetAnswers).
  // "…errored" does what it says: the errored tasks of the selection, or of the filter; "…selected" takes the
  // selection whatever its status. Both are previewed per status.
  const errored = { statuses: ['error'] }
  const retry = (scope: 'errored' | 'selected') =>
    openAction({
      kind: backend ? 'retry' : 'requeue',
      title: backend ? t(scope === 'errored' ? 'actions.retryTitle' : 'actions.retrySelectedTitle') : t(scope === 'errored' ? 'actions.requeueTitle' : 'actions.requeueSelectedTitle'),
      target:
        scope === 'selected'
          ? selectionTarget
          : selection.keys.size && !selection.all
            ? { keys: [...selection.keys], only: errored }
            : { filter: { ...view.filter, ...errored } },
      description: <p>{backend ? t('actions.retryBackend') : t('actions.requeueSeed')}</p>
    })

  useShortcuts({
    dialogOpen: modal !== null,
    detailOpen: detailKey !== null,
    closeDetail: () => setDetailKey(null),
    search: () => {
      setTab('tasks')
      setTimeout(() => searchRef.current?.focus())
    },
    shortcuts: () => setModal({ kind: 'shortcuts' }),
    refresh
  })

  // With no filter, the count is the table's total: an empty table needs no stats of its own.
  const emptyTable = total === 0 && isEmptyFilter(view.filter)
  const header = (
    <AppHeader
      db={db}
      readOnly={readOnly}
      fileBytes={stats.data?.file_bytes}
      live={live}
      onLive={setLive}
      pendingChanges={pendingChanges}
      lastRefresh={lastRefresh}
      now={now}
      onRefresh={refresh}
      themeChoice={themeChoice}
      onTheme={(choice) => void settings.update({ theme: choice }).catch(() => undefined)}
      onSettings={() => setModal({ kind: 'settings' })}
      onShortcuts={() => setModal({ kind: 'shortcuts' })}
      onAbout={() => setModal({ kind: 'about' })}
    />
  )

  let body
  if (db === undefined)
    body = (
      <p className="m-auto flex items-center gap-2 text-muted">
        <Spinner label={t('app.starting')} /> {t('app.starting')}
      </p>
    )
  else if (db === null)
    body = (
      <OpenDatabase
        app={appInfo.data}
        reason={closedReason ?? loadError ?? (appInfo.data?.startupError ? startupReason(appInfo.data.startupError) : null)}
        recent={settings.state.settings.recentFiles}
        reopen={closedReason ? lastPath : null}
        onConnect={(url) => setModal({ kind: 'connect', url })}
      />
    )
  else
    body = (
      <div className="flex min-h-0 flex-1">
        {tab === 'tasks' && <FilterPanel
            filter={view.filter}
            onChange={setFilter}
            facets={facets.data}
            facetsLoading={facets.loading}
            facetsProgress={facets.progress}
            facetsPartial={{ counts: facetCounts.partial, errors: facetErrors.partial }}
            backend={backend}
            searchRef={searchRef}
          />}
        <main className="flex min-w-0 flex-1 flex-col">
          <div role="tablist" aria-label={t('app.views')} className="flex gap-1 border-b border-slate-200 px-3 pt-2 dark:border-slate-800">
            {/* The SQL tab is absent, not disabled, where the console is off (serve mode without --allow-sql). */}
            {(appInfo.data?.sql ? (['tasks', 'overview', 'sql'] as const) : (['tasks', 'overview'] as const)).map((tabName) => (
              <button
                key={tabName}
                role="tab"
                type="button"
                aria-selected={tab === tabName}
                onClick={() => setTab(tabName)}
                className={`rounded-t-md px-3 py-1.5 text-sm ${tab === tabName ? 'border border-b-0 border-slate-200 bg-white font-medium dark:border-slate-800 dark:bg-slate-950' : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'}`}
              >
                {tabName === 'tasks' ? t('app.tasksTab') : tabName === 'sql' ? t('sql.tab') : t('app.overviewTab')}
              </button>
            ))}
          </div>
          {tab === 'sql' && appInfo.data?.sql ? (
            <SqlView db={db} dark={theme.dark} />
          ) : tab === 'overview' ? (
            <Overview stats={stats.data} daily={daily.data} loading={stats.loading} readOnly={readOnly} dark={theme.dark} onCompact={() => setModal({ kind: 'vacuum' })}
              onAddIndexes={() => setModal({ kind: 'indexes' })}
              onCopy={appInfo.data?.carrier === 'electron' ? () => setModal({ kind: 'copy' }) : undefined}
              onDrill={(filter) => (setView((v) => ({ ...v, filter })), setTab('tasks'))}
            />
          ) : (
            <div className="flex min-h-0 flex-1 flex-col gap-2 p-3">
              <TaskToolbar
                total={total}
                atLeast={atLeast}
                selection={selection}
                onSelection={setSelection}
                list={list}
                readOnly={readOnly}
                backend={backend}
                debugging={debugging}
                errored={facets.data?.status.error ?? 0}
                actions={{
                  refresh,
                  exportTasks: () => setModal({ kind: 'export' }),
                  deleteSelected,
                  purgeMatching,
                  retry,
                  newTask: () => setModal({ kind: 'new-task' }),
                  markStuck: () => setModal({ kind: 'stuck' }),
                  clearClient: () => setModal({ kind: 'clear-client' }),
                  cleanup: () => setModal({ kind: 'cleanup' }),
                  addIndex: () => setModal({ kind: 'indexes' })
                }}
              />
              <TimeUnitNotice times={db.times} />
              {(list.error || count.error || gridError) && <Notice tone="error">{list.error ?? count.error ?? gridError}</Notice>}
              {!list.loading && list.size === 0 && !list.error && !list.searching && !list.stopped ? (
                emptyTable ? (
                  <EmptyDatabase readOnly={readOnly} onDone={refresh} />
                ) : (
                  <div className="m-auto space-y-3 text-center">
                    <p className="text-slate-600 dark:text-slate-300">{t('toolbar.noMatch')}</p>
                    <Button onClick={() => setFilter({})}>{t('toolbar.clearFilters')}</Button>
                  </div>
                )
              ) : (
                <TaskGrid
                  list={list}
                  sort={view.sort}
                  onSort={(sort) => setView((v) => ({ ...v, sort }))}
                  backend={backend}
                  searchText={view.filter.text}
                  now={now}
                  total={total}
                  searchedShare={count.partial ? (count.progress?.fraction ?? null) : null}
                  selection={selection}
                  onSelection={(next) => {
                    setGridError(null)
                    setSelection(next)
                  }}
                  active={active}
                  onActive={setActive}
                  onOpen={(row) => setDetailKey(row.key)}
                  onDelete={deleteSelected}
                  onError={setGridError}
                />
              )}
            </div>
          )}
        </main>
        {detailKey && tab === 'tasks' && (
          <DetailPanel
            taskKey={detailKey}
            onClose={() => setDetailKey(null)}
            now={now}
            version={version}
            onEdit={debugging ? (task) => setModal({ kind: 'edit', task }) : undefined}
            onDuplicate={debugging ? (task) => setModal({ kind: 'new-task', source: task }) : undefined}
          />
        )}
      </div>
    )

  return (
    <div className="flex h-full flex-col">
      <SkipLink target="task-grid" onSkip={() => setTab('tasks')}>
        {t('app.skipToTasks')}
      </SkipLink>
      {header}
      {settings.error && (
        <div className="px-4 pt-2">
          <Notice tone="error">{settings.error}</Notice>
        </div>
      )}
      {body}
      <ModalHost
        modal={modal}
        onClose={() => setModal(null)}
        context={{
          db: db ?? null,
          app: appInfo.data,
          readOnly,
          backend,
          dark: theme.dark,
          threshold: confirmThreshold,
          filter: view.filter,
          total,
          stats: stats.data,
          clients: Object.keys(facets.data?.client ?? {}),
          schedule,
          refresh,
          clearSelection: () => setSelection(NO_SELECTION),
          showTask: setDetailKey
        }}
      />
    </div>
  )
}
