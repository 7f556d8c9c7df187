import { toErrorInfo } from '../../shared/errors'
import { parseCli, UsageError } from './args'
import { COMMANDS, RawJson, type Io } from './commands'
import { chunkingFromEnv } from '../tuning'
import { describeError, setCliLanguage, tr } from './i18n'
import { hasPassword } from '../store/pg/url'
import { terminalJson, visibleText } from '../../shared/terminal-text'

export const help = () => tr('cli.help')

export interface RunEnv {
  env: NodeJS.ProcessEnv
  io: Io
}

/** Runs one command line; returns the exit code. Never throws: failures become a message and code 1 or 2. */
export async function runCli(argv: string[], { env, io: raw }: RunEnv): Promise<number> {
  // Values from the database reach the terminal only with their control characters escaped (terminal-text.ts).
  const io: Io = { ...raw, out: (text) => raw.out(visibleText(text)), err: (text) => raw.err(visibleText(text)) }
  const printJson = (text: string) => raw.out(terminalJson(text))
  let json = argv.includes('--json')
  try {
    const { values, positionals } = parseCli(argv)
    json = values.json === true
    if (!setCliLanguage(values.lang, env)) throw new UsageError(tr('cli.usage.lang'))
    const [command, ...args] = positionals
    if (values.db !== undefined && hasPassword(values.db)) io.err(`docusnap-tasks: ${tr('cli.passwordOnCommandLine')}`)
    if (values.help || command === undefined || command === 'help') {
      io.out(help())
      return command === undefined && !values.help ? 2 : 0
    }
    if (command === 'serve') {
      const { serveCommand } = await import('../server/serve-command.js')
      return await serveCommand(values, env, io)
    }
    const run = COMMANDS[command]
    if (!run) throw new UsageError(tr('cli.usage.unknownCommand', { command }))
    const dbPath = values.db ?? env.DATABASE_PATH ?? 'tasks.db'
    const { chunkTargetMs, chunkGapMs, chunkMaxRows } = chunkingFromEnv(env)
    const answer = await run({ v: values, args, dbPath, io, json, env, tuning: { targetMs: chunkTargetMs, gapMs: chunkGapMs, maxRows: chunkMaxRows } })
    if (json) printJson(answer.json instanceof RawJson ? answer.json.text : JSON.stringify(answer.json))
    else io.out(answer.text)
    return answer.code ?? 0
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`docusnap-tasks: ${e.message}`)
      return 2
    }
    const info = toErrorInfo(e)
    io.err(`docusnap-tasks: ${describeError(info)}`)
    if (json) printJson(JSON.stringify({ error: info }))
    return 1
  }
}
