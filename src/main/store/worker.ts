import { parentPort, workerData } from 'node:worker_threads'
import { toErrorInfo } from '../../shared/errors'
import type { FromWorker, ToWorker } from './worker-protocol'
import { StoreSession, type SessionOptions } from './session'

// The store's thread: one session, answering calls posted by host.ts. Purges await between chunks, so a cancel
// (another call) is read while they run.
const port = parentPort
if (!port) throw new Error('worker.ts must run as a worker thread')

const post = (msg: FromWorker) => port.postMessage(msg)
const session = new StoreSession((event, payload) => post({ type: 'event', event, payload }), workerData as SessionOptions)

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'close') {
    // A PostgreSQL pool closes its connections first, so the server sees them end rather than drop.
    void session.dispose().finally(() => port.close())
    return
  }
  session
    .handle(msg.channel, msg.input as never)
    .then((value) => post({ type: 'reply', id: msg.id, ok: true, value }))
    .catch((e: unknown) => post({ type: 'reply', id: msg.id, ok: false, error: toErrorInfo(e) }))
})
