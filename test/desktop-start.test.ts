import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { electronNativeBinding } from '../src/main/native-binding'
// @ts-expect-error plain JavaScript build scripts, without type declarations
import { buildEnv, moduleAbi, nativeKey } from '../scripts/desktop/native-module.js'
// @ts-expect-error plain JavaScript build scripts, without type declarations
import { displayProblem, electronCacheRoot, explainDownloadFailure, missingBuildTools, nodeProblem } from '../scripts/desktop/preflight.js'

// `npm start` on a fresh machine, without the real Electron: a copy of the project whose electron package has never
// downloaded its binary, a loopback server acting as Electron's mirror (a stand-in zip and its SHASUMS256.txt) and
// as better-sqlite3's prebuilt-binary host, and a stand-in executable that records how it was launched. The real
// chain runs: npm → scripts/desktop.js → Electron's install.js (@electron/get, checksum, extraction) → the native
// module for Electron's ABI → electron-vite's build and launch.

const ROOT = join(import.meta.dirname, '..')
const electronPkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
const ELECTRON = electronPkg.version
const ABI = Number(readFileSync(join(ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8'))
const SQLITE = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version
const { platform, arch } = process
const ZIP = `electron-v${ELECTRON}-${platform}-${arch}.zip`
const PREBUILT = `better-sqlite3-v${SQLITE}-electron-v${ABI}-${platform}-${arch}.tar.gz`
const posix = platform === 'linux' || platform === 'darwin'

/** Files made with python3 (zip with an executable entry, tar.gz), which the compatibility tests already need. */
function python(script: string, args: string[]): void {
  execFileSync('python3', ['-c', script, ...args])
}

function standInZip(dir: string): Buffer {
  const exe = join(dir, 'electron-stand-in.js')
  // Records its arguments, folder and the environment it was given, then exits as the app would when closed.
  writeFileSync(exe, `#!${process.execPath}\nrequire('fs').writeFileSync(process.env.STAND_IN_RECORD, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }))\n`)
  const zip = join(dir, ZIP)
  python(
    `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w')
i = zipfile.ZipInfo('electron'); i.external_attr = 0o100755 << 16
z.writestr(i, open(sys.argv[2]).read()); z.writestr('version', sys.argv[3]); z.close()`,
    [zip, exe, ELECTRON]
  )
  return readFileSync(zip)
}

/** A prebuilt-binary tarball as prebuild-install expects it, holding a stand-in module that exports `abi`'s symbol. */
function prebuiltTarball(dir: string, abi: number): Buffer {
  const node = join(dir, 'build', 'Release', 'better_sqlite3.node')
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true })
  writeFileSync(node, Buffer.concat([Buffer.from('\x7fELF stand-in '), Buffer.from(`node_register_module_v${abi}\0`)]))
  const tar = join(dir, `prebuilt-${abi}.tar.gz`)
  python(`import sys, tarfile\nt = tarfile.open(sys.argv[1], 'w:gz'); t.add(sys.argv[2], 'build/Release/better_sqlite3.node'); t.close()`, [tar, node])
  return readFileSync(tar)
}

interface Mirror {
  url: string
  requests: string[]
  prebuiltAbi: number
  server: Server
}

async function startMirror(files: { zip: Buffer; prebuilt: Record<number, Buffer> }): Promise<Mirror> {
  const sums = `${createHash('sha256').update(files.zip).digest('hex')} *${ZIP}\n`
  const mirror = { url: '', requests: [] as string[], prebuiltAbi: ABI, server: createServer() }
  mirror.server.on('request', (req, res) => {
    const path = req.url ?? ''
    mirror.requests.push(path)
    if (path === `/electron/v${ELECTRON}/${ZIP}`) return res.end(files.zip)
    if (path === `/electron/v${ELECTRON}/SHASUMS256.txt`) return res.end(sums)
    // prebuild-install asks for the ABI it computed (Electron's); the server decides which build it gets.
    if (path === `/prebuilds/v${SQLITE}/${PREBUILT}`) return res.end(files.prebuilt[mirror.prebuiltAbi])
    res.statusCode = 404
    res.end('not here')
  })
  await new Promise<void>((resolve) => mirror.server.listen(0, '127.0.0.1', resolve))
  mirror.url = `http://127.0.0.1:${(mirror.server.address() as AddressInfo).port}`
  return mirror
}

/** A project copy whose electron package is as npm installs it (no binary, no path.txt); other packages are linked. */
function projectCopy(dir: string): string {
  const project = join(dir, 'project')
  mkdirSync(join(project, 'node_modules'), { recursive: true })
  const tsconfigs = readdirSync(ROOT).filter((f) => /^tsconfig(\.\w+)?\.json$/.test(f))
  for (const f of ['package.json', 'electron.vite.config.ts', ...tsconfigs, 'scripts', 'src']) cpSync(join(ROOT, f), join(project, f), { recursive: true })
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'electron') continue
    symlinkSync(join(ROOT, 'node_modules', entry), join(project, 'node_modules', entry))
  }
  const source = join(ROOT, 'node_modules', 'electron')
  cpSync(source, join(project, 'node_modules', 'electron'), {
    recursive: true,
    filter: (p) => p !== join(source, 'dist') && p !== join(source, 'path.txt')
  })
  return project
}

