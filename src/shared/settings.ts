import { z } from 'zod'
import { TIME_UNITS } from './task'
import { CONSOLE_HISTORY } from './console'

// What the app remembers between runs, in one JSON file in the user-data folder. Every field has a default and is
// checked on its own when read, so one bad value costs that value, not the whole file.

export const THEMES = ['system', 'light', 'dark'] as const
export const LANGUAGES = ['system', 'en', 'zh-CN'] as const
export type ThemeChoice = (typeof THEMES)[number]
export type LanguageChoice = (typeof LANGUAGES)[number]

/** The seed's cleanup age (cleanup_expired_tasks(max_age_days=7)). */
export const DEFAULT_CLEANUP_DAYS = 7
/** "系统定期（如每天）执行缓存清理": the scheduled cleanup runs once a day. */
export const CLEANUP_EVERY_SECONDS = 24 * 3600
export const HISTORY_LENGTH = 20
export const RECENT_LENGTH = 10

/** DocuSnap-Backend's sample configuration (EXPIRE_MINUTES, PROCESS_TIMEOUT); each deployment sets its own. */
export const BACKEND_SAMPLE = Object.freeze({ expireMinutes: 1440, timeoutMinutes: 10 })
const minutes = z.number().int().min(1).max(5_256_000)

export const cleanupRuleSchema = z
  .object({
    enabled: z.boolean(),
    /** Seed files: created more than this many days ago. Backend files, without expireMinutes: not accessed for this many days. */
    days: z.number().int().min(1).max(3650),
    /** Backend files: the deployment's EXPIRE_MINUTES (delete tasks not accessed for this long), as the user recorded it. */
    expireMinutes: minutes.optional(),
    /** Backend files: the deployment's PROCESS_TIMEOUT (mark processing tasks older than this PROCESSING_TIMEOUT first). */
    timeoutMinutes: minutes.optional()
  })
  .strict()
export type CleanupRule = z.infer<typeof cleanupRuleSchema>

export const cleanupRunSchema = z
  .object({
    /** When the run started, Unix seconds. */
    at: z.number().min(0).max(253_402_300_799),
    deleted: z.number().int().min(0),
    /** Backend files: stuck processing tasks marked PROCESSING_TIMEOUT before the expiry. */
    timedOut: z.number().int().min(0).optional(),
    /** Set when the run failed; nothing was deleted by a failed run beyond what `deleted` says. */
    error: z.string().max(1000).optional()
  })
  .strict()
export type CleanupRun = z.infer<typeof cleanupRunSchema>

export const fileCleanupSchema = z
  .object({
    rule: cleanupRuleSchema,
    /** Newest first. */
    history: z.array(cleanupRunSchema).max(HISTORY_LENGTH)
  })
  .strict()
export type FileCleanup = z.infer<typeof fileCleanupSchema>

// Files are named by absolute paths (POSIX, a Windows drive or a UNC share): a key such as "__proto__" or "../x.db"
// is no file's name, and one file must not carry two rules under two spellings.
// A PostgreSQL table is named by its URL, and never with a password in it: settings are a plain file.
const filePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\|postgres(ql)?:\/\/)/i, { message: 'not an absolute path or a PostgreSQL URL' })
  .refine((p) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/i.test(p), { message: 'a PostgreSQL URL with a password is not kept' })

export const settingsShape = {
  theme: z.enum(THEMES),
  language: z.enum(LANGUAGES),
  /** How often the live view looks for changes, in seconds. */
  refreshSeconds: z.number().int().min(1).max(300),
  /** From this many tasks on, a destructive action asks the user to type the count. */
  confirmThreshold: z.number().int().min(1).max(1_000_000_000),
  recentFiles: z.array(filePath).max(RECENT_LENGTH),
  /** Per database file (absolute path): its scheduled cleanup rule and what the runs did. */
  cleanup: z.record(filePath, fileCleanupSchema),
  /** Per database file: the unit its numeric times are read in, where the user chose one (time-unit.ts). */
  timeUnits: z.record(filePath, z.enum(TIME_UNITS)),
  /** Per database: the SQL console's last queries, newest first (kept here, never in the database). */
  sqlHistory: z.record(filePath, z.array(z.string().max(100_000)).max(CONSOLE_HISTORY))
}

export const settingsSchema = z.object(settingsShape).strict()
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  theme: 'system',
  language: 'system',
  refreshSeconds: 1,
  confirmThreshold: 1000,
  recentFiles: [],
  cleanup: {},
  timeUnits: {},
  sqlHistory: {}
}) as Settings

/** What the user may change directly (recent files and cleanup history are kept by the app). */
export const settingsPatchSchema = z
  .object({
    theme: settingsShape.theme,
    language: settingsShape.language,
    refreshSeconds: settingsShape.refreshSeconds,
    confirmThreshold: settingsShape.confirmThreshold
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** A query run on a database, first in its history; the same text run again moves up rather than repeating. */
export function pushQuery(history: readonly string[], sql: string): string[] {
  const text = sql.trim()
  return [text, ...history.filter((q) => q !== text)].slice(0, CONSOLE_HISTORY)
}

export interface SettingsState {
  settings: Settings
  /** Where they are kept (null: only in memory, nothing is saved). */
  file: string | null
  /** What was wrong with the file when it was read (invalid values fell back to their defaults), as "field: reason". */
  problems: string[]
}

/**
 * Reads settings leniently: each field that fails its schema falls back to its default (and is reported); cleanup
 * entries are checked one by one. Unknown fields are dropped and reported.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { settings: structuredClone(DEFAULT_SETTINGS), problems: ['the file does not hold a JSON object'] }
  const input = raw as Record<string, unknown>
  const problems: string[] = []
  const out: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(settingsShape)) {
    if (!(key in input)) {
      out[key] = structuredClone(DEFAULT_SETTINGS[key as keyof Settings])
      continue
    }
    if (key === 'cleanup') {
      out.cleanup = parseCleanup(input.cleanup, problems)
      continue
    }
    const r = schema.safeParse(input[key])
    if (r.success) out[key] = r.data
    else {
      out[key] = structuredClone(DEFAULT_SETTINGS[key as keyof Settings])
      problems.push(`${key}: ${r.error.issues[0]?.message ?? 'invalid'}`)
    }
  }
  for (const key of Object.keys(input)) if (!(key in settingsShape)) problems.push(`${key}: unknown setting, ignored`)
  return { settings: out as Settings, problems }
}

function parseCleanup(raw: unknown, problems: string[]): Settings['cleanup'] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('cleanup: not an object')
    return {}
  }
  // A null-prototype map: whatever a hand-edited file holds, no key reaches Object.prototype.
  const out = Object.create(null) as Settings['cleanup']
  for (const [path, entry] of Object.entries(raw)) {
    const r = fileCleanupSchema.safeParse(entry)
    if (filePath.safeParse(path).success && r.success) out[path] = r.data
    else problems.push(`cleanup of ${path.slice(0, 200)}: ${r.success ? 'invalid file name' : (r.error.issues[0]?.message ?? 'invalid')}`)
  }
  return out
}
