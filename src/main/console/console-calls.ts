import { AppError } from '../../shared/errors'
import { CONSOLE_ROWS, CONSOLE_TIMEOUT_MS } from '../../shared/console'
import type { Output, ParsedInput } from '../../shared/contract'
import type { StoreHost } from '../store/host'
import type { FileIdentity } from '../store/model/open-options'
import type { SqlConsole } from './console-host'
import type { ConsoleTarget } from './protocol'

// The console's contract calls, for a carrier's dispatcher (handlers.ts): each runs on the database the session has
// open, through the console's own connection to it — the same file by its pin, the same server with the login the
// user gave.

export interface ConsoleWiring {
  console: SqlConsole
  /** Electron's build of better-sqlite3, where the app runs on Electron. */
  nativeBinding?: string
  /** Serve mode: the private folder its downloads are written into (the only place sql.export writes for a page). */
  downloads?: string
  /** Remembers a query in the open database's history (not on a read-only server). */
  remember?: (path: string, sql: string) => void
}

export type ConsoleChannel = 'sql.run' | 'sql.explain' | 'sql.schema' | 'sql.cancel' | 'sql.export'

export function consoleCalls(host: StoreHost, wiring: ConsoleWiring, pins?: Map<string, FileIdentity>) {
  const { console } = wiring
  /** The database as it was opened: the URL with its login (what DbInfo shows has none), the file's pin. */
  let opened: { shown: string; path: string; pin?: FileIdentity } | null = null
  host.onEvent((event, payload) => {
    if (event === 'db.changed' && (payload as { reason: string }).reason === 'external') console.noteExternalCommit()
    // Another database (or none): the console lets go of the file it had open; the next query opens the new one.
    if (event === 'db.opened' || event === 'db.closed') console.close()
  })

  const target = async (): Promise<ConsoleTarget & { shown: string }> => {
    const current = await host.call('db.current', {})
    if (!current) throw new AppError('NO_DATABASE', 'No database is open. Open a task database first.')
    const same = opened?.shown === current.path ? opened : null
    if (current.engine === 'postgres') return { engine: 'postgres', url: same?.path ?? current.path, shown: current.path }
    if (current.path === ':memory:') throw new AppError('INVALID_INPUT', 'An in-memory database cannot be opened a second time; the console needs a database file.')
    const pin = same?.pin ?? pins?.get(current.path)
    return { engine: 'sqlite', path: current.path, shown: current.path, ...(pin ? { pin } : {}), ...(wiring.nativeBinding ? { nativeBinding: wiring.nativeBinding } : {}) }
  }

  async function handle<C extends ConsoleChannel>(channel: C, input: ParsedInput<C>): Promise<Output<C>> {
    switch (channel) {
      case 'sql.run': {
        const { sql, runId, timeoutMs } = input as ParsedInput<'sql.run'>
        const t = await target()
        wiring.remember?.(t.shown, sql)
        return (await console.rows(t, runId, sql, CONSOLE_ROWS, timeoutMs ?? CONSOLE_TIMEOUT_MS)) as Output<C>
      }
      case 'sql.explain': {
        const { sql, runId, timeoutMs } = input as ParsedInput<'sql.explain'>
        return (await console.explain(await target(), runId, sql, timeoutMs ?? CONSOLE_TIMEOUT_MS)) as Output<C>
      }
      case 'sql.schema': {
        const { engine, tables } = await console.schema(await target())
        return { engine, tables } as Output<C>
      }
      case 'sql.cancel':
        return { cancelled: console.cancel((input as ParsedInput<'sql.cancel'>).runId) } as Output<C>
      case 'sql.export': {
        const { sql, runId, timeoutMs, format, bom, path } = input as ParsedInput<'sql.export'>
        return (await console.export(await target(), runId, { sql, timeoutMs: timeoutMs ?? CONSOLE_TIMEOUT_MS, format, bom, path })) as Output<C>
      }
    }
    throw new AppError('INVALID_INPUT', `Unknown operation ${channel}.`)
  }

  return {
    handle,
    target,
    /** The carrier opened a database: remember how, for the console's own connection. */
    opened(path: string, shown: string, pin?: FileIdentity) {
      opened = { path, shown, ...(pin ? { pin } : {}) }
    }
  }
}

export type ConsoleCalls = ReturnType<typeof consoleCalls>
