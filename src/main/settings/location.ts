import { homedir } from 'node:os'
import { join } from 'node:path'

/** Electron's userData folder for this app (appData/<package name>), computed the same way for serve mode. */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const name = 'docusnap-task-admin'
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), name)
}

export const settingsFileIn = (userData: string) => join(userData, 'settings.json')
