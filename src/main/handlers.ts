import { z } from 'zod'
import { dirname, resolve, sep } from 'node:path'
import { contract, isChannel, type AppInfo, type Channel, type Output, type ParsedInput, type Reply } from '../shared/contract'
import { AppError, toErrorInfo } from '../shared/errors'
import type { StoreHost } from './store/host'
import type { SessionChannel } from './store/worker-protocol'
import { DEFAULT_CLEANUP_DAYS, type SettingsState } from '../shared/settings'
import { scheduledCleanup } from './settings/scheduled-cleanup'
import { SettingsStore } from './settings/settings-store'
import { canonicalPath, type PathPolicy, type PathUse } from './path-policy'
import { pinFile } from './store/sqlite/file-identity'
import type { FileIdentity } from './store/model/open-options'
import { isPgUrl, parsePgUrl } from './store/pg/url'
import type { PagePasswords } from './server/password-gate'
import { consoleCalls, type ConsoleChannel, type ConsoleWiring } from './console/console-calls'

export interface HandlerContext {
  carrier: AppInfo['carrier']
  version: string
  /** Serve mode's --read-only: every write is refused, and files open read-only. */
  readOnly: boolean
  /** A native file dialog, where the carrier has one. */
  pickFile?: (mode: 'open' | 'new' | 'export', suggestedName?: string) => Promise<string | null>
  /** Set by the carrier when the database named at start failed to open. */
  startupError?: { path: string; message: string }
  /** Where settings live; without one they are kept in memory only. */
  settings?: SettingsStore
  /** Which files this carrier may name (desktop: what main handed out; serve: the served file). None: any (the CLI). */
  paths?: PathPolicy
  /**
   * The identity of each file opened through the policy, pinned when its name was checked: the open is refused when
   * SQLite opened another file, and a second connection (serve mode's downloads) must open this same file again.
   */
  pins?: Map<string, FileIdentity>
  /** Serve mode: when a page may offer a PostgreSQL password, and how many failures it gets (password-gate.ts). */
  pagePasswords?: PagePasswords
  /** The SQL console, where it is on (the desktop app; serve mode with --allow-sql); without it, sql.* is refused. */
  sql?: ConsoleWiring
}

export type Dispatch = (channel: string, input: unknown) => Promise<Reply<unknown>>

function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
  return first.join('; ') + (error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '')
}

/**
 * The one entry point both carriers (IPC and HTTP) call: checks the channel exists, parses the input with the
 * contract, refuses writes in read-only mode, then runs the operation. Never throws; every failure is a Reply error.
 */
