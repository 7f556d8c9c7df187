import { join, resolve } from 'node:path'

// Which database the desktop app opens: --db PATH, else $DATABASE_PATH, else tasks.db in the user-data folder.

export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--db') return argv[i + 1]
    if (a.startsWith('--db=')) return a.slice(5)
  }
  return undefined
}

/** The file a second launch asks for: a relative --db is in the folder that launch ran in, not this instance's. */
export function secondInstancePath(argv: readonly string[], workingDirectory: string): string | undefined {
  const path = dbArgument(argv)
  if (path === undefined) return undefined
  // A PostgreSQL URL is no path: it means the same wherever the launch ran.
  return /^postgres(ql)?:\/\//i.test(path) ? path : resolve(workingDirectory, path)
}

export interface DbChoice {
  path: string
  /** The embedded default is created with the seed schema on first start; a named file must exist. */
  create: boolean
}

export function chooseDatabase(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): DbChoice {
  const fromArg = dbArgument(argv)
  if (fromArg) return { path: fromArg, create: false }
  if (env.DATABASE_PATH) return { path: env.DATABASE_PATH, create: false }
  return { path: join(userData, 'tasks.db'), create: true }
}

/** Most recent first, without duplicates, at most `max`. */
export function pushRecent(recent: readonly string[], path: string, max = 10): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, max)
}
