import { renameSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../src/main/handlers'
import { servedFiles } from '../src/main/path-policy'
import { inProcessHost, type StoreHost } from '../src/main/store/host'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { pinFile } from '../src/main/store/sqlite/file-identity'
import { openStore } from '../src/main/store/sqlite/open'
import { tempDir } from './helpers'

// A path checked is not the file opened (issue 24.3): the swap of a checked file for a symbolic link to another one,
// between the policy's look and SQLite's open, is made here at exactly that moment instead of being raced for.

function seedFile(path: string, count: number): string {
  const s = openStore(path, { create: true })
  insertSeedDemo(s, { count, seed: count })
  s.db.close()
  return path
}

/** A host that swaps the named file for a link to `secret` when the open reaches it (after the policy's check). */
function swappingHost(inner: StoreHost, file: string, secret: string): StoreHost {
  return {
    ...inner,
    call: (channel, input) => {
      if (channel === 'db.open') {
        renameSync(file, `${file}.moved`)
        symlinkSync(secret, file)
      }
      return inner.call(channel, input)
    }
  }
}

describe('what was checked is what is opened', () => {
  it('openStore refuses, and closes, a file that is not the pinned one', () => {
    const dir = tempDir()
    const checked = seedFile(join(dir, 'checked.db'), 10)
    const other = seedFile(join(dir, 'other.db'), 20)
    const pin = pinFile(checked)
    expect(openStore(checked, { pin, readOnly: true }).dialect.kind).toBe('seed')
    expect(() => openStore(other, { pin, readOnly: true })).toThrow(/changed while it was being opened/)
  })

  it('serve mode: a file in an --allow-dir folder swapped for a link to a private file after the check is refused, and nothing is open', async () => {
    const allowed = tempDir()
    const secret = seedFile(join(tempDir(), 'private.db'), 33)
    const file = seedFile(join(allowed, 'tasks.db'), 10)
    const inner = inProcessHost({ watchMs: 0 })
    try {
      const dispatch = createDispatcher(swappingHost(inner, file, secret), { carrier: 'http', version: 't', readOnly: false, paths: servedFiles([], [allowed]), pins: new Map() })
      const reply = await dispatch('db.open', { path: file })
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/changed while it was being opened/) } })
      expect(await inner.call('db.current', {})).toBeNull()
    } finally {
      await inner.close()
    }
  })

  it('serve mode: a symbolic link at the last component of a path in an --allow-dir folder is refused; the real file opens', async () => {
    const allowed = tempDir()
    const file = seedFile(join(allowed, 'tasks.db'), 10)
    symlinkSync(file, join(allowed, 'link.db'))
    const host = inProcessHost({ watchMs: 0 })
    try {
      const dispatch = createDispatcher(host, { carrier: 'http', version: 't', readOnly: false, paths: servedFiles([], [allowed]) })
      expect(await dispatch('db.open', { path: join(allowed, 'link.db') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await dispatch('db.open', { path: file })).toMatchObject({ ok: true, value: { path: file } })
    } finally {
      await host.close()
    }
  })
})
