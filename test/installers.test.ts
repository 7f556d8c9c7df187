import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unpacked } from '../src/main/paths'

// The installers cannot be built here (electron-builder downloads Electron and its tools), so the configuration is
// checked instead: electron-builder's own schema, and what this app needs of it.

const ROOT = join(import.meta.dirname, '..')
interface PlatformConfig {
  target: string[]
  icon: string
}
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  linux: PlatformConfig
  mac: PlatformConfig
  win: PlatformConfig
  files: string[]
  asarUnpack: string[]
  extraResources: unknown
  electronFuses: unknown
  npmRebuild: boolean
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> }
const require = createRequire(import.meta.url)

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path)
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

describe('installer configuration (electron-builder.json)', () => {
  it('passes electron-builder’s own validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    const { $schema: _schema, ...rest } = config
    await expect(validateConfiguration(rest, new DebugLogger(false))).resolves.toBeUndefined()
    // …and the validation can fail.
    await expect(validateConfiguration({ ...rest, linux: { ...rest.linux, tagret: ['deb'] } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object[\s\S]*linux/)
  })

  it('builds Linux AppImage and deb, macOS dmg and Windows NSIS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect(config.productName).toBe('DocuSnap Task Admin')
  })

  it('has an app icon big enough for every platform (512 px or more, square)', () => {
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const icon = join(ROOT, config[platform].icon)
      expect(existsSync(icon), icon).toBe(true)
      const { width, height } = pngSize(icon)
      expect(width).toBe(height)
      expect(width).toBeGreaterThanOrEqual(512)
    }
  })

  it('ships the built app; main stays in the asar; the native module is Electron’s own build, shipped as a resource', () => {
    expect(config.files).toContain('out/**')
    // The entry points package.json names are inside what is shipped.
    expect(pkg.main).toMatch(/^\.\/out\/main\//)
    // electron-builder must not rebuild node_modules/better-sqlite3 in place: the CLI and the tests use that Node build.
    expect(config.npmRebuild).toBe(false)
    expect(config.extraResources).toEqual([{ from: '.electron-native/package/better_sqlite3.node', to: 'better_sqlite3.node' }])
    expect(readFileSync(join(ROOT, 'scripts', 'desktop.js'), 'utf8')).toContain("join(root, '.electron-native', 'package', 'better_sqlite3.node')")
    expect(pkg.dependencies['better-sqlite3']).toBeDefined()
    // Main's own code is not unpacked: only the worker, the chunks it imports and better-sqlite3's JavaScript.
    const { minimatch } = require('minimatch') as { minimatch: (p: string, g: string) => boolean }
    const unpackedFile = (p: string) => config.asarUnpack.some((g) => minimatch(p, g))
    expect(unpackedFile('out/main/index.js')).toBe(false)
    expect(unpackedFile('out/main/cli.js')).toBe(false)
    expect(unpackedFile('out/main/worker.js')).toBe(true)
    expect(unpackedFile('node_modules/better-sqlite3/lib/database.js')).toBe(true)
  })

  it('sets Electron’s fuses: no running as Node, no NODE_OPTIONS or inspector, the app only from an intact asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('the store worker runs from the unpacked layout alone (no zod, no bindings, nothing else from node_modules)', async () => {
    const { cpSync, mkdtempSync, readdirSync, rmSync, statSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { relative } = await import('node:path')
    const { minimatch } = require('minimatch') as { minimatch: (p: string, g: string) => boolean }
    const { pooledHost } = await import('../src/main/store/host')
    const { openStore } = await import('../src/main/store/sqlite/open')
    const { insertSeedDemo } = await import('../src/main/store/sqlite/demo')
    // What electron-builder puts in app.asar.unpacked: the shipped files (config.files) that asarUnpack matches.
    const resources = mkdtempSync(join(tmpdir(), 'docusnap-packaged-'))
    const shipped = (p: string) => {
      const included = config.files.filter((g) => !g.startsWith('!')).some((g) => minimatch(p, g)) || p.startsWith('node_modules/better-sqlite3/')
      return included && !config.files.filter((g) => g.startsWith('!')).some((g) => minimatch(p, g.slice(1)))
    }
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]))
    let copied = 0
    for (const file of [...walk(join(ROOT, 'out')), ...walk(join(ROOT, 'node_modules', 'better-sqlite3'))]) {
      const rel = relative(ROOT, file).split('\\').join('/')
      if (!shipped(rel) || !config.asarUnpack.some((g) => minimatch(rel, g))) continue
      cpSync(file, join(resources, 'app.asar.unpacked', rel))
      copied++
    }
    expect(copied).toBeGreaterThan(5)
    // The Electron build goes to resources/ (here the Node build stands in for it: this test runs in Node).
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(resources, 'better_sqlite3.node'))
    const db = join(resources, 'tasks.db')
    const s = openStore(db, { create: true })
    insertSeedDemo(s, { count: 25, seed: 2 })
    s.db.close()
    const host = pooledHost(join(resources, 'app.asar.unpacked', 'out', 'main', 'worker.js'), { nativeBinding: join(resources, 'better_sqlite3.node') })
    try {
      await host.call('db.open', { path: db })
      expect(await host.call('tasks.count', { filter: {} })).toEqual({ count: 25 })
    } finally {
      await host.close()
      rmSync(resources, { recursive: true, force: true })
    }
  })

  it('npm run dist builds the app, then the installers, without publishing', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && node scripts/desktop.js dist')
    // scripts/desktop.js makes sure Electron's binary is there, then runs electron-builder without publishing.
    expect(readFileSync(join(ROOT, 'scripts', 'desktop.js'), 'utf8')).toContain("[bin('electron-builder'), ['--publish', 'never']]")
    expect(pkg.devDependencies['electron-builder']).toBeDefined()
  })

  it('an installed app starts its worker from the unpacked copy', () => {
    const packed = join('/opt', 'DocuSnap Task Admin', 'resources', 'app.asar', 'out', 'main', 'worker.js')
    const real = join('/opt', 'DocuSnap Task Admin', 'resources', 'app.asar.unpacked', 'out', 'main', 'worker.js')
    expect(unpacked(packed, (p) => p === real)).toBe(real)
    expect(unpacked(packed, () => false)).toBe(packed)
    expect(unpacked('/work/out/main/worker.js', () => true)).toBe('/work/out/main/worker.js')
  })
})
