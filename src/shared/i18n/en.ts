// English messages: the reference catalog. Every other language has exactly these keys (test/i18n.test.ts).
// Plurals follow i18next: key_one / key_other (languages without a singular keep only _other).
// {{name}} is filled in by i18next; numbers arrive already formatted for the language.

export const en = {
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
  header: {
    seedFormat: 'seed format',
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
  },
  cleanup: {
    expireTitle: 'Expire tasks by last access',
    cleanTitle: 'Clean up old tasks',
    notAccessedFor: 'Delete tasks not accessed for',
    age: 'Age',
    unit: 'Unit',
    minutes: 'minutes',
    hours: 'hours',
    days: 'days',
    createdMoreThan: 'Delete tasks created more than',
    daysAgo: 'days ago',
    daysLabel: 'Days',
    enterNumber: 'Enter a number, 0 or more.',
    backendRule: 'This is DocuSnap-Backend’s own expiry rule (last_accessed older than the cutoff); tasks never accessed are kept. Record your deployment’s EXPIRE_MINUTES and PROCESS_TIMEOUT in Settings to have them here.',
    backendRecorded: 'Prefilled with the EXPIRE_MINUTES and PROCESS_TIMEOUT recorded for this file in Settings. Tasks never accessed are kept.',
    markFirst: 'First mark processing tasks created more than',
    markThenDelete_one: 'Mark {{count, number}} stuck, then delete',
    markThenDelete_other: 'Mark {{count, number}} stuck, then delete',
    markFirstAfter: 'minutes ago as PROCESSING_TIMEOUT (the backend’s PROCESS_TIMEOUT)',
    timeoutLabel: 'Minutes a task may stay processing',
    stuckCount_one: 'First, {{count, number}} processing task older than {{minutes, number}} minutes becomes error / PROCESSING_TIMEOUT.',
    stuckCount_other: 'First, {{count, number}} processing tasks older than {{minutes, number}} minutes become error / PROCESSING_TIMEOUT.',
    markedNote_one: '{{count, number}} stuck task was marked PROCESSING_TIMEOUT first.',
    markedNote_other: '{{count, number}} stuck tasks were marked PROCESSING_TIMEOUT first.',
    seedRule: 'This is the cache module’s own rule (cleanup_expired_tasks, 7 days by default), whatever the task’s status.',
    stuckTitle: 'Mark stuck work as timed out',
    stuckBefore: 'Processing tasks created more than',
    stuckAfter: 'minutes ago become error / PROCESSING_TIMEOUT.',
    minutesLabel: 'Minutes',
    enterMinutes: 'Enter a number of minutes, 0 or more.',
    stuckNote: 'This is what the backend itself does before each worker poll, with its PROCESS_TIMEOUT.',
    clearTitle: 'Clear a client',
    enterClient: 'Enter the client id whose tasks to delete (suggestions appear as you type).',
    clientLabel: 'Client id (what the backend’s /clear does)',
    clientId: 'Client id'
  },
  schedule: {
    title: 'Scheduled cleanup',
    intro: 'Once a day while the app is open, delete the tasks this rule covers, as DocuSnap’s cache module describes (“系统定期（如每天）执行缓存清理”).',
    enable: 'Clean up this database every 24 hours',
    olderThanSeed: 'Delete tasks created more than',
    olderThanBackend: 'Delete tasks not accessed for',
    daysAgo: 'days ago',
    days: 'Days',
    expireMinutes: 'Minutes since the last access (EXPIRE_MINUTES)',
    minutesExpire: 'minutes (the backend’s EXPIRE_MINUTES)',
    timeoutBefore: 'First mark processing tasks created more than',
    timeoutMinutes: 'Minutes a task may stay processing (PROCESS_TIMEOUT)',
    minutesTimeout: 'minutes ago as PROCESSING_TIMEOUT (its PROCESS_TIMEOUT; empty: mark nothing)',
    backendValues: 'Enter your deployment’s values: DocuSnap-Backend ships EXPIRE_MINUTES 1440 and PROCESS_TIMEOUT 10, and its own cleanup marks stuck work before it expires. The command line uses the values recorded here.',
    lastRun: 'Last run',
    nextRun: 'Next run',
    never: 'never',
    off: 'off',
    dueNow: 'within a minute',
    history: 'History',
    noHistory: 'No runs yet.',
    deleted_one: 'deleted {{count, number}} task',
    deleted_other: 'deleted {{count, number}} tasks',
    deletedAndMarked_one: 'deleted {{count, number}} task, marked {{marked, number}} stuck',
    deletedAndMarked_other: 'deleted {{count, number}} tasks, marked {{marked, number}} stuck',
    failed: 'failed: {{message}}',
    readOnly: 'This database is open read-only: scheduled cleanup is paused.',
    cron: 'Without the app, a cron line does the same:',
    saved: 'Saved.',
    defaultOff: 'Off by default for files this app did not create.'
  },
  settings: {
    title: 'Settings',
    appearance: 'Appearance',
    refresh: 'Look for changes every',
    seconds: 'seconds',
    threshold: 'Ask to type the count for',
    tasks: 'tasks or more',
    file: 'Settings file',
    memoryOnly: 'kept in memory only',
    problems: 'Some saved settings were invalid and were reset to their defaults:',
    reset: 'Reset to defaults',
    resetConfirm: 'Reset every setting, including the cleanup rules and their history?',
    resetDone: 'Settings were reset.',
    recent: 'Recent files',
    noRecent: 'No recent files.',
    invalidNumber: 'Enter a whole number from {{min}} to {{max}}.'
  },
  filters: {
    title: 'Filters',
    updatingCounts: 'Updating counts',
    countingSince: 'Counting… so far, tasks created since {{date}}',
    countingShare: 'Counting… {{percent}} % of the table read so far',
    clearAll: 'Clear all',
    searchClient: 'Search client or sha256',
    searchId: 'Search task id',
    placeholderClient: 'Client or sha256…  ( / )',
    placeholderId: 'Task id…  ( / )',
    searchErrors: 'Search error details',
    searchText: 'Search text in results',
    placeholderErrors: 'Error detail…',
    placeholderText: 'Text in results…',
    status: 'Status',
    type: 'Type',
    client: 'Client',
    errors: 'Errors',
    created: 'Created',
    updated: 'Updated',
    lastAccessed: 'Last accessed',
    olderThan: 'Older than',
    olderThanDays: 'Older than days',
    days: 'days',
    presets: '{{label}} presets',
    from: 'From',
    to: 'To',
    fromLabel: '{{label}} from',
    toLabel: '{{label}} to',
    lastHour: 'Last hour',
    last24h: '24 h',
    last7d: '7 days'
  },
  grid: {
    label: 'Tasks',
    error: 'Error',
    match: 'Match',
    runningFor: 'running {{value}}',
    selectAllLoaded: 'Select all loaded tasks',
    selectTask: 'Select task {{id}}',
    loadingMore: 'Loading more…',
    loadingRow: 'Loading row {{row, number}}…',
    rangeTooLarge: 'A shift-click range can hold at most {{limit, number}} tasks. To act on more, narrow the filters and select all matching.',
    clientSha: 'Client · sha256',
    id: 'ID',
    type: 'Type',
    status: 'Status',
    created: 'Created',
    updated: 'Updated',
    accessed: 'Accessed',
    duration: 'Duration',
    result: 'Result'
  },
  duration: {
    seconds: '{{s}} s',
    minutes: '{{m}} m {{s}} s',
    hours: '{{h}} h {{m}} m',
    days: '{{d}} d {{h}} h'
  },
  detail: {
    label: 'Task detail',
    resize: 'Resize the detail panel',
    runningFor: 'running for {{value}}',
    title: 'Task',
    closeDetail: 'Close detail',
    loadingTask: 'Loading task',
    gone: 'This task no longer exists (it was deleted, perhaps by the backend’s cleanup).',
    sha256: 'sha256',
    id: 'ID',
    client: 'client',
    copyId: 'Copy id',
    duration: 'duration {{value}}',
    error: 'Error:',
    noDetails: '(no details)',
    created: 'Created',
    updated: 'Updated',
    lastAccessed: 'Last accessed',
    raw: 'raw',
    result: 'Result',
    noResult: 'No result stored.',
    encrypted: 'Encrypted result ({{size}}): DocuSnap-Backend stores results as AES-CBC ciphertext that only the client’s key can read.',
    binary: 'Binary data ({{size}}), not text. The first bytes in hex:',
    malformed: 'This result is not valid JSON; it is shown as stored.',
    copyRaw: 'Copy raw result',
    copyJson: 'Copy result JSON',
    more: '… ({{size}} more; copy to see all)'
  },
  json: {
    showAll: 'show all {{count, number}} characters',
    collapse: 'Collapse {{name}}',
    expand: 'Expand {{name}}',
    root: 'root',
    items: '… {{count, number}} items',
    keys: '… {{count, number}} keys',
    showMore: 'show {{count, number}} more of {{rest, number}}'
  },
  exporting: {
    title: 'Export tasks',
    intro: 'Exports the tasks matching the current filters, in the table’s own columns.',
    introCount_one: 'Exports the {{count, number}} task matching the current filters, in the table’s own columns.',
    introCount_other: 'Exports the {{count, number}} tasks matching the current filters, in the table’s own columns.',
    format: 'Format',
    csv: 'CSV (spreadsheets)',
    json: 'JSON (one array)',
    jsonl: 'JSON Lines (one task per line)',
    rawTimes: 'Times as stored (unix seconds) instead of ISO 8601 UTC',
    withResult: 'Include results (the stored text, as is)',
    bom: 'Add a byte-order mark (so Excel reads Chinese text correctly)',
    progress: 'Export progress',
    downloadStarted: 'The download has started; your browser shows its progress.',
    cancelled: 'Cancelled: no file was written.',
    done_one: 'Exported {{count, number}} task to {{path}}.',
    done_other: 'Exported {{count, number}} tasks to {{path}}.',
    exportButton: 'Export…',
    download: 'Download'
  },
  maintenance: {
    compactTitle: 'Compact database',
    indexesTitle: 'Add suggested indexes',
    compacted: 'Compacted: {{before}} → {{after}} (saved {{saved}}).',
    added: 'Added {{names}}.',
    allThere: 'All suggested indexes were already there.',
    compactIntro: 'The file is {{size}}, of which {{free}} is free pages. Compacting rewrites it; the backend waits while it runs (its writes may time out on a large file).',
    indexesIntro: 'This adds {{names}} to the file. Building them locks the file for a while on a large table, and makes the file a little larger; the backend keeps working with them.',
    working: 'Working',
    workingLong: 'Working… this can take a while on a large file.',
    compact: 'Compact',
    addIndexes: 'Add indexes'
  },
  overview: {
    showTasks_one: 'Show the {{count, number}} task: {{value}}',
    showTasks_other: 'Show the {{count, number}} tasks: {{value}}',
    loading: 'Loading overview',
    loadingLong: 'Loading overview…',
    databaseFile: 'Database file',
    file: 'File',
    size: 'Size',
    format: 'Format',
    seed: 'Seed cache module',
    backend: 'DocuSnap-Backend',
    access: 'Access',
    readOnly: 'Read-only',
    readWrite: 'Read and write',
    tasks: 'Tasks',
    oldest: 'Oldest',
    newest: 'Newest',
    freePages: 'Free pages',
    sqlite: 'SQLite · journal',
    missingIndexes_one:
      'Filtering and sorting large tables is faster with {{count, number}} suggested index ({{names}}). It was not added automatically because this file may belong to another program.',
    missingIndexes_other:
      'Filtering and sorting large tables is faster with {{count, number}} suggested indexes ({{names}}). They were not added automatically because this file may belong to another program.',
    addIndexes: 'Add indexes…',
    byStatus: 'By status',
    byType: 'By type',
    perDay: 'Created per day, last 30 days',
    perDayLabel: 'Tasks created per day, last 30 days',
    maintenance: 'Maintenance',
    compactNote: 'Compacting rewrites the file without its free pages. It needs free disk space about the size of the file, and locks it while it runs.',
    compact: 'Compact database…'
  },
  open: {
    title: 'Open a task database',
    intro: 'Choose a DocuSnap tasks.db: the seed cache module’s format or DocuSnap-Backend’s. The file is opened as it is: nothing is changed until you ask.',
    openAgain: 'Open again',
    openPick: 'Open…',
    openReadOnly: 'Open read-only…',
    newDatabase: 'New database…',
    typePath: 'Or type a path',
    serverPath: 'Path of the database on the server',
    open: 'Open',
    createNew: 'Create new',
    couldNotOpen: 'Could not open {{path}}: {{message}}',
    closed: 'The database was closed.',
    recent: 'Recent'
  },
  empty: {
    text: 'This database has no tasks yet. Tasks appear here as DocuSnap-Backend processes documents.',
    textWritable: 'This database has no tasks yet. Tasks appear here as DocuSnap-Backend processes documents; you can also add demo tasks to try the app.',
    adding: 'Adding…',
    addDemo: 'Add {{count, number}} demo tasks'
  },
  about: {
    title: 'About DocuSnap Task Admin',
    version: 'Version',
    runningAs: 'Running as',
    desktop: 'desktop app',
    browser: 'browser (docusnap-tasks serve)',
    database: 'Database',
    noneOpen: 'none open',
    format: 'Format',
    seed: 'seed cache module',
    backend: 'DocuSnap-Backend',
    fileSize: 'File size',
    sqlite: 'SQLite',
    sqliteValue: '{{version}} (journal: {{journal}})'
  },
  edit: {
    title: 'Edit task {{id}}',
    status: 'Status',
    result: 'Result (JSON)',
    resultEditor: 'Result as JSON',
    format: 'Format',
    changes: 'What saving changes',
    statusChange: 'Status: {{from}} → {{to}}',
    statusSame: 'Status stays {{status}}',
    resultInvalid: 'The result is not valid JSON ({{message}}): nothing can be saved.',
    resultKept: 'Result: kept as stored. {{json}} is falsy in Python, and update_task_result keeps the stored result for a falsy one.',
    resultReplaced: 'Result: replaced ({{size}}, stored as the seed module’s json.dumps writes it)',
    resultSame: 'Result unchanged',
    updatedNow: 'The update time becomes now, as update_task_result sets it.',
    save: 'Save',
    saved: 'Saved.',
    savedKept: 'Saved. The stored result was kept (the new one was falsy).',
    editButton: 'Edit…',
    duplicateButton: 'Duplicate…'
  },
  newTask: {
    title: 'New task',
    duplicateTitle: 'Duplicate task {{id}}',
    id: 'Task id',
    type: 'Type',
    enterId: 'Enter an id (no control characters) and a type.',
    preview: 'Creates task {{id}} of type {{type}}: pending, created now, no result (create_task_record).',
    create: 'Create',
    duplicate: 'Create the copy',
    menu: 'New task…'
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    search: 'Search task ids',
    move: 'Move in the list (also k / j)',
    page: 'A screen up or down',
    ends: 'First or last task',
    open: 'Open the task',
    select: 'Select or unselect the task (Shift for a range)',
    selectAll: 'Select every loaded task, or none (⌘ A on macOS)',
    delete: 'Delete the selected tasks (asks first)',
    escape: 'Close the panel or dialog',
    refresh: 'Refresh now',
    help: 'This list',
    keys: {
      enter: 'Enter',
      space: 'Space',
      delete: 'Delete',
      esc: 'Esc',
      pageUp: 'PageUp',
      pageDown: 'PageDown',
      home: 'Home',
      end: 'End'
    }
  },
  errors: {
    noToken: 'This browser is not signed in to this server. Open the full URL that `docusnap-tasks serve` printed once: it signs this browser in, and then any link to this server works here.',
    noServer: 'The server does not answer. Is `docusnap-tasks serve` still running?',
    unreadable: 'The server answered {{status}} without a readable body.',
    // A sentence per error code, shown before the details from the store (which name the file).
    code: {
      INVALID_INPUT: 'The request was not valid.',
      NOT_FOUND: 'The file was not found.',
      NOT_A_FILE: 'That is not a file.',
      NOT_SQLITE: 'That file is not an SQLite database.',
      CORRUPT: 'The database file is damaged.',
      INCOMPATIBLE_SCHEMA: 'That database has no DocuSnap tasks table.',
      READ_ONLY: 'The database is open read-only.',
      BUSY: 'The database is busy (locked by another program).',
      DISK_FULL: 'The disk is full.',
      IO: 'The file could not be read or written.',
      NO_DATABASE: 'No database is open.',
      NO_SUCH_TASK: 'That task does not exist.',
      CANCELLED: 'Cancelled.',
      UNAUTHORIZED: 'Not authorized.',
      FORBIDDEN: 'Forbidden.',
      INTERNAL: 'Something went wrong.'
    }
  },
  menu: {
    file: '&File',
    open: 'Open…',
    openReadOnly: 'Open Read-only…',
    openRecent: 'Open Recent',
    new: 'New…',
    close: 'Close Database',
    view: '&View',
    about: 'About DocuSnap Task Admin',
    openTitle: 'Open task database',
    newTitle: 'New task database',
    exportTitle: 'Export tasks',
    sqliteFiles: 'SQLite databases',
    allFiles: 'All files',
    aboutDetail: 'Electron {{electron}}, Node {{node}}'
  },
  cli: {
    help: `docusnap-tasks — inspect and clean a DocuSnap task database (SQLite or PostgreSQL)

Usage: docusnap-tasks <command> [options]

Commands
  init                                create the seed tasks table if missing
  add ID --type T                     create a pending task (create_task_record)
  update ID --status S [--result J | --result-file F]   set status and, when J is truthy JSON, the result
                                     (update_task_result; F - reads stdin; a J starting with - as --result=J)
  status ID | result ID               the seed's get_task_status / get_task_result
  list [filters] [--sort F] [--asc] [--limit N] [--after CURSOR] [--skip N]
  count [filters] | facets [filters] | stats
  cleanup [--days 7] [--dry-run]      delete tasks created more than N days ago
                                      backend files: [--expire-minutes N] [--timeout-minutes M]: mark stuck
                                      processing tasks, then delete tasks not accessed for N minutes
  purge [filters | ID...] [--dry-run] --yes [--all]
        cleanup and purge: [--maintenance] the backend is stopped: transactions of up to 2 s instead of
                                      0.2 s (faster), back to short ones as soon as another process writes
  requeue [filters | ID...] [--dry-run] --yes
                                      seed files: set tasks back to pending
  retry [filters | ID...] [--dry-run] --yes
                                      backend files: forget the stored answers (delete the rows), so each
                                      client's next submission is processed again
  vacuum                              compact the file
  indexes [--add]                     show (or add) the indexes the admin queries use
  export [filters] --format csv|json|jsonl [--with-result] [--bom] --out FILE
  demo --count N [--days 30] [--schema seed|backend] [--seed N]
  copy --from A --to B [--batch N]    copy the tasks table between SQLite files and PostgreSQL tables (either way),
                                      creating it in the source's shape; run again to resume; ends with checksums
  serve [--port N] [--host 127.0.0.1] [--read-only] [--open] [--settings FILE]   the app in a browser
        [--allow-dir DIR] [--allow-host NAME]   more files (a folder) / another name for the server

Global options
  --db PATH|URL   database file (default: $DATABASE_PATH, else ./tasks.db), or a PostgreSQL table:
                  postgres://user@host:5432/dbname?table=tasks (PG* variables and ~/.pgpass are read)
  --json          one JSON document on stdout
  --read-only     never write
  --lang en|zh-CN language of messages (default: from LC_ALL / LC_MESSAGES / LANG)

Filters
  --status S  --type T  --error E  --client C   (repeatable)
  --id TEXT  --search TEXT
  --created-after T  --created-before T  --updated-after T  --updated-before T   (unix seconds, or ISO date-time: UTC unless a zone is given, e.g. +08:00)
  --older-than DAYS

Exit codes: 0 done, 1 failed, 2 usage error.`,
    usage: {
      unknownCommand: 'Unknown command "{{command}}". Run docusnap-tasks --help for the list.',
      lang: '--lang must be en or zh-CN.',
      time: '--{{option}}: "{{text}}" is neither unix seconds nor an ISO date-time (e.g. 2024-05-01 08:00:00, read as UTC, or 2024-05-01T16:00:00+08:00).',
      filter: '--{{option}}: {{message}}',
      wholeNumber: '--{{option}}: "{{text}}" is not a whole number between {{min}} and {{max}}.',
      number: '--{{option}}: "{{text}}" is not a number between {{min}} and {{max}}.',
      sort: '--sort must be one of {{fields}}.',
      oneId: '{{command}} needs exactly one task id.',
      idsOrFilters: '{{command}}: give task ids or filters, not both.',
      noFilter: '{{command}}: no filter given. Add filters (e.g. --status error), task ids, or --all to {{command}} every task.',
      daysOrMinutes: 'cleanup: give one of --days, --minutes or --expire-minutes.',
      timeoutSeedFile: '--timeout-minutes applies to DocuSnap-Backend files (stuck processing tasks); this file uses the seed format.',
      purgeYes: 'purge deletes tasks for good: add --yes to confirm (or --dry-run to see how many).',
      requeueYes: 'requeue changes task statuses: add --yes to confirm (or --dry-run to see how many).',
      retryYes: 'retry deletes the stored answers: add --yes to confirm (or --dry-run to see how many).',
      format: '--format must be one of {{formats}}.',
      exportOut: 'export needs --out FILE.',
      demoCount: 'demo needs --count N.',
      copyEnds: 'copy needs --from and --to (a SQLite file path or a postgres:// URL each).',
      schema: '--schema must be seed or backend.',
      addType: 'add needs one --type (document, form or form_filling).',
      updateStatus: 'update needs one --status.',
      resultTwice: 'update: give --result or --result-file, not both.',
      listArgs: 'list takes no positional arguments; use --id to search ids.',
      notBuilt: 'The app is not built; run `npm run build` first.',
      cannotListen: 'Cannot listen on {{host}}:{{port}}: {{message}}'
    },
    notSeed: "{{command}} is one of the seed module's functions; {{path}} uses DocuSnap-Backend's format.",
    tasks_one: '{{count, number}} task',
    tasks_other: '{{count, number}} tasks',
    noTasksMatch: 'No tasks match.',
    more: 'More: --after {{cursor}}',
    created: 'Created the tasks table in {{path}}.',
    alreadyThere: '{{path}} already has a tasks table ({{kind}} format).',
    added: 'Added {{id}} ({{type}}), pending.',
    noSuchTask: 'No task with id {{id}}.',
    resultFileUnreadable: 'Cannot read the result from {{path}}: {{reason}}',
    updated: 'Updated {{id}}: {{status}}.',
    statusLine: '{{status}}  created {{created}}  updated {{updated}} (UTC)',
    noResult: '(no result; status {{status}})',
    statsHead: '{{path}} ({{kind}} format, {{size}}, journal {{journal}})',
    statsHeadReadOnly: '{{path}} ({{kind}} format, read-only, {{size}}, journal {{journal}})',
    statsTotal: '{{count, number}} tasks, created {{oldest}} … {{newest}} (UTC)',
    missingIndexes: 'Suggested indexes missing: {{names}} (add with "indexes --add")',
    allIndexes: 'All suggested indexes present.',
    addMissing: 'Add the missing ones with: indexes --add',
    titles: {
      status: 'Status',
      type: 'Type',
      errors: 'Errors',
      clients: 'Clients',
      tasks: 'tasks',
      none: '(none)'
    },
    columns: {
      id: 'id',
      client: 'client',
      sha256: 'sha256',
      type: 'type',
      status: 'status',
      created: 'created',
      updated: 'updated',
      createdUtc: 'created (UTC)',
      updatedUtc: 'updated (UTC)',
      accessedUtc: 'last accessed (UTC)',
      result: 'result',
      error: 'error'
    },
    what: {
      notAccessed: 'tasks not accessed for {{age}}',
      createdAgo: 'tasks created more than {{age}} ago',
      minutes: '{{count, number}} minutes',
      days: '{{count, number}} days',
      tasks: 'tasks'
    },
    rule: {
      seed: 'Cleanup rule (the seed module’s): delete {{what}}.',
      given: 'Cleanup rule (as given): {{stuck}}, then delete {{what}}.',
      recorded: 'Cleanup rule (the values recorded for this file in Settings): {{stuck}}, then delete {{what}}.',
      default:
        'Cleanup rule (no values recorded for this file): {{stuck}}, then delete {{what}}. DocuSnap-Backend ships EXPIRE_MINUTES 1440 and PROCESS_TIMEOUT 10; pass your deployment’s as --expire-minutes and --timeout-minutes, or record them in Settings.',
      stuck: 'mark processing tasks created more than {{count, number}} minutes ago as PROCESSING_TIMEOUT',
      noStuck: 'mark nothing as stuck'
    },
    wouldDelete: 'Would delete {{count, number}} {{what}}.',
    wouldDeleteAndTimeOut: 'Would delete {{count, number}} {{what}} and mark {{stuck, number}} stuck tasks as timed out.',
    timeoutCancelled: 'Cancelled: marked {{count, number}} stuck tasks; nothing deleted.',
    markedStuck: 'Marked {{count, number}} stuck tasks as PROCESSING_TIMEOUT.',
    wouldDeleteTasks: 'Would delete {{count, number}} tasks.',
    wouldRequeue: 'Would requeue {{count, number}} tasks.',
    wouldRetry: 'Would forget the stored answers of {{count, number}} tasks (their next submission is processed again).',
    deleted: 'Deleted {{count, number}} {{what}}.',
    requeued: 'Requeued {{count, number}} {{what}}.',
    retried: 'Forgot the stored answers of {{count, number}} {{what}}: the next submission of each is processed again.',
    cancelledDeleted: 'Cancelled: deleted {{done, number}} of {{total, number}} {{what}} (whole chunks only).',
    cancelledRequeued: 'Cancelled: requeued {{done, number}} of {{total, number}} {{what}} (whole chunks only).',
    cancelledRetried: 'Cancelled: forgot the answers of {{done, number}} of {{total, number}} {{what}} (whole chunks only).',
    compacted: 'Compacted {{path}}: {{before}} → {{after}}.',
    indexesAdded: 'Added {{names}}.',
    indexesThere: 'All suggested indexes were already present.',
    exportCancelled: 'Cancelled: nothing was written.',
    exported: 'Exported {{count, number}} tasks to {{path}}.',
    inserted: 'Inserted {{count, number}} demo tasks into {{path}}.',
    copy: {
      progress: 'Copying',
      done: 'Copied {{copied, number}} tasks from {{from}} to {{to}} ({{skipped, number}} already there).',
      created: 'Created the tasks table there in the source\'s format.',
      rows: 'Rows: {{from, number}} in the source, {{to, number}} in the target.',
      same: 'Checksums agree for every column ({{columns}}).',
      differ: 'Checksums differ for: {{columns}}. The target holds other rows or other values under the same keys.',
      stopped: 'Stopped after {{done, number}} of {{total, number}} tasks. Run the same command again to go on: tasks already copied are kept.'
    },
    progress: {
      cleaning: 'Cleaning up',
      timingOut: 'Timing out',
      deleting: 'Deleting',
      maintenanceOff: 'Another process wrote to the file: the backend is running, so back to short transactions.',
      requeueing: 'Requeueing',
      retrying: 'Forgetting answers',
      exporting: 'Exporting'
    },
    serve: {
      warning: 'Warning: serving on {{host}}, reachable from other machines. Anyone with the URL (and its token) can change the database, and the token travels over plain HTTP: use an SSH tunnel or a trusted network.',
      warningReadOnly: 'Warning: serving on {{host}}, reachable from other machines. Anyone with the URL (and its token) can read the database, and the token travels over plain HTTP: use an SSH tunnel or a trusted network.',
      settings: 'Settings: {{problem}}',
      couldNotOpen: 'Could not open {{path}}: {{message}} The page lets you open another file.',
      serving: 'DocuSnap Task Admin is serving {{what}} at:\n  {{url}}\nPress Ctrl-C to stop.',
      servingReadOnly: 'DocuSnap Task Admin is serving {{what}} read-only at:\n  {{url}}\nPress Ctrl-C to stop.',
      noDatabase: '(no database)',
      stopped: 'Stopped; the database is closed.'
    }
  }
}

export type Catalog = typeof en
