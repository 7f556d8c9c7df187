import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// Three builds, one config. The main build has four entries because the same store code serves the Electron
// main process, the command line, the store worker thread and the SQL console's process; none of them may import `electron` except index.
export default defineConfig({
  main: {
    build: {
      // Pure-JavaScript dependencies are bundled: an installed app's store worker runs from outside the asar archive
      // (app.asar.unpacked), where node_modules holds only better-sqlite3, the one native module, which stays external. node-postgres is pure
      // JavaScript (its optional pg-native binding is never asked for) and is bundled too.
      externalizeDeps: { exclude: ['zod', 'i18next', 'pg', 'pg-cursor', 'pgpass', 'pg-connection-string'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          worker: resolve('src/main/store/worker.ts'),
          // The SQL console's own process (console/child.ts): ended to stop a statement SQLite is inside.
          console: resolve('src/main/console/child.ts')
        }
      }
    }
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module, even though the package is "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: resolve('src/renderer/index.html') } },
    resolve: { alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') } },
    plugins: [react(), tailwindcss()]
  }
})
