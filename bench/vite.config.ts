import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// `npm run bench` builds the bench on its own, beside the app (electron-vite builds the app): a developer tool the
// installers never see. Node's build: packages stay in node_modules, where the bench runs from.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'index.ts'),
    outDir: resolve(import.meta.dirname, '../out/bench'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'index.js' } }
  }
})
