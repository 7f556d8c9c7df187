import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseNumber, UsageError, type Values } from '../cli/args'
import type { Io } from '../cli/commands'
import { createDispatcher, type HandlerContext } from '../handlers'
import { appRoot, builtPaths } from '../paths'
import { pooledHost, type StoreHost } from '../store/host'
import { openEngine } from '../store/open-engine'
import { writeExport } from '../store/model/export'
import { isPgUrl, parsePgUrl } from '../store/pg/url'
import { nowSeconds } from '../store/model/time'
import { isLoopback } from './guard'
import { startServer } from './server'
import { PagePasswords } from './password-gate'
import { chunkingFromEnv } from '../tuning'
import { settingsFileIn, userDataDir } from '../settings/location'
import { SettingsStore } from '../settings/settings-store'
import { servedFiles } from '../path-policy'
import { openBrowser } from './open-browser'
import { tr } from '../cli/i18n'
import type { FileIdentity } from '../store/model/open-options'
import { SqlConsole } from '../console/console-host'
import { nodeConsoleSpawner } from '../console/spawn'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { sqlExportRequestSchema } from '../../shared/contract'
import { AppError } from '../../shared/errors'

/**
 * Downloads read the open database through a read-only connection of their own, page by page (SQLite) or through a
 * server-side cursor (PostgreSQL); `served` turns the URL the page knows (no password) into the one to connect with.
 */
function exportCurrent(store: StoreHost, served: (path: string) => string, pins: Map<string, FileIdentity>) {
  return async (request: Parameters<NonNullable<Parameters<typeof startServer>[0]['exportTo']>>[0], write: (chunk: string) => Promise<void> | void, signal: AbortSignal) => {
    const current = await store.call('db.current', {})
    if (!current) throw new Error('No database is open.')
    // The same file the worker opened, not whatever the name means now.
    const reader = await openEngine(served(current.path), { readOnly: true, pin: pins.get(current.path) })
    try {
      const source = await reader.exportSource(request.filter, { withResult: request.withResult }, nowSeconds())
      return await writeExport(source, write, { format: request.format, withResult: request.withResult, bom: request.bom, rawTimes: request.rawTimes, signal })
    } finally {
      await reader.close()
    }
  }
}

/**
 * A query's download: the console writes the whole result into a private folder of its own (0700, a fresh name),
 * the server sends it and removes the folder. Written through the dispatcher's sql.export, with its checks.
 */
function sqlExportCurrent(dispatch: ReturnType<typeof createDispatcher>, downloads: string) {
  return async (request: z.output<typeof sqlExportRequestSchema>, signal: AbortSignal) => {
    const dir = mkdtempSync(join(downloads, 'q-'))
    const file = join(dir, `result.${request.format}`)
    const done = () => rmSync(dir, { recursive: true, force: true })
    const runId = `download-${randomUUID()}`
    const stop = () => void dispatch('sql.cancel', { runId })
    signal.addEventListener('abort', stop, { once: true })
    try {
      const reply = await dispatch('sql.export', { ...request, path: file, runId })
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message)
      const out = reply.value as { cancelled: boolean; stopped?: string }
      if (out.cancelled) throw new AppError('CANCELLED', out.stopped === 'timeout' ? 'The export stopped at its time limit; nothing was sent.' : 'The export was stopped; nothing was sent.')
      return { file, done }
    } catch (e) {
      done()
      throw e
    } finally {
      signal.removeEventListener('abort', stop)
    }
  }
}

/** `docusnap-tasks serve`: the app in a browser, on loopback unless --host says otherwise. Runs until a signal. */
export async function serveCommand(v: Values, env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const port = parseNumber(v.port, 'port', { min: 0, max: 65535 }) ?? 8765
  const host = v.host ?? '127.0.0.1'
  const readOnly = v['read-only'] === true
  const root = appRoot()
  const paths = builtPaths(root)
  if (!existsSync(join(paths.renderer, 'index.html')) || !existsSync(paths.worker))
    throw new UsageError(tr('cli.usage.notBuilt'))
  if (!isLoopback(host))
    io.err(tr(readOnly ? 'cli.serve.warningReadOnly' : 'cli.serve.warning', { host }))

  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  const store = pooledHost(paths.worker, chunkingFromEnv(env))
  // The desktop app's settings file unless told otherwise, so both remember the same things.
  const settings = new SettingsStore(v.settings ?? env.DOCUSNAP_SETTINGS ?? settingsFileIn(userDataDir(env)))
  for (const problem of settings.state().problems) io.err(tr('cli.serve.settings', { problem }))
  const dbPath = v.db ?? env.DATABASE_PATH ?? 'tasks.db'
  // The page may open the file the server was started on, and files in --allow-dir folders; nothing else on this disk.
  const policy = servedFiles([dbPath], v['allow-dir'] ?? [])
  const pins = new Map<string, FileIdentity>()
  // A page's PostgreSQL password only after the server's own was refused, with a lock-out; failures logged here.
  const pagePasswords = new PagePasswords({ own: [dbPath], log: (line) => io.err(`docusnap-tasks serve: ${line}`) })
  // The SQL console only when asked for (--allow-sql), and then still read-only (console/).
  const sqlConsole = v['allow-sql'] === true ? new SqlConsole(nodeConsoleSpawner(paths.console)) : null
  const downloads = sqlConsole ? mkdtempSync(join(tmpdir(), 'docusnap-sql-')) : null
  const context: HandlerContext = { carrier: 'http', version, readOnly, settings, paths: policy, pins, pagePasswords, ...(sqlConsole && downloads ? { sql: { console: sqlConsole, downloads } } : {}) }
  // What may be printed: a PostgreSQL URL without its password.
  const shown = isPgUrl(dbPath) ? parsePgUrl(dbPath).shown : dbPath
  const dispatch = createDispatcher(store, context)
  const opened = await dispatch('db.open', { path: dbPath, readOnly })
  if (!opened.ok) {
    io.err(tr('cli.serve.couldNotOpen', { path: shown, message: opened.error.message }))
    context.startupError = { path: shown, message: opened.error.message }
  }

  let running
  try {
    running = await startServer({
      dispatch,
      onEvent: store.onEvent,
      rendererDir: paths.renderer,
      host,
      port,
      allowHosts: v['allow-host'],
      exportTo: exportCurrent(store, (path) => policy.allow(path, 'open', { recent: [], ruled: [] }), pins),
      ...(downloads ? { sqlExportTo: sqlExportCurrent(dispatch, downloads) } : {})
    })
  } catch (e) {
    await store.close()
    throw new UsageError(tr('cli.usage.cannotListen', { host, port, message: (e as Error).message }))
  }
  // Listen for the stop signals before saying where the server is: a SIGTERM that arrives right after the URL is
  // printed (a script starting and stopping it) must still close the database, not kill the process outright.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGTERM', stop)
    io.signal.addEventListener('abort', stop, { once: true })
  })
  io.out(tr(readOnly ? 'cli.serve.servingReadOnly' : 'cli.serve.serving', { what: opened.ok ? shown : tr('cli.serve.noDatabase'), url: running.url }))
  const closeRedirect = v.open ? openBrowser(running.url) : () => undefined

  await stopped
  closeRedirect()
  await running.close()
  sqlConsole?.close()
  if (downloads) rmSync(downloads, { recursive: true, force: true })
  await store.close()
  io.err(tr('cli.serve.stopped'))
  return 0
}
