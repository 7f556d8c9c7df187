import { CHANNEL_NAMES, ipcChannel } from '../shared/channels'
import type { Reply } from '../shared/contract'
import type { Dispatch } from './handlers'

/** The part of Electron's ipcMain this module uses (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string; parent: unknown } | null }, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/**
 * Registers every contract channel on ipcMain: check the sender is the app's own page, then hand the raw input to
 * the dispatcher, which validates it. Returns a function that removes the handlers.
 */
export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, trusted: (frame: { url: string; parent: unknown } | null) => boolean): () => void {
  for (const name of CHANNEL_NAMES) {
    ipc.handle(ipcChannel(name), async (event, input): Promise<Reply<unknown>> => {
      if (!trusted(event.senderFrame))
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This window is not allowed to use the database.' } }
      return dispatch(name, input)
    })
  }
  return () => CHANNEL_NAMES.forEach((name) => ipc.removeHandler(ipcChannel(name)))
}
