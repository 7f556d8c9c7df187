import type { FromChild } from './protocol'
import type { SpawnConsole } from './spawn'

// The console's process in the desktop app: an Electron utility process (an installed app cannot run its binary as
// Node: electron-builder.json turns the runAsNode fuse off). Given Electron's utilityProcess, so it is tested with a fake.

export interface UtilityProcessLike {
  fork(modulePath: string, args: string[], options: { serviceName: string; stdio: 'ignore' | 'inherit' }): {
    pid?: number
    postMessage(message: unknown): void
    on(event: 'message', listener: (message: unknown) => void): unknown
    once(event: 'exit', listener: () => void): unknown
    kill(): boolean
  }
}

export function electronConsoleSpawner(utility: UtilityProcessLike, file: string, kill: (pid: number) => void = (pid) => process.kill(pid, 'SIGKILL')): SpawnConsole {
  return () => {
    const child = utility.fork(file, [], { serviceName: 'DocuSnap SQL console', stdio: 'inherit' })
    return {
      send: (msg) => child.postMessage(msg),
      onMessage: (fn) => void child.on('message', (m) => fn(m as FromChild)),
      onExit: (fn) => void child.once('exit', fn),
      // At once, even inside a statement: SIGTERM may wait for a handler, SIGKILL does not.
      kill: () => {
        try {
          if (child.pid) kill(child.pid)
          else child.kill()
        } catch {
          child.kill()
        }
      }
    }
  }
}
