import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent, type ChannelName, type EventName } from '../shared/channels'

// The only thing the page gets: `window.docusnap`, which can call contract channels and listen to contract events.
// No ipcRenderer, no Node. Input is validated in main, where it cannot be tampered with.
const channels = new Set<string>(CHANNEL_NAMES)
const events = new Set<string>(EVENT_NAMES)

contextBridge.exposeInMainWorld('docusnap', {
  call(channel: ChannelName, input: unknown): Promise<unknown> {
    if (!channels.has(channel)) return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown operation ${String(channel)}` } })
    return ipcRenderer.invoke(ipcChannel(channel), input)
  },
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!events.has(event)) return () => undefined
    const wrapped = (_e: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(ipcEvent(event), wrapped)
    return () => ipcRenderer.removeListener(ipcEvent(event), wrapped)
  }
})
