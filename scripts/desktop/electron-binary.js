// Electron's binary, through Electron's own installer. Electron 42 and later download it lazily, when something
// requires `electron` or runs its install.js; electron-vite reads node_modules/electron/path.txt directly and fails
// with "Electron uninstall" when that never happened (electron-vite issue 904). Running install.js ourselves keeps
// every setting Electron documents working: ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache,
// electron_use_remote_checksums and ELECTRON_OVERRIDE_DIST_PATH.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { downloadLine, explainDownloadFailure } from './preflight.js'

const require = createRequire(import.meta.url)

/** The installed electron package: its folder, version and ABI. */
export function electronPackage(root) {
  const dir = dirname(require.resolve('electron/package.json', { paths: [root] }))
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  const abi = Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim())
  return { dir, version, abi }
}

/** The executable Electron's own index.js would run, or null when it is not installed yet (without downloading). */
export function installedExecutable(dir, version, env = process.env) {
  let relative
  try {
    relative = readFileSync(join(dir, 'path.txt'), 'utf8')
  } catch {
    relative = null
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    return existsSync(exe) ? exe : null
  }
  if (!relative) return null
  try {
    if (readFileSync(join(dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '') !== version) return null
  } catch {
    return null
  }
  const exe = join(dir, 'dist', relative)
  return existsSync(exe) ? exe : null
}

/**
 * Returns the path of Electron's executable, downloading it first when needed (one line says what). Throws an Error
 * whose message is the one line to show when the download fails.
 */
export function ensureElectron({ root, env = process.env, log = console.log }) {
  const { dir, version } = electronPackage(root)
  const ready = installedExecutable(dir, version, env)
  if (ready) return ready
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch
  log(downloadLine({ version, platform, arch, env }))
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })
  const exe = result.status === 0 ? installedExecutable(dir, version, env) : null
  if (!exe) throw new Error(explainDownloadFailure(`${result.stderr || ''}${result.error?.message || ''}`, { version, platform, arch, env }))
  return exe
}
