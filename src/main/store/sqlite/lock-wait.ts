import type Database from 'better-sqlite3'
import { WAIT_NOTICE_MS } from '../model/lock-wait'

const TRY_MS = 100
const busy = (e: unknown) => /^SQLITE_BUSY/.test((e as { code?: string }).code ?? '')

/**
 * `BEGIN IMMEDIATE`, then `body`, then COMMIT (ROLLBACK if the body throws). The lock is asked for in tries of
 * TRY_MS; `onWaiting` is told once the wait passes WAIT_NOTICE_MS; past the busy timeout the last SQLITE_BUSY is thrown,
 * as the busy handler would have. The commit waits with the connection's own busy timeout.
 */
export async function immediateTransaction<T>(db: Database.Database, body: () => T, onWaiting: () => void, now: () => number = () => performance.now()): Promise<T> {
  const timeout = Number(db.pragma('busy_timeout', { simple: true }))
  const started = now()
  let told = false
  for (;;) {
    db.pragma(`busy_timeout = ${Math.min(TRY_MS, timeout)}`)
    try {
      db.exec('BEGIN IMMEDIATE')
      break
    } catch (e) {
      if (!busy(e) || now() - started >= timeout) throw e
    } finally {
      db.pragma(`busy_timeout = ${timeout}`)
    }
    if (!told && now() - started >= WAIT_NOTICE_MS) {
      told = true
      onWaiting()
    }
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  try {
    const value = body()
    db.exec('COMMIT')
    return value
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  }
}
