import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where a checkout keeps Electron's own build of better-sqlite3 (made by scripts/desktop/native-module.js, whose
 * nativeKey names the folder the same way): one folder per better-sqlite3 version, Electron version, platform and
 * architecture, so an upgrade of either never loads a stale binary.
 */
export function electronNativeBinding(root: string, electronVersion: string, platform: string = process.platform, arch: string = process.arch): string | null {
  let moduleVersion: string
  try {
    moduleVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return null // an installed app: electron-builder rebuilt the module in place
  }
  const file = join(root, '.electron-native', `better-sqlite3-${moduleVersion}-electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node')
  return existsSync(file) ? file : null
}
