#!/usr/bin/env node
// Gives Electron its own build of better-sqlite3 without touching the Node build in node_modules, so the tests and the
// CLI (Node's ABI) and the app (Electron's ABI) both work after one `npm install`, in either order, with no manual
// rebuild. Runs before `npm start` / `npm run dev`; does nothing when the right build is already there.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronVersion = require('electron/package.json').version
const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node')

if (existsSync(target)) process.exit(0)

const source = dirname(require.resolve('better-sqlite3/package.json'))
const work = join(root, '.electron-native', 'build')
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) })

const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' })
console.log(`Preparing better-sqlite3 for Electron ${electronVersion}…`)
try {
  // The package's published binary for this Electron version, when there is one.
  run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch])
} catch {
  // Otherwise compile it against Electron's headers with the node-gyp that ships with npm.
  const npmGyp = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
  const gyp = existsSync(npmGyp) ? npmGyp : require.resolve('node-gyp/bin/node-gyp.js')
  run(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'])
}
mkdirSync(dirname(target), { recursive: true })
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
rmSync(work, { recursive: true, force: true })
console.log(`Electron's better-sqlite3 is ready: ${target}`)
