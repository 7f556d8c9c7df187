import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder holding the built app (the one with package.json), found by walking up from this module: bundling
 * may place this code in the entry file or in a shared chunk one level deeper.
 */
export function appRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('Cannot find the app folder (package.json) above the running code.')
    dir = up
  }
}

/**
 * In an installed app the code sits in app.asar; the store's worker (and the native module it loads) are unpacked
 * next to it (electron-builder.json, asarUnpack), and a worker thread is started from the real file.
 */
export function unpacked(path: string, exists: (p: string) => boolean = existsSync): string {
  const real = path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked')
  return real !== path && exists(real) ? real : path
}

export const builtPaths = (root = appRoot()) => ({
  renderer: join(root, 'out', 'renderer'),
  worker: unpacked(join(root, 'out', 'main', 'worker.js')),
  console: unpacked(join(root, 'out', 'main', 'console.js')),
  preload: join(root, 'out', 'preload', 'index.cjs')
})
