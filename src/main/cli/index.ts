import { runCli } from './run'

// The `docusnap-tasks` entry point: wires the process to runCli. Ctrl-C aborts long operations between chunks
// (a second Ctrl-C exits at once).
const controller = new AbortController()
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130)
  controller.abort()
})

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stderr: process.stderr,
    signal: controller.signal
  }
})
process.exitCode = code