export function createDispatcher(host: StoreHost, ctx: HandlerContext): Dispatch {
  const settings = ctx.settings ?? new SettingsStore(null)
  const runScheduled = scheduledCleanup(host, settings)
  const remember = (path: string, sql: string) => {
    try {
      settings.pushQuery(path, sql)
    } catch {
      // A history that cannot be saved must not stop the query.
    }
  }
  const sqlCalls = ctx.sql ? consoleCalls(host, { ...ctx.sql, ...(ctx.readOnly ? {} : { remember }) }, ctx.pins) : null
  const known = () => {
    const s = settings.state().settings
    return { recent: s.recentFiles, ruled: Object.keys(s.cleanup) }
  }
  /** A path as this carrier may use it (canonical), or a FORBIDDEN error. */
  const allowed = async (path: string, use: PathUse) => (ctx.paths ? ctx.paths.allow(path, use, known()) : canonicalPath(path))
  /** Serve mode's settings shown to a page: its policy answers at once (servedFiles), a promise means "not shown". */
  const visible = (path: string) => {
    try {
      return ctx.paths ? typeof ctx.paths.allow(path, 'open', { recent: [], ruled: [] }) === 'string' : true
    } catch {
      return false
    }
  }
  /** A PostgreSQL login the page supplies a password for goes through the gate; the outcome is counted there. */
  const gated = async (channel: Channel, input: unknown, path: string): Promise<unknown> => {
    const gate = ctx.pagePasswords
    if (!gate || !isPgUrl(path)) return run(channel, input)
    const target = parsePgUrl(path)
    const fromPage = target.password !== undefined && !gate.isOwn(path)
    if (fromPage) gate.check(target.shown)
    try {
      const value = await run(channel, input)
      if (fromPage) gate.succeeded()
      return value
    } catch (e) {
      if (e instanceof AppError && e.code === 'UNAUTHORIZED') {
        if (fromPage) gate.failed(target.shown)
        else gate.ownLoginRefused()
      }
      throw e
    }
  }
  const run = async (channel: Channel, input: unknown): Promise<unknown> => {
    switch (channel) {
      case 'settings.get':
        return shownSettings(settings.state())
      case 'settings.update':
        return shownSettings(settings.update((input as ParsedInput<'settings.update'>).patch))
      case 'settings.reset':
        return shownSettings(settings.reset())
      case 'settings.cleanupRule': {
        // A rule is set for the open database only: a page cannot arm a cleanup of some other file for later.
        const { path, rule } = input as ParsedInput<'settings.cleanupRule'>
        const current = await host.call('db.current', {})
        if (!current || canonicalPath(path) !== current.path) throw new AppError('FORBIDDEN', 'A cleanup rule can be set only for the database that is open.')
        return shownSettings(settings.setRule(current.path, rule))
      }
      case 'settings.timeUnit': {
        // The open file is opened again, read in the chosen unit; the choice is kept for the next time it is opened.
        const { unit } = input as ParsedInput<'settings.timeUnit'>
        const current = await host.call('db.current', {})
        if (!current) throw new AppError('NO_DATABASE', 'No database is open. Open a task database first.')
        if (!current.times) throw new AppError('INVALID_INPUT', 'Only a seed-format SQLite file stores its times as plain numbers; this database has no unit to choose.')
        if (!ctx.readOnly) settings.setTimeUnit(current.path, unit)
        return run('db.open', { path: current.path, readOnly: current.readOnly, timeUnit: unit })
      }
      case 'cleanup.scheduled':
        return runScheduled((input as ParsedInput<'cleanup.scheduled'>).now)
    }
    if (channel === 'app.info')
      return { version: ctx.version, carrier: ctx.carrier, readOnly: ctx.readOnly, canPickFiles: ctx.pickFile !== undefined, sql: sqlCalls !== null, startupError: ctx.startupError } satisfies AppInfo
    if (channel.startsWith('sql.')) {
      if (!sqlCalls) throw new AppError('FORBIDDEN', 'The SQL console is off on this server; it is on only when serve is started with --allow-sql.')
      if (channel === 'sql.export') {
        const exp = input as ParsedInput<'sql.export'>
        // Serve mode writes a download only into its own private folder (serve-command.ts), never where a page says.
        const downloads = ctx.sql?.downloads
        if (ctx.carrier === 'http') {
          // Resolved first: `<downloads>/q/../../elsewhere` names a file outside, whatever its text starts with.
          if (!downloads || !dirname(resolve(exp.path)).startsWith(downloads + sep))
            throw new AppError('INVALID_INPUT', 'In the browser, a query’s export is a download (GET /api/sql-export); the server does not write files for a page.')
        } else input = { ...exp, path: await allowed(exp.path, 'export') }
      }
      return sqlCalls.handle(channel as ConsoleChannel, input as never)
    }
    if (channel === 'db.pick') {
      const { mode, suggestedName } = input as ParsedInput<'db.pick'>
      return { path: ctx.pickFile ? await ctx.pickFile(mode, suggestedName) : null }
    }
    if (channel === 'tasks.export' && ctx.carrier === 'http')
      throw new AppError('INVALID_INPUT', 'In the browser, exports are downloads (GET /api/export); the server does not write files for a page.')
    if (channel === 'db.open') {
      const open = input as ParsedInput<'db.open'>
      if (open.create && ctx.readOnly) throw new AppError('READ_ONLY', 'This server is read-only: it cannot create databases.')
      const file = await allowed(open.path, open.create ? 'create' : 'open')
      // What the policy checked is pinned now; the worker opens it only if it is still this file (file-identity.ts).
      const pin = ctx.paths && !isPgUrl(file) && file !== ':memory:' && !open.create ? pinFile(file) : undefined
      if (pin) ctx.pins?.set(file, pin)
      const timeUnit = open.timeUnit ?? settings.state().settings.timeUnits[file]
      input = { ...open, path: file, ...(pin ? { pin } : {}), ...(ctx.readOnly ? { readOnly: true } : {}), ...(timeUnit ? { timeUnit } : {}) }
    }
    if (channel === 'db.probe') {
      const probe = input as ParsedInput<'db.probe'>
      input = { path: await allowed(probe.path, 'open') }
    }
    if (channel === 'db.copy') {
      // A page must not make a server connect to, or write, other databases; the desktop copies where its user said.
      if (ctx.carrier === 'http') throw new AppError('FORBIDDEN', 'In the browser, copying to another database is not offered; use the desktop app or `docusnap-tasks copy`.')
      const copy = input as ParsedInput<'db.copy'>
      input = { ...copy, to: await allowed(copy.to, 'create') }
    }
    if (channel === 'tasks.export') {
      const exp = input as ParsedInput<'tasks.export'>
      input = { ...exp, path: await allowed(exp.path, 'export') }
    }
    const value = await host.call(channel as SessionChannel, input as never)
    if (channel === 'db.open') {
      const db = value as Output<'db.open'>
      const opened = input as ParsedInput<'db.open'> & { pin?: FileIdentity }
      sqlCalls?.opened(opened.path, db.path, opened.pin)
      try {
        // A file this app created cleans itself up as the seed describes; other files only when the user says so.
        // A read-only server changes nothing, its settings included.
        if (!ctx.readOnly) {
          if (db.created && !db.readOnly) settings.ruleIfMissing(db.path, { enabled: true, days: DEFAULT_CLEANUP_DAYS })
          settings.pushRecent(db.path)
        }
      } catch {
        // The file is open; settings that cannot be saved (a read-only profile folder) must not undo that. The
        // settings dialog reports the problem when the user changes something there.
      }
    }
    return value
  }

  /** Settings as this carrier may see them: a page served over HTTP learns nothing of other files or of the disk. */
  function shownSettings(state: SettingsState): SettingsState {
    if (!ctx.paths || ctx.carrier !== 'http') return state
    const cleanup = Object.fromEntries(Object.entries(state.settings.cleanup).filter(([p]) => visible(p)))
    const timeUnits = Object.fromEntries(Object.entries(state.settings.timeUnits).filter(([p]) => visible(p)))
    const sqlHistory = Object.fromEntries(Object.entries(state.settings.sqlHistory).filter(([p]) => visible(p)))
    return { ...state, file: null, settings: { ...state.settings, recentFiles: state.settings.recentFiles.filter(visible), cleanup, timeUnits, sqlHistory } }
  }

  return async (channel, raw) => {
    try {
      if (!isChannel(channel)) throw new AppError('INVALID_INPUT', `Unknown operation "${String(channel).slice(0, 80)}".`)
      const spec = contract[channel]
      if (spec.write && ctx.readOnly) throw new AppError('READ_ONLY', 'This server is read-only: it refuses every change.')
      const parsed = spec.input.safeParse(raw ?? {})
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Invalid input for ${channel}: ${describeIssues(parsed.error)}`)
      const named = channel === 'db.open' || channel === 'db.probe' ? (parsed.data as { path: string }).path : null
      return { ok: true, value: (await (named !== null ? gated(channel, parsed.data, named) : run(channel, parsed.data))) ?? null }
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) }
    }
  }
}
