#!/usr/bin/env node
// The command line is built with the app (npm install runs the build through `prepare`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('docusnap-tasks: the app is not built yet; run `npm run build` in the project folder.\n')
  process.exit(1)
}
await import(cli.href)
