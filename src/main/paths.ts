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

export const builtPaths = (root = appRoot()) => ({
  renderer: join(root, 'out', 'renderer'),
  worker: join(root, 'out', 'main', 'worker.js'),
  preload: join(root, 'out', 'preload', 'index.cjs')
})
