// A bulk job behind another session's lock must not look frozen: after WAIT_NOTICE_MS of waiting, its progress says
// what it waits for (`waiting: 'lock'`), until the lock is ours. PostgreSQL's statements are awaited, so a timer
// beside them tells; SQLite's busy handler waits inside a synchronous call, so the write lock is taken here in short
// tries with the event loop free between them, for as long as the connection's busy timeout would have waited.

export const WAIT_NOTICE_MS = 1500

/** Runs `work`, calling `onWaiting` once if it is still running after `ms`. */
export async function noticeWait<T>(work: Promise<T>, onWaiting: () => void, ms = WAIT_NOTICE_MS): Promise<T> {
  const timer = setTimeout(onWaiting, ms)
  try {
    return await work
  } finally {
    clearTimeout(timer)
  }
}
