import { z } from 'zod'
import { contract, isChannel, type AppInfo, type Channel, type Output, type ParsedInput, type Reply } from '../shared/contract'
import { AppError, toErrorInfo } from '../shared/errors'
import type { StoreHost } from './store/host'
import type { SessionChannel } from './store/session'
import { DEFAULT_CLEANUP_DAYS } from '../shared/settings'
import { scheduledCleanup } from './settings/scheduled-cleanup'
import { SettingsStore } from './settings/settings-store'

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
  const run = async (channel: Channel, input: unknown): Promise<unknown> => {
    switch (channel) {
      case 'settings.get':
        return settings.state()
      case 'settings.update':
        return settings.update((input as ParsedInput<'settings.update'>).patch)
      case 'settings.reset':
        return settings.reset()
      case 'settings.cleanupRule': {
        const { path, rule } = input as ParsedInput<'settings.cleanupRule'>
        return settings.setRule(path, rule)
      }
      case 'cleanup.scheduled':
        return runScheduled((input as ParsedInput<'cleanup.scheduled'>).now)
    }
    if (channel === 'app.info')
      return { version: ctx.version, carrier: ctx.carrier, readOnly: ctx.readOnly, canPickFiles: ctx.pickFile !== undefined, startupError: ctx.startupError } satisfies AppInfo
    if (channel === 'db.pick') {
      const { mode, suggestedName } = input as ParsedInput<'db.pick'>
      return { path: ctx.pickFile ? await ctx.pickFile(mode, suggestedName) : null }
    }
    if (channel === 'tasks.export' && ctx.carrier === 'http')
      throw new AppError('INVALID_INPUT', 'In the browser, exports are downloads (GET /api/export); the server does not write files for a page.')
    if (channel === 'db.open' && ctx.readOnly) {
      const open = input as ParsedInput<'db.open'>
      if (open.create) throw new AppError('READ_ONLY', 'This server is read-only: it cannot create databases.')
      input = { ...open, readOnly: true }
    }
    const value = await host.call(channel as SessionChannel, input as never)
    if (channel === 'db.open') {
      const db = value as Output<'db.open'>
      try {
        // A file this app created cleans itself up as the seed describes; other files only when the user says so.
        if (db.created && !db.readOnly) settings.ruleIfMissing(db.path, { enabled: true, days: DEFAULT_CLEANUP_DAYS })
        settings.pushRecent(db.path)
      } catch {
        // The file is open; settings that cannot be saved (a read-only profile folder) must not undo that. The
        // settings dialog reports the problem when the user changes something there.
      }
    }
    return value
  }

  return async (channel, raw) => {
    try {
      if (!isChannel(channel)) throw new AppError('INVALID_INPUT', `Unknown operation "${String(channel).slice(0, 80)}".`)
      const spec = contract[channel]
      if (spec.write && ctx.readOnly) throw new AppError('READ_ONLY', 'This server is read-only: it refuses every change.')
      const parsed = spec.input.safeParse(raw ?? {})
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Invalid input for ${channel}: ${describeIssues(parsed.error)}`)
      return { ok: true, value: (await run(channel, parsed.data)) ?? null }
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) }
    }
  }
}