function npmStart(project: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('close', (status) => resolve({ status, out }))
  })
}

describe.skipIf(!posix)('npm start on a fresh clone (stand-in Electron behind a loopback mirror)', () => {
  let dir: string
  let project: string
  let mirror: Mirror
  let record: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'docusnap-start-'))
    mkdirSync(join(dir, 'files'))
    mirror = await startMirror({ zip: standInZip(join(dir, 'files')), prebuilt: { [ABI]: prebuiltTarball(join(dir, 'files', 'good'), ABI), 115: prebuiltTarball(join(dir, 'files', 'node'), 115) } })
    project = projectCopy(dir)
    record = join(dir, 'launched.json')
    const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ELECTRON_OVERRIDE_DIST_PATH: _override, ELECTRON_MIRROR: _mirror, ...base } = process.env
    env = {
      ...base,
      DISPLAY: ':99',
      STAND_IN_RECORD: record,
      ELECTRON_MIRROR: `${mirror.url}/electron/`,
      electron_use_remote_checksums: '1',
      // The stand-in zip is not Electron's: only a user who opts out of the bundled checksums on purpose installs it.
      DOCUSNAP_TRUST_REMOTE_CHECKSUMS: '1',
      electron_config_cache: join(dir, 'electron-cache'),
      npm_config_better_sqlite3_binary_host_mirror: `${mirror.url}/prebuilds`,
      ELECTRON_HEADERS_MIRROR: `${mirror.url}/headers`,
      npm_config_cache: join(dir, 'npm-cache'),
      // As on the machine where the issue was seen: npm points node-gyp at Node's own headers.
      npm_config_nodedir: '/usr'
    }
  }, 180_000)

  afterAll(async () => {
    await new Promise((resolve) => mirror?.server.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a zip that does not match the checksums Electron ships, even when the mirror serves a matching SHASUMS256.txt', async () => {
    const { DOCUSNAP_TRUST_REMOTE_CHECKSUMS: _optOut, ...untrusting } = env
    const r = await npmStart(project, untrusting)
    expect(r.status, r.out).toBe(1)
    expect(r.out).toContain('Ignoring electron_use_remote_checksums')
    expect(r.out).toMatch(/does not match its published checksum, so it was not used/)
    expect(existsSync(record)).toBe(false)
    expect(existsSync(join(project, 'node_modules', 'electron', 'path.txt'))).toBe(false)
  }, 180_000)

  it('downloads Electron through its own installer, prepares the native module and launches the app', async () => {
    const r = await npmStart(project, env, ['--db', '/srv/docusnap/tasks.db'])
    expect(r.status, r.out).toBe(0)
    expect(r.out).toContain(`Downloading Electron ${ELECTRON} for ${platform}-${arch} (about 110 MB, once) from ${mirror.url}/electron/; cached in ${join(dir, 'electron-cache')}`)
    expect(mirror.requests).toEqual(expect.arrayContaining([`/electron/v${ELECTRON}/${ZIP}`, `/electron/v${ELECTRON}/SHASUMS256.txt`, `/prebuilds/v${SQLITE}/${PREBUILT}`]))
    // Extracted by Electron's installer, which wrote path.txt.
    expect(readFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'utf8')).toBe(platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron')
    // The native module for Electron's ABI, where the app looks for it.
    const binding = electronNativeBinding(project, ELECTRON)
    expect(binding).toBe(join(project, '.electron-native', nativeKey({ moduleVersion: SQLITE, electronVersion: ELECTRON, platform, arch }), 'better_sqlite3.node'))
    expect(moduleAbi(readFileSync(binding!))).toBe(ABI)
    // Launched with the app's entry (the project folder, whose package.json main is the built main process).
    const launched = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string }
    expect(launched.argv).toEqual(['.', '--db', '/srv/docusnap/tasks.db'])
    expect(launched.cwd).toBe(project)
    const main = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { main: string }).main
    expect(existsSync(join(project, main))).toBe(true)
  }, 180_000)

  it('is idempotent: a second start downloads nothing and builds nothing', async () => {
    rmSync(record, { force: true })
    mirror.requests.length = 0
    const r = await npmStart(project, env)
    expect(r.status, r.out).toBe(0)
    expect(mirror.requests).toEqual([])
    expect(r.out).not.toMatch(/Downloading Electron|Preparing better-sqlite3/)
    expect(JSON.parse(readFileSync(record, 'utf8')).argv).toEqual(['.'])
  }, 120_000)

  it('rebuilds a native module with the wrong ABI, and never launches with one', async () => {
    const binding = electronNativeBinding(project, ELECTRON)!
    writeFileSync(binding, 'stale build node_register_module_v115\0')
    rmSync(record, { force: true })
    // The host now serves a build for Node's ABI, and Electron's headers cannot be had: nothing fits.
    mirror.prebuiltAbi = 115
    const bad = await npmStart(project, { ...env, npm_config_cache: join(dir, 'npm-cache-2') })
    expect(bad.status, bad.out).toBe(1)
    expect(bad.out).toContain(`has ABI 115, Electron ${ELECTRON} needs ${ABI}: rebuilding it.`)
    expect(bad.out).toMatch(/docusnap: Could not compile better-sqlite3 for Electron .*the published binary has ABI 115/)
    expect(bad.out).not.toMatch(/^\s+at /m)
    expect(existsSync(record)).toBe(false)
    // A fitting build is published: the next start takes it and launches.
    mirror.prebuiltAbi = ABI
    const good = await npmStart(project, { ...env, npm_config_cache: join(dir, 'npm-cache-3') })
    expect(good.status, good.out).toBe(0)
    expect(moduleAbi(readFileSync(binding))).toBe(ABI)
    expect(existsSync(record)).toBe(true)
  }, 180_000)

  it('says in one line what to do without a display, and without a network', async () => {
    rmSync(join(project, 'node_modules', 'electron', 'path.txt'), { force: true })
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...headless } = env
    const noDisplay = await npmStart(project, headless)
    expect(noDisplay.status).toBe(1)
    expect(noDisplay.out).toContain('docusnap: No display to open a window on')
    expect(noDisplay.out).toContain('npx docusnap-tasks serve --db PATH --open')

    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const offline = await npmStart(project, { ...env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: join(dir, 'empty-cache') })
    expect(offline.status).toBe(1)
    expect(offline.out).toContain(`docusnap: Could not download Electron ${ELECTRON}: no network connection to http://127.0.0.1:${port}/`)
    expect(offline.out).toContain('ELECTRON_OVERRIDE_DIST_PATH')
    expect(offline.out).not.toMatch(/^\s+at /m)
  }, 120_000)
})

