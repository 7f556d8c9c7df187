import { redactSecrets } from '../../shared/redact'
import { runCli } from './run'

// The `docusnap-tasks` entry point: wires the process to runCli. Ctrl-C aborts long operations between chunks
// (a second Ctrl-C exits at once).
const controller = new AbortController()
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130)
  controller.abort()
})

// A password typed on the command line is readable by every local user in /proc/PID/cmdline and `ps`: the process
// title (which overwrites that memory on Linux) is the command line without it, at once. runCli says so to the user.
const argv = process.argv.slice(2)
const shown = argv.map(redactSecrets)
if (shown.some((a, i) => a !== argv[i])) process.title = ['docusnap-tasks', ...shown].join(' ')

const code = await runCli(argv, {
  env: process.env,
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stderr: process.stderr,
    signal: controller.signal
  }
})
process.exitCode = code
