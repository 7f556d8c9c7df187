// English messages: the main view: header, toolbar and the bulk actions.

export const views = {
  app: {
    name: 'DocuSnap Task Admin',
    skipToTasks: 'Skip to the tasks',
    tagline: 'Browse, inspect and clean the task store of DocuSnap-Backend.',
    starting: 'Starting…',
    views: 'Views',
    tasksTab: 'Tasks',
    overviewTab: 'Overview',
    somethingWrong: 'Something went wrong',
    reload: 'Reload'
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    closeDialog: 'Close dialog',
    none: 'None',
    counting: 'Counting…',
    loading: 'Loading…',
    dash: '—',
    copy: 'Copy',
    copied: 'Copied',
    open: 'Open',
    save: 'Save',
    days_one: '{{count, number}} day',
    days_other: '{{count, number}} days'
  },
  value: {
    empty: '(empty)',
    none: '(none)'
  },
  header: {
    signOut: 'Sign out',
    signOutTitle: 'End this browser’s session on the server (every tab of it); the printed URL signs in again',
    seedFormat: 'seed format',
    postgres: 'PostgreSQL',
    backendFormat: 'backend format',
    readOnly: 'read-only',
    live: 'Live',
    updatedJustNow: 'Updated now',
    changesAvailable: 'Changes available — refresh',
    updated: 'Updated {{when}}',
    shortcuts: 'Keyboard shortcuts',
    about: 'About',
    settings: 'Settings'
  },
  theme: {
    label: 'Theme',
    system: 'System theme',
    light: 'Light',
    dark: 'Dark'
  },
  language: {
    label: 'Language',
    system: 'System language',
    en: 'English',
    'zh-CN': '简体中文'
  },
  toolbar: {
    total_one: '{{count, number}} task',
    total_other: '{{count, number}} tasks',
    totalCounting: '≥ {{count, number}} tasks (counting…)',
    allSelected: 'all {{count, number}} matching selected',
    selected: '{{count, number}} selected',
    selectAllMatching: 'Select all {{count, number}} matching',
    clearSelection: 'Clear selection',
    refresh: 'Refresh',
    refreshButton: '↻ Refresh',
    export: 'Export…',
    deleteSelected: 'Delete selected',
    moreActions: 'More actions',
    actions: 'Actions',
    purgeMatching: 'Purge matching…',
    requeueErrored: 'Requeue errored…',
    requeueSelected: 'Requeue selected…',
    retrySelected: 'Retry selected (forget answers)…',
    retryErrored: 'Retry errored (forget answers)…',
    markStuck: 'Mark stuck…',
    clearClient: 'Clear client…',
    expire: 'Expire…',
    cleanUp: 'Clean up…',
    noMatch: 'No task matches these filters.',
    searching: 'Searching older tasks…',
    searchedTo: 'read as far as {{date}}',
    stopSearch: 'Stop',
    searchStopped: 'Search stopped.',
    sortingWithoutIndex: 'Sorting by {{column}} without an index: {{percent}} of the file read, showing the best rows found so far…',
    sortedWithoutIndex: 'No index on {{column}}: each new view reads the whole file ({{seconds}} s here).',
    addIndex: 'Add index…',
    continueSearch: 'Continue',
    clearFilters: 'Clear filters'
  },
  actions: {
    waitingLock: '— waiting for a lock held by another session; it goes on as soon as the lock is free.',
    failedAfter: 'Done before it failed, and kept: {{done, number}} of {{total, number}}.',
    triggers_one: 'This table has a trigger ({{names}}). It runs for every task this changes, doing whatever its author wrote, and nothing here can undo what it does.',
    triggers_other: 'This table has {{count}} triggers ({{names}}). They run for every task this changes, doing whatever their author wrote, and nothing here can undo what they do.',
    triggersOk: 'I know what these triggers do: let them run',
    deleteAllMatching: 'Delete all matching tasks',
    deleteSelectedTitle: 'Delete selected tasks',
    deleteEvery: 'Delete every task',
    deleteMatchingFilters: 'Delete all tasks matching the filters',
    noFilterWarning: 'No filter is set: this empties the table.',
    requeueTitle: 'Requeue errored tasks',
    requeueSelectedTitle: 'Requeue the selected tasks',
    retrySelectedTitle: 'Retry the selected tasks: forget their stored answers',
    retryTitle: 'Retry: forget the stored answers',
    retryBackend:
      'DocuSnap-Backend answers a submission from its stored row and keeps the document only in memory, so a task is retried by forgetting its row: these rows are deleted, and each client’s next submission of the document is processed afresh. Nothing is sent to the clients.',
    requeueSeed: 'Requeued tasks go back to pending, with the update time set to now, for the backend to pick up again.',
    counting: 'Counting tasks',
    countingWhat: 'Counting what this would change…',
    typeToConfirm: 'Type {{count, number}} to confirm:',
    typeToConfirmLabel: 'Type the number of tasks to confirm',
    progress: {
      purge: 'Delete progress',
      requeue: 'Requeue progress',
      retry: 'Retry progress',
      timeout: 'Mark progress'
    },
    stopping: 'stopping after the current chunk',
    maintenance: 'Maintenance window: the backend is stopped',
    maintenanceHint:
      'Larger transactions (up to 2 s each instead of 0.2 s): several times faster on big files, but a running backend would wait for them. If another program writes to the file, the app goes back to short transactions at once.',
    maintenanceOff: 'Another program wrote to the file, so the backend is running: back to short transactions (slower, and the backend never waits long).',
    nothingMatches: 'No task matches: nothing would change.',
    nothingElse: 'No task matches the rest: only the step above changes anything.',
    perStatus: 'Per status',
    afterPreview: 'Tasks created after this preview are never touched.',
    cannotRestore: 'Deleted tasks cannot be restored.',
    verb: {
      purge: 'Delete',
      requeue: 'Requeue',
      retry: 'Forget',
      timeout: 'Mark'
    },
    run_one: '{{verb}} {{count, number}} task',
    run_other: '{{verb}} {{count, number}} tasks',
    willDo_one: 'This will {{verb}} {{count, number}} task, created from {{from}} to {{to}}.',
    willDo_other: 'This will {{verb}} {{count, number}} tasks, created from {{from}} to {{to}}.',
    willVerb: {
      purge: 'delete',
      requeue: 'requeue',
      retry: 'forget the stored answers of',
      timeout: 'mark'
    },
    progressLine: {
      purge: '{{done, number}} of {{total, number}} deleted…',
      requeue: '{{done, number}} of {{total, number}} requeued…',
      retry: '{{done, number}} of {{total, number}} answers forgotten…',
      timeout: '{{done, number}} of {{total, number}} marked as timed out…',
      export: '{{done, number}} of {{total, number}} exported…'
    },
    doneLine: {
      purge_one: '{{count, number}} task was deleted.',
      purge_other: '{{count, number}} tasks were deleted.',
      requeue_one: '{{count, number}} task was requeued.',
      requeue_other: '{{count, number}} tasks were requeued.',
      retry_one: 'The stored answer of {{count, number}} task was forgotten: its next submission is processed again.',
      retry_other: 'The stored answers of {{count, number}} tasks were forgotten: their next submissions are processed again.',
      timeout_one: '{{count, number}} task was marked as timed out.',
      timeout_other: '{{count, number}} tasks were marked as timed out.'
    },
    cancelledLine: {
      purge: 'Cancelled. {{done, number}} of {{total, number}} tasks were deleted; the rest are untouched.',
      requeue: 'Cancelled. {{done, number}} of {{total, number}} tasks were requeued; the rest are untouched.',
      retry: 'Cancelled. The answers of {{done, number}} of {{total, number}} tasks were forgotten; the rest are untouched.',
      timeout: 'Cancelled. {{done, number}} of {{total, number}} tasks were marked as timed out; the rest are untouched.'
    }
  }
}