describe('first-start checks', () => {
  it('refuses a Node.js that cannot run Electron’s installer, with what to do instead', () => {
    expect(nodeProblem('20.18.3', false)).toMatch(/Node\.js 20\.18\.3 is too old to install Electron.*22\.12.*docusnap-tasks serve/)
    expect(nodeProblem('22.11.0', false)).toMatch(/too old/)
    expect(nodeProblem('18.20.0', undefined)).toMatch(/too old/)
    expect(nodeProblem('20.19.0', true)).toBeNull()
    expect(nodeProblem('22.12.0', true)).toBeNull()
    expect(nodeProblem('24.1.0', true)).toBeNull()
  })

  it('asks for a display only on Linux', () => {
    expect(displayProblem('linux', {})).toMatch(/No display/)
    expect(displayProblem('linux', { DISPLAY: ':0' })).toBeNull()
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull()
    expect(displayProblem('darwin', {})).toBeNull()
  })

  it('explains a failed download by its cause', () => {
    const ctx = { version: '45.5.0', platform: 'linux', arch: 'x64', env: { ELECTRON_MIRROR: 'http://mirror.invalid/' } }
    expect(explainDownloadFailure('HTTPError: Response code 404 (Not Found)\n    at x', ctx)).toMatch(/server answered 404 for electron-v45\.5\.0-linux-x64\.zip at http:\/\/mirror\.invalid\//)
    expect(explainDownloadFailure('Error: Generated checksum for "electron-v45.5.0-linux-x64.zip" did not match expected checksum.', ctx)).toMatch(/does not match its published checksum/)
    expect(explainDownloadFailure('TypeError: fetch failed\n  cause: getaddrinfo ENOTFOUND mirror.invalid', ctx)).toMatch(/no network connection/)
    expect(explainDownloadFailure('Error: disk quota exceeded\n    at write (x.js:1:1)', ctx)).toMatch(/^Could not install Electron 45\.5\.0: Error: disk quota exceeded\./)
  })

  it('knows where Electron caches its downloads', () => {
    expect(electronCacheRoot({ electron_config_cache: '/c' }, 'linux', '/h')).toBe('/c')
    expect(electronCacheRoot({}, 'linux', '/h')).toBe(join('/h', '.cache', 'electron'))
    expect(electronCacheRoot({ XDG_CACHE_HOME: '/x' }, 'linux', '/h')).toBe(join('/x', 'electron'))
    expect(electronCacheRoot({}, 'darwin', '/h')).toBe(join('/h', 'Library', 'Caches', 'electron'))
  })

  it('names the missing build tools', () => {
    expect(missingBuildTools('linux', () => false)).toEqual(['python3', 'make', 'a C++ compiler (g++ or clang++)'])
    expect(missingBuildTools('linux', (c: string) => c !== 'make')).toEqual(['make'])
    expect(missingBuildTools('win32', () => false)).toEqual([])
  })

  it('reads a native module’s ABI without loading it, and builds without npm’s target settings', () => {
    expect(moduleAbi(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')))).toBe(Number(process.versions.modules))
    expect(moduleAbi(Buffer.from('no symbol here'))).toBeNull()
    expect(buildEnv({ npm_config_nodedir: '/usr', npm_config_target: '20.0.0', npm_config_runtime: 'node', npm_config_cache: '/c', PATH: '/bin' })).toEqual({ npm_config_cache: '/c', PATH: '/bin' })
  })

  it('the app looks for the build where the script puts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docusnap-native-'))
    try {
      mkdirSync(join(dir, 'node_modules', 'better-sqlite3'), { recursive: true })
      writeFileSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"9.9.9"}')
      expect(electronNativeBinding(dir, '45.5.0', 'linux', 'x64')).toBeNull()
      const file = join(dir, '.electron-native', nativeKey({ moduleVersion: '9.9.9', electronVersion: '45.5.0', platform: 'linux', arch: 'x64' }), 'better_sqlite3.node')
      mkdirSync(join(file, '..'), { recursive: true })
      writeFileSync(file, '')
      chmodSync(file, 0o644)
      expect(electronNativeBinding(dir, '45.5.0', 'linux', 'x64')).toBe(file)
      // Another better-sqlite3 or Electron version is another build.
      expect(electronNativeBinding(dir, '46.0.0', 'linux', 'x64')).toBeNull()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
