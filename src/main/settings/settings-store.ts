import { closeSync, mkdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { createPrivateTemp } from '../private-file'
import { dirname } from 'node:path'
import { AppError } from '../../shared/errors'
import {
  pushQuery,
  DEFAULT_SETTINGS,
  HISTORY_LENGTH,
  parseSettings,
  RECENT_LENGTH,
  type CleanupRule,
  type CleanupRun,
  type Settings,
  type SettingsPatch,
  type SettingsState
} from '../../shared/settings'
import { NO_RULE } from '../../shared/schedule'
import { pushRecent } from '../db-choice'
import type { TimeUnit } from '../../shared/task'

/**
 * The settings file: read once (leniently, see parseSettings), written whole through a temporary file and a rename so
 * a crash never leaves half a file. A file that could not be read is kept aside as `<name>.invalid` before the first
 * save replaces it, so nothing the user wrote by hand is lost.
 */
export class SettingsStore {
  private settings: Settings
  private problems: string[]
  private keepAside = false

  constructor(readonly file: string | null) {
    const loaded = file ? readSettingsFile(file) : { settings: structuredClone(DEFAULT_SETTINGS), problems: [] }
    this.settings = loaded.settings
    this.problems = loaded.problems
    this.keepAside = loaded.problems.length > 0
  }

  state(): SettingsState {
    return { settings: structuredClone(this.settings), file: this.file, problems: [...this.problems] }
  }

  update(patch: SettingsPatch): SettingsState {
    return this.change((s) => ({ ...s, ...patch }))
  }

  reset(): SettingsState {
    return this.change(() => structuredClone(DEFAULT_SETTINGS))
  }

  setRule(path: string, rule: CleanupRule): SettingsState {
    return this.change((s) => ({ ...s, cleanup: { ...s.cleanup, [path]: { rule, history: s.cleanup[path]?.history ?? [] } } }))
  }

  /** The unit the user chose for a file's times (seconds too: the app does not ask again). */
  setTimeUnit(path: string, unit: TimeUnit): SettingsState {
    return this.change((s) => ({ ...s, timeUnits: { ...s.timeUnits, [path]: unit } }))
  }

  /** A rule for a file the app just created, unless the user already set one. */
  ruleIfMissing(path: string, rule: CleanupRule): void {
    if (!this.settings.cleanup[path]) this.setRule(path, rule)
  }

  recordRun(path: string, run: CleanupRun): SettingsState {
    return this.change((s) => {
      const entry = s.cleanup[path] ?? NO_RULE
      return { ...s, cleanup: { ...s.cleanup, [path]: { rule: entry.rule, history: [run, ...entry.history].slice(0, HISTORY_LENGTH) } } }
    })
  }

  pushQuery(path: string, sql: string): SettingsState {
    return this.change((s) => ({ ...s, sqlHistory: { ...s.sqlHistory, [path]: pushQuery(s.sqlHistory[path] ?? [], sql) } }))
  }

  pushRecent(path: string): SettingsState {
    return this.change((s) => ({ ...s, recentFiles: pushRecent(s.recentFiles, path, RECENT_LENGTH) }))
  }

  /** Applies a change and saves it; if saving fails, the settings stay as they were and the error says why. */
  private change(next: (s: Settings) => Settings): SettingsState {
    const candidate = next(structuredClone(this.settings))
    if (this.file) this.save(this.file, candidate)
    // Problems found at start stay listed for this session: they describe the file as it was read.
    this.settings = candidate
    return this.state()
  }

  private save(file: string, settings: Settings): void {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      if (this.keepAside) {
        try {
          renameSync(file, `${file}.invalid`)
          this.problems.push(`the file as it was is kept as ${file}.invalid`)
        } catch {
          // Nothing there to keep (it was missing or unreadable as a file).
        }
        this.keepAside = false
      }
      // The settings list files and servers: 0600, written through a private temporary file (private-file.ts).
      const tmp = createPrivateTemp(file)
      try {
        try {
          writeSync(tmp.fd, JSON.stringify(settings, null, 2) + '\n')
        } finally {
          closeSync(tmp.fd)
        }
        renameSync(tmp.path, file)
      } catch (e) {
        rmSync(tmp.path, { force: true })
        throw e
      }
    } catch (e) {
      throw new AppError('IO', `Could not save the settings to ${file}: ${(e as Error).message}`)
    }
  }
}

function readSettingsFile(file: string): { settings: Settings; problems: string[] } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: structuredClone(DEFAULT_SETTINGS), problems: [] }
    return { settings: structuredClone(DEFAULT_SETTINGS), problems: [`${file} could not be read (${(e as Error).message}); using defaults`] }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { settings: structuredClone(DEFAULT_SETTINGS), problems: [`${file} is not valid JSON; using defaults (it is kept as ${file}.invalid when settings are next saved)`] }
  }
  return parseSettings(raw)
}
