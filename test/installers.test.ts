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

  it('ships the built app and handles the native module', () => {
    expect(config.files).toContain('out/**')
    // The entry points package.json names are inside what is shipped.
    expect(pkg.main).toMatch(/^\.\/out\/main\//)
    // better-sqlite3 is rebuilt for the packaged Electron and kept outside the asar archive, with the worker that loads it.
    expect(config.npmRebuild).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', 'out/main/**']))
    expect(pkg.dependencies['better-sqlite3']).toBeDefined()
    // The checkout's own Electron build of the module never goes into an installer.
    expect(config.files.some((f) => f.includes('.electron-native'))).toBe(false)
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
