import { fork } from 'node:child_process'
import type { FromChild, ToChild } from './protocol'

// How the console's process is started: a Node child here (serve mode, the CLI, tests); the desktop app passes
// Electron's utility process instead (index.ts), since an installed app cannot run its binary as Node.

export interface ConsoleProcess {
  send(msg: ToChild): void
  onMessage(fn: (msg: FromChild) => void): void
  onExit(fn: () => void): void
  kill(): void
  /** The operating system's id of the process, where known (the bench reads its memory). */
  pid?: number
}

export type SpawnConsole = () => ConsoleProcess

export function nodeConsoleSpawner(file: string): SpawnConsole {
  return () => {
    // No inherited --inspect or loader flags; the child's output is the app's stderr.
    const child = fork(file, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    child.on('error', () => undefined)
    return {
      send: (msg) => {
        if (child.connected) child.send(msg)
      },
      onMessage: (fn) => void child.on('message', (m) => fn(m as FromChild)),
      onExit: (fn) => void child.once('exit', fn),
      kill: () => void child.kill('SIGKILL'),
      pid: child.pid
    }
  }
}
