// Electron's own build of better-sqlite3, kept in .electron-native/ apart from the Node build in node_modules, so the
// tests and the CLI (Node's ABI) and the app (Electron's ABI) both work after one `npm install`, in either order.
// The build is made for Electron's ABI whatever npm's configuration says, and checked before every launch.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { missingBuildTools } from './preflight.js'

const require = createRequire(import.meta.url)

/**
 * The folder of one build: a better-sqlite3 upgrade, another Electron or another architecture gets its own.
 * src/main/native-binding.ts computes the same name in the app (a test holds them together).
 */
export const nativeKey = ({ moduleVersion, electronVersion, platform, arch }) =>
  `better-sqlite3-${moduleVersion}-electron-${electronVersion}-${platform}-${arch}`

/**
 * The ABI a native module was built for, read from the registration symbol Node's module macros export
 * (`node_register_module_v<ABI>`), without loading it: a module built for another runtime may not load here at all.
 */
export function moduleAbi(bytes) {
  const m = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'))
  return m ? Number(m[1]) : null
}

// npm hands its configuration to scripts as npm_config_* variables, and node-gyp and prebuild-install read them:
// a `nodedir` pointing at Node's headers (Debian's npm sets one) makes node-gyp build for Node's ABI even when asked
// for Electron's. The build runs without them and with Electron's target passed explicitly.
const BUILD_SETTINGS = /^npm_config_(nodedir|node_gyp|target|runtime|disturl|dist_url|arch|target_arch|platform|build_from_source|devdir)$/i
export const buildEnv = (env) => Object.fromEntries(Object.entries(env).filter(([k]) => !BUILD_SETTINGS.test(k)))

function which(cmd, env = process.env) {
  return (env.PATH || '').split(delimiter).some((dir) => dir && existsSync(join(dir, cmd)))
}

/**
 * Makes sure `.electron-native/<key>/better_sqlite3.node` exists and carries Electron's ABI; returns its path.
 * Tries the package's published binary first (prebuild-install), then compiles against Electron's headers; a result
 * with the wrong ABI is never kept. Throws an Error whose message is the one line to show.
 */
export function ensureNativeModule({ root, electronVersion, electronAbi, platform = process.platform, arch = process.arch, env = process.env, log = console.log }) {
  const source = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }))
  const moduleVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version
  const key = nativeKey({ moduleVersion, electronVersion, platform, arch })
  const target = join(root, '.electron-native', key, 'better_sqlite3.node')
  const abiOf = (file) => (existsSync(file) ? moduleAbi(readFileSync(file)) : null)

  const found = abiOf(target)
  if (found === electronAbi) return target
  if (found !== null) log(`The Electron build of better-sqlite3 has ABI ${found}, Electron ${electronVersion} needs ${electronAbi}: rebuilding it.`)

  const work = join(root, '.electron-native', 'build')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  cpSync(source, work, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) })
  const built = join(work, 'build', 'Release', 'better_sqlite3.node')
  const cleanEnv = buildEnv(env)
  const run = (args) => execFileSync(process.execPath, args, { cwd: work, env: cleanEnv, stdio: ['ignore', 'inherit', 'pipe'] })
  const failure = (e) => String(e?.stderr || e?.message || e).trim().split('\n').filter(Boolean).slice(-1)[0] || 'no output'

  log(`Preparing better-sqlite3 ${moduleVersion} for Electron ${electronVersion} (ABI ${electronAbi})…`)
  let why = ''
  try {
    // The package's published binary for this Electron version, when there is one.
    const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source, root] })
    run([prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform])
  } catch (e) {
    why = `no published binary (${failure(e)})`
  }
  if (abiOf(built) !== electronAbi) {
    if (!why) why = `the published binary has ABI ${abiOf(built)}`
    const missing = missingBuildTools(platform, (c) => which(c, env))
    if (missing.length) {
      rmSync(work, { recursive: true, force: true })
      throw new Error(
        `better-sqlite3 ${moduleVersion} has to be compiled for Electron ${electronVersion} on ${platform}-${arch} (${why}), ` +
          `and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Install a C++ tool chain ` +
          `(Debian/Ubuntu: sudo apt-get install build-essential python3; macOS: xcode-select --install; Windows: ` +
          `Visual Studio Build Tools with "Desktop development with C++"), then run npm start again.`
      )
    }
    rmSync(join(work, 'build'), { recursive: true, force: true })
    const npmGyp = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    const gyp = existsSync(npmGyp) ? npmGyp : require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] })
    const headers = env.ELECTRON_HEADERS_MIRROR || 'https://electronjs.org/headers'
    try {
      run([gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--arch=${arch}`, `--dist-url=${headers}`])
    } catch (e) {
      rmSync(work, { recursive: true, force: true })
      throw new Error(`Could not compile better-sqlite3 for Electron ${electronVersion} (${why}): ${failure(e)}`, { cause: e })
    }
    const abi = abiOf(built)
    if (abi !== electronAbi) {
      rmSync(work, { recursive: true, force: true })
      throw new Error(`The compiled better-sqlite3 has ABI ${abi}, not Electron ${electronVersion}'s ${electronAbi}; it was not used. Check npm's nodedir and target settings (npm config list).`)
    }
  }
  rmSync(dirname(target), { recursive: true, force: true })
  mkdirSync(dirname(target), { recursive: true })
  cpSync(built, target)
  rmSync(work, { recursive: true, force: true })
  log(`Electron's better-sqlite3 is ready: ${target}`)
  return target
}
