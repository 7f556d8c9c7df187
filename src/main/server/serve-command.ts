import type { Values } from '../cli/args'
import type { Io } from '../cli/commands'

export async function serveCommand(_v: Values, _env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  io.err('docusnap-tasks: serve mode is not built yet.')
  return 1
}
