// English messages: the command line.

export const commandLine = {
  cli: {
    passwordOnCommandLine: 'warning: a password on the command line can be read by every user of this machine (ps, /proc) and stays in your shell history; give it as PGPASSWORD or in ~/.pgpass instead.',
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
        cleanup, purge, requeue, retry: [--allow-triggers] run them on a table whose triggers you know
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
        [--distribute-by id|client_id|reference]   on a Citus coordinator: distribute the new table first
  query "SQL" [--json | --csv] [--limit N] [--timeout S]   one read-only statement (SELECT, WITH, VALUES,
                                      EXPLAIN; PRAGMA reads / SHOW); stopped after S seconds (10), with its rows
  serve [--port N] [--host 127.0.0.1] [--read-only] [--open] [--settings FILE]   the app in a browser
        [--allow-dir DIR] [--allow-host NAME]   more files (a folder) / another name for the server
        [--allow-sql]                 offer the read-only SQL console to the page

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
      queryArgs: 'query takes one statement, quoted: docusnap-tasks query "SELECT count(*) FROM tasks".',
      queryFormat: 'Give --json or --csv, not both.',
      queryTimeout: '--timeout: "{{text}}" is not a number of seconds between 0.1 and 600.',
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
      distributeBy: '--distribute-by takes id (seed-format tasks), client_id (DocuSnap-Backend tasks) or reference.',
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
      distributed: 'Distributed by {{column}}: {{shards, number}} shards on {{nodes, number}} nodes (Citus {{version}}).',
      reference: 'A reference table: a copy on each of {{nodes, number}} nodes (Citus {{version}}).',
      rows: 'Rows: {{from, number}} in the source, {{to, number}} in the target.',
      same: 'Checksums agree for every column ({{columns}}).',
      differ: 'Checksums differ for: {{columns}}. The target holds other rows or other values under the same keys.',
      stopped: 'Stopped after {{done, number}} of {{total, number}} tasks. Run the same command again to go on: tasks already copied are kept.'
    },
    progress: {
      waitingLock: 'Waiting for a lock held by another session (the backend, or someone’s open transaction); it goes on as soon as the lock is free…',
      cleaning: 'Cleaning up',
      timingOut: 'Timing out',
      deleting: 'Deleting',
      maintenanceOff: 'Another process wrote to the file: the backend is running, so back to short transactions.',
      requeueing: 'Requeueing',
      retrying: 'Forgetting answers',
      exporting: 'Exporting'
    },
    query: {
      rows_one: '{{count}} row in {{ms}} ms',
      rows_other: '{{count}} rows in {{ms}} ms',
      more: 'more rows than the {{count}} shown: raise --limit, or export them (export, or the app’s SQL view).',
      timeout: 'stopped at the time limit ({{seconds}} s); these are the {{count}} rows it had.',
      cancelled: 'stopped; these are the {{count}} rows it had.',
      journalWriter: 'another process is writing this rollback-journal file: the query got {{seconds}} s at most, so the writer never waits past its busy timeout.'
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
