import { AppError } from '../../../shared/errors'

// Someone else's tasks table may carry triggers: they run on every row the app deletes or updates (an audit trigger
// logged 36 rows during one requeue), doing whatever their author wrote. A bulk change of such a table waits for the
// user to say they know: the preview names the triggers, the job runs only with `allowTriggers`.

/** Throws unless the table has no triggers or the user confirmed them. */
export function refuseTriggers(triggers: readonly string[], allowed: boolean | undefined, table: string): void {
  if (triggers.length === 0 || allowed) return
  throw new AppError(
    'INVALID_INPUT',
    `${table} has triggers (${triggers.join(', ')}) that run on every task this changes. Nothing was changed. ` +
      'Read what they do, then confirm them in the dialog (or pass --allow-triggers on the command line).'
  )
}

export const SQLITE_TRIGGERS_SQL = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tasks' COLLATE NOCASE ORDER BY name"
export const PG_TRIGGERS_SQL = 'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass($1) AND NOT tgisinternal ORDER BY tgname'
