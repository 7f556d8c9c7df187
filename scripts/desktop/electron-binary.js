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
 * The environment Electron's installer runs with. `electron_use_remote_checksums` makes it take the checksum file
 * from the same server as the zip, so whoever answers on a mirror's port (any local user who binds it first) can serve
 * a zip and a checksum that agree; without it, every zip is checked against the checksums the electron package ships,
 * which the official zip matches from any mirror. So it is dropped, and said, unless the user opts out on purpose
 * with DOCUSNAP_TRUST_REMOTE_CHECKSUMS=1 (a mirror of their own builds).
 */
export function installerEnv(env = process.env) {
  const remote = env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums
  if (!remote || env.DOCUSNAP_TRUST_REMOTE_CHECKSUMS === '1') return { env, note: null }
  const { electron_use_remote_checksums: _a, npm_config_electron_use_remote_checksums: _b, ...rest } = env
  return {
    env: rest,
    note:
      'Ignoring electron_use_remote_checksums: a checksum file from the mirror proves nothing the mirror could not forge, ' +
      'so the zip is checked against the checksums Electron ships (set DOCUSNAP_TRUST_REMOTE_CHECKSUMS=1 to trust the mirror).'
  }
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
  const installer = installerEnv(env)
  if (installer.note) log(installer.note)
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, env: installer.env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })
  const exe = result.status === 0 ? installedExecutable(dir, version, env) : null
  if (!exe) throw new Error(explainDownloadFailure(`${result.stderr || ''}${result.error?.message || ''}`, { version, platform, arch, env }))
  return exe
}
