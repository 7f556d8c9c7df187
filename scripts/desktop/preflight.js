// What must hold before the desktop app can start, as pure checks: each returns null or the one message a person
// sees instead of a stack trace. scripts/desktop.js runs them; test/desktop-start.test.ts drives them.
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Electron's download tool (@electron/get, its zip extractor) is ES modules loaded with require(), which Node runs
 * unflagged from 20.19 and 22.12 on; Electron's packages declare 22.12. Older versions fail deep inside the
 * installer, so they are stopped here with the reason.
 */
export function nodeProblem(version = process.versions.node, requireModule = process.features?.require_module) {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  const supported = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23
  if (supported && requireModule !== false) return null
  return (
    `Node.js ${version} is too old to install Electron: its download tool needs Node.js 22.12 or newer ` +
    `(20.19 or newer also works). Install a newer Node.js, or use the app in a browser, which needs only Node.js 20.19: ` +
    `npx docusnap-tasks serve --db PATH --open`
  )
}

/** On Linux, Electron needs an X11 or Wayland display; over SSH or on a server there is none. */
export function displayProblem(platform = process.platform, env = process.env) {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return null
  return (
    'No display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set: an SSH session or a server?). ' +
    'Run the app in a browser instead: npx docusnap-tasks serve --db PATH --open ' +
    '(on a remote machine, leave out --open and reach it through ssh -L 8765:127.0.0.1:8765 HOST).'
  )
}

/** Where @electron/get keeps downloaded zips (env-paths' cache folder for "electron", or electron_config_cache). */
export function electronCacheRoot(env = process.env, platform = process.platform, home = homedir()) {
  if (env.electron_config_cache) return env.electron_config_cache
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron')
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache')
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron')
}

/** The line printed before a download, saying what, how big and where it goes. */
export function downloadLine({ version, platform, arch, env = process.env }) {
  const from = env.ELECTRON_MIRROR || env.npm_config_electron_mirror
  return (
    `Downloading Electron ${version} for ${platform}-${arch} (about 110 MB, once)` +
    (from ? ` from ${from}` : '') +
    `; cached in ${electronCacheRoot(env, platform)}`
  )
}

/**
 * One clear sentence for a failed Electron download, from what Electron's installer printed. The installer prints a
 * stack; people need to know whether it was the network, the mirror or the file, and what to do.
 */
export function explainDownloadFailure(output, { version, platform, arch, env = process.env }) {
  const zip = `electron-v${version}-${platform}-${arch}.zip`
  const offline =
    `To start without network access: set ELECTRON_OVERRIDE_DIST_PATH to a folder with the official Electron ${version} ` +
    `unpacked, or ELECTRON_MIRROR to a server (or a folder served over HTTP) holding the official v${version}/${zip} ` +
    `(it is checked against the checksums Electron ships).`
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|getaddrinfo|socket hang up/i.test(output)) {
    return `Could not download Electron ${version}: no network connection to ${env.ELECTRON_MIRROR || 'the Electron download server'}. ${offline}`
  }
  const http = /HTTPError[^\n]*?(\d{3})|status(?:Code)?[:= ]+(\d{3})|Response code (\d{3})|\b(404|403|401|500|502|503)\b/i.exec(output)
  if (http) {
    const code = http[1] || http[2] || http[3] || http[4]
    return `Could not download Electron ${version}: the server answered ${code} for ${zip}${env.ELECTRON_MIRROR ? ` at ${env.ELECTRON_MIRROR}` : ''}. ${offline}`
  }
  if (/checksum|sha256|SHASUMS/i.test(output)) {
    return `The downloaded ${zip} does not match its published checksum, so it was not used. Download it again, or check the mirror (ELECTRON_MIRROR). ${offline}`
  }
  const first = output.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) || 'no output'
  return `Could not install Electron ${version}: ${first}. ${offline}`
}

/** Which tools a native build needs that are not on PATH (python3, make and a C++ compiler; on Windows, MSBuild's own checks apply). */
export function missingBuildTools(platform = process.platform, which) {
  if (platform === 'win32') return []
  const missing = []
  if (!which('python3') && !which('python')) missing.push('python3')
  if (!which('make')) missing.push('make')
  if (!which('c++') && !which('g++') && !which('clang++')) missing.push('a C++ compiler (g++ or clang++)')
  return missing
}
