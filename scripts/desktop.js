#!/usr/bin/env node
// `npm start`, `npm run dev` and `npm run dist`: make sure what the desktop app needs is there — a Node.js that can
// install Electron, a display (start/dev), Electron's binary, better-sqlite3 built for Electron's ABI — then hand over
// to electron-vite (or electron-builder). Every way the first start can fail ends in one message, without a stack.
// Usage: node scripts/desktop.js start|dev|dist [-- app arguments]
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronPackage, ensureElectron } from './desktop/electron-binary.js'
import { ensureNativeModule } from './desktop/native-module.js'
import { displayProblem, nodeProblem } from './desktop/preflight.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [mode = '', ...rest] = process.argv.slice(2)
const appArgs = rest[0] === '--' ? rest.slice(1) : rest
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

function fail(message) {
  console.error(`docusnap: ${message}`)
  process.exit(1)
}

if (!['start', 'dev', 'dist'].includes(mode)) fail('usage: node scripts/desktop.js start|dev|dist [-- app arguments]')
const problem = nodeProblem() ?? (mode === 'dist' ? null : displayProblem())
if (problem) fail(problem)

let executable
try {
  executable = ensureElectron({ root })
  const { version, abi } = electronPackage(root)
  const native = ensureNativeModule({ root, electronVersion: version, electronAbi: abi })
  if (mode === 'dist') {
    // The installer ships this build as a resource (electron-builder.json, extraResources); node_modules keeps the
    // Node build, so the CLI and the tests still work after `npm run dist`.
    const staged = join(root, '.electron-native', 'package', 'better_sqlite3.node')
    mkdirSync(dirname(staged), { recursive: true })
    copyFileSync(native, staged)
  }
} catch (e) {
  fail(e instanceof Error ? e.message : String(e))
}

// electron-vite runs the executable named here instead of reading path.txt (which ELECTRON_OVERRIDE_DIST_PATH skips).
const env = { ...process.env, ELECTRON_EXEC_PATH: executable }
const [command, args] =
  mode === 'dist'
    ? [bin('electron-builder'), ['--publish', 'never']]
    : [bin('electron-vite'), [mode === 'start' ? 'preview' : 'dev', ...(appArgs.length ? ['--', ...appArgs] : [])]]
const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' })
if (result.error) fail(`could not run ${command}: ${result.error.message}`)
process.exit(result.status ?? 1)
