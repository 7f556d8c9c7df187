import { toErrorInfo } from '../../shared/errors'
import { parseCli, UsageError } from './args'
import { COMMANDS, RawJson, type Io } from './commands'
import { chunkingFromEnv } from '../tuning'

export const HELP = `docusnap-tasks — inspect and clean a DocuSnap task database (SQLite)

Usage: docusnap-tasks <command> [options]

Commands
  init                                create the seed tasks table if missing
  add ID --type T                     create a pending task (create_task_record)
  update ID --status S [--result J]   set status and, when J is truthy JSON, the result (update_task_result)
  status ID | result ID               the seed's get_task_status / get_task_result
  list [filters] [--sort F] [--asc] [--limit N] [--after CURSOR]
  count [filters] | facets [filters] | stats
  cleanup [--days 7] [--dry-run]      delete tasks created more than N days ago
  purge [filters | ID...] [--dry-run] --yes [--all]
  requeue [filters | ID...] [--dry-run] --yes
  vacuum                              compact the file
  indexes [--add]                     show (or add) the indexes the admin queries use
  export [filters] --format csv|json|jsonl [--with-result] [--bom] --out FILE
  demo --count N [--days 30] [--schema seed|backend] [--seed N]
  serve [--port N] [--host 127.0.0.1] [--open] [--settings FILE]   the app in a browser

Global options
  --db PATH       database file (default: $DATABASE_PATH, else ./tasks.db)
  --json          one JSON document on stdout
  --read-only     never write

Filters
  --status S  --type T  --error E  --client C   (repeatable)
  --id TEXT  --search TEXT
  --created-after T  --created-before T  --updated-after T  --updated-before T   (ISO date-time or unix seconds)
  --older-than DAYS

Exit codes: 0 done, 1 failed, 2 usage error.`

export interface RunEnv {
  env: NodeJS.ProcessEnv
  io: Io
}

/** Runs one command line; returns the exit code. Never throws: failures become a message and code 1 or 2. */
export async function runCli(argv: string[], { env, io }: RunEnv): Promise<number> {
  let json = argv.includes('--json')
  try {
    const { values, positionals } = parseCli(argv)
    json = values.json === true
    const [command, ...args] = positionals
    if (values.help || command === undefined || command === 'help') {
      io.out(HELP)
      return command === undefined && !values.help ? 2 : 0
    }
    if (command === 'serve') {
      const { serveCommand } = await import('../server/serve-command.js')
      return await serveCommand(values, env, io)
    }
    const run = COMMANDS[command]
    if (!run) throw new UsageError(`Unknown command "${command}". Run docusnap-tasks --help for the list.`)
    const dbPath = values.db ?? env.DATABASE_PATH ?? 'tasks.db'
    const { chunkTargetMs, chunkGapMs } = chunkingFromEnv(env)
    const answer = await run({ v: values, args, dbPath, io, json, tuning: { targetMs: chunkTargetMs, gapMs: chunkGapMs } })
    if (json) io.out(answer.json instanceof RawJson ? answer.json.text : JSON.stringify(answer.json))
    else io.out(answer.text)
    return answer.code ?? 0
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`docusnap-tasks: ${e.message}`)
      return 2
    }
    const info = toErrorInfo(e)
    io.err(`docusnap-tasks: ${info.message}`)
    if (json) io.out(JSON.stringify({ error: info }))
    return 1
  }
}
