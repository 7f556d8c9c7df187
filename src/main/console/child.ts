import { AppError, toErrorInfo } from '../../shared/errors'
import { CONSOLE_JOURNAL_WRITER_MS } from '../../shared/console'
import * as sqlite from '../store/sqlite/console'
import * as postgres from '../store/pg/console'
import { exportToFile } from '../store/export-file'
import type { ConsoleJob, ConsoleTarget, FromChild, ToChild } from './protocol'

// The SQL console's own process: one connection to the open database, one job at a time. It is a process, not a
// thread, so that a statement SQLite is in the middle of can be stopped at once (the host ends the process; the
// operating system lets go of the file's locks with it).

type Port = { post(msg: FromChild): void; listen(fn: (msg: ToChild) => void): void }

/** An Electron utility process talks through process.parentPort; a Node child through process.send. */
function parentPort(): Port {
  const electron = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', fn: (e: { data: unknown }) => void): void } }).parentPort
  if (electron) return { post: (m) => electron.postMessage(m), listen: (fn) => electron.on('message', (e) => fn(e.data as ToChild)) }
  if (!process.send) throw new Error('console/child.ts runs as a child process of the app')
  return { post: (m) => process.send!(m), listen: (fn) => process.on('message', (m) => fn(m as ToChild)) }
}

const port = parentPort()
type Open = { key: string; sqlite?: sqlite.ConsoleDb; pg?: postgres.ConsolePg; version?: number; changedAt?: number; probed?: boolean }
let open: Open | null = null
const cancels = new Map<number, () => void>()

const keyOf = (t: ConsoleTarget) => (t.engine === 'sqlite' ? `sqlite:${t.path}:${t.pin?.dev ?? ''}:${t.pin?.ino ?? ''}` : `pg:${t.url}`)

async function opened(target: ConsoleTarget): Promise<Open> {
  const key = keyOf(target)
  if (open?.key === key) return open
  const was = open
  open = null
  was?.sqlite?.db.close()
  if (was?.pg) await postgres.closeConsole(was.pg)
  open =
    target.engine === 'sqlite'
      ? { key, sqlite: sqlite.openConsole(target.path, { pin: target.pin, nativeBinding: target.nativeBinding }) }
      : { key, pg: await postgres.openConsole(target.url, target.shown) }
  return open
}

/** How long ago another process committed, as far as this process or the session saw (null: not lately). */
const RECENT_WRITE_MS = 30_000

/**
 * A rollback-journal file another process writes makes that writer wait for every reader: the job then gets at most
 * what a writer with the backend's 5 s busy timeout survives. Writers are seen as the purge pacer sees them, by
 * data_version moving (here between jobs, and over a short look at the first job) or by the session's watch.
 */
async function journalWriter(db: Open, writerSeenMsAgo: number | null): Promise<boolean> {
  const file = db.sqlite
  if (!file || file.wal) return false
  const now = performance.now()
  const v = sqlite.dataVersion(file.db)
  if (db.version !== undefined && v !== db.version) db.changedAt = now
  db.version = v
  if (!db.probed) {
    db.probed = true
    await new Promise((r) => setTimeout(r, 40))
    const later = sqlite.dataVersion(file.db)
    if (later !== v) db.changedAt = performance.now()
    db.version = later
  }
  const seen = (db.changedAt !== undefined && now - db.changedAt < RECENT_WRITE_MS) || (writerSeenMsAgo !== null && writerSeenMsAgo < RECENT_WRITE_MS)
  return seen
}

async function run(id: number, target: ConsoleTarget, job: ConsoleJob, writerSeenMsAgo: number | null): Promise<unknown> {
  const db = await opened(target)
  // The schema is what the view asks for first: its job takes the first look for a writer, so the first query does not.
  const writer = await journalWriter(db, writerSeenMsAgo)
  if (job.kind !== 'schema' && writer && job.timeoutMs > CONSOLE_JOURNAL_WRITER_MS) {
    job = { ...job, timeoutMs: CONSOLE_JOURNAL_WRITER_MS }
    port.post({ type: 'limit', id, ms: CONSOLE_JOURNAL_WRITER_MS, reason: 'journal-writer' })
  }
  const batch = (b: { columns?: unknown; rows: unknown[] }) => port.post({ type: 'batch', id, ...(b as Omit<Extract<FromChild, { type: 'batch' }>, 'type' | 'id'>) })
  let pid = 0
  const onPid = (p: number) => {
    pid = p
  }
  if (db.pg) cancels.set(id, () => void postgres.cancel(db.pg!, pid))
  const controller = new AbortController()
  if (db.sqlite) cancels.set(id, () => controller.abort())
  const pgLimits = job.kind === 'schema' ? { timeoutMs: 10_000 } : { timeoutMs: job.timeoutMs + 1000 }
  switch (job.kind) {
    case 'rows':
      return db.sqlite ? sqlite.readRows(sqlite.prepareRead(db.sqlite.db, job.sql), job.limit, batch) : postgres.readRows(db.pg!, job.sql, { ...pgLimits, limit: job.limit }, onPid, batch)
    case 'explain':
      return db.sqlite ? sqlite.explain(db.sqlite.db, job.sql) : postgres.explain(db.pg!, job.sql, pgLimits, onPid)
    case 'schema':
      return db.sqlite ? { ...sqlite.schema(db.sqlite.db), wal: db.sqlite.wal } : postgres.schema(db.pg!, onPid)
    case 'export': {
      const options = { format: job.format, bom: job.bom, rawTimes: true, signal: controller.signal, onProgress: ({ done }: { done: number }) => port.post({ type: 'progress', id, done }) }
      if (db.sqlite) return exportToFile(sqlite.exportSource(db.sqlite.db, job.sql), job.path, options)
      const { source, done } = postgres.exportSource(db.pg!, job.sql, pgLimits, onPid)
      const read = await source
      try {
        return await exportToFile(read, job.path, options)
      } finally {
        // The cursor's transaction ends once its pages are read or given up.
        await read.close?.()
        await done
      }
    }
  }
}

port.listen((msg) => {
  if (msg.type === 'cancel') return cancels.get(msg.id)?.()
  run(msg.id, msg.target, msg.job, msg.writerSeenMsAgo)
    .then((value) => port.post({ type: 'done', id: msg.id, value }))
    .catch((e: unknown) => {
      // A connection that failed is opened again by the next job.
      if (e instanceof AppError && e.code === 'IO') open = null
      port.post({ type: 'error', id: msg.id, error: toErrorInfo(e) })
    })
    .finally(() => cancels.delete(msg.id))
})
