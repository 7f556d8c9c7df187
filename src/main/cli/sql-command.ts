import { resolve } from 'node:path'
import { toErrorInfo } from '../../shared/errors'
import { CONSOLE_TIMEOUT_MS, type ConsoleCell, type ConsoleResult } from '../../shared/console'
import { SqlConsole } from '../console/console-host'
import { nodeConsoleSpawner } from '../console/spawn'
import type { ConsoleTarget } from '../console/protocol'
import { builtPaths } from '../paths'
import { csvField } from '../store/model/export'
import { isPgUrl, parsePgUrl } from '../store/pg/url'
import { parseNumber, UsageError } from './args'
import { table } from './format'
import { describeError, tr } from './i18n'
import type { Answer, Ctx } from './context'
import { RawJson } from './context'

// `docusnap-tasks query "SQL"`: the SQL console's rules on the command line — one read, in its own process, stopped
// at its time limit (--timeout seconds) with the rows it had.

/** A cell as text: NULL apart from the text "NULL", BLOBs by size and first bytes, cut text as what was read. */
export function cellText(cell: ConsoleCell): string {
  if (cell === null) return 'NULL'
  if (typeof cell !== 'object') return String(cell)
  if (cell.t === 'int') return cell.v
  if (cell.t === 'cut') return cell.head
  return `<BLOB ${cell.size} bytes: ${cell.hex}${cell.size * 2 > cell.hex.length ? '…' : ''}>`
}

/** The query's line holding the server's position, and a caret under it. */
export function caretUnder(sql: string, position: number): string {
  const at = Math.max(0, Math.min(sql.length, position - 1))
  const start = sql.lastIndexOf('\n', at - 1) + 1
  const end = sql.indexOf('\n', at)
  const line = sql.slice(start, end < 0 ? sql.length : end)
  return `  ${line}\n  ${' '.repeat(at - start)}^`
}

function targetOf(dbPath: string): ConsoleTarget {
  if (isPgUrl(dbPath)) return { engine: 'postgres', url: dbPath, shown: parsePgUrl(dbPath).shown }
  return { engine: 'sqlite', path: resolve(dbPath) }
}

export async function queryCommand(ctx: Ctx): Promise<Answer> {
  const sql = ctx.args[0]
  if (sql === undefined || ctx.args.length > 1) throw new UsageError(tr('cli.usage.queryArgs'))
  if (ctx.v.csv && ctx.json) throw new UsageError(tr('cli.usage.queryFormat'))
  const limit = parseNumber(ctx.v.limit, 'limit', { min: 1, max: 100_000 }) ?? 1000
  const seconds = ctx.v.timeout === undefined ? CONSOLE_TIMEOUT_MS / 1000 : Number(ctx.v.timeout)
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 600) throw new UsageError(tr('cli.usage.queryTimeout', { text: ctx.v.timeout ?? '' }))
  const console = new SqlConsole(nodeConsoleSpawner(builtPaths().console))
  const runId = 'cli'
  const stop = () => void console.cancel(runId)
  ctx.io.signal.addEventListener('abort', stop, { once: true })
  let result: ConsoleResult
  try {
    result = await console.rows(targetOf(ctx.dbPath), runId, sql, limit, Math.round(seconds * 1000))
  } catch (e) {
    const info = toErrorInfo(e)
    const at = /\(at character (\d+)\)$/.exec(info.message)
    if (!at) throw e
    ctx.io.err(`docusnap-tasks: ${describeError(info)}`)
    ctx.io.err(caretUnder(sql, Number(at[1])))
    return { json: { error: info }, text: '', code: 1 }
  } finally {
    ctx.io.signal.removeEventListener('abort', stop)
    console.close()
  }
  const note = result.stopped
    ? tr(result.stopped === 'timeout' ? 'cli.query.timeout' : 'cli.query.cancelled', { count: result.rows.length, seconds: result.limitMs / 1000 })
    : result.more
      ? tr('cli.query.more', { count: result.rows.length })
      : null
  if (note) ctx.io.err(`docusnap-tasks: ${note}`)
  if (result.limitReason === 'journal-writer') ctx.io.err(`docusnap-tasks: ${tr('cli.query.journalWriter', { seconds: result.limitMs / 1000 })}`)
  const code = result.stopped ? 1 : 0
  if (ctx.v.csv) {
    const lines = [result.columns.map((c) => csvField(c.name)).join(','), ...result.rows.map((r) => r.map((c) => csvField(c === null ? null : cellText(c))).join(','))]
    // Lines end in \n: the terminal's text, and what a shell redirect writes (a CR would be shown escaped).
    return { json: null, text: lines.join('\n'), code }
  }
  const shown = result.rows.map((r) => r.map((c) => cellText(c).replace(/\s+/g, ' ').slice(0, 80)))
  const text = result.columns.length ? `${table(result.columns.map((c) => c.name), shown)}\n${tr('cli.query.rows', { count: result.rows.length, ms: result.ms })}` : tr('cli.query.rows', { count: 0, ms: result.ms })
  return { json: new RawJson(JSON.stringify(result)), text, code }
}
