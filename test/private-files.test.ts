import { lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../src/main/settings/settings-store'
import { exportToFile } from '../src/main/store/export-file'
import { SqliteEngine } from '../src/main/store/sqlite/engine'
import { insertSeedDemo } from '../src/main/store/sqlite/demo'
import { openStore } from '../src/main/store/sqlite/open'
import { tempDir } from './helpers'

// Temporary files are created exclusively, under names nobody can plant beforehand, 0600 (issue 24.4): the names the
// old code used are planted here as links to a file that must not change.

describe('files written beside their target', () => {
  it('settings are saved 0600 through a private temporary file; a link planted at the old temporary name is not written through', () => {
    const dir = tempDir()
    const file = join(dir, 'settings.json')
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'keep me')
    symlinkSync(victim, `${file}.${process.pid}.tmp`)
    const store = new SettingsStore(file)
    store.update({ theme: 'dark' })
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark' })
  })

  it('an export is written 0600 through a private temporary file; a link planted at the old partial name is not written through', async () => {
    const dir = tempDir()
    const db = join(dir, 'tasks.db')
    const s = openStore(db, { create: true })
    insertSeedDemo(s, { count: 50, seed: 3 })
    s.db.close()
    const out = join(dir, 'out.csv')
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'keep me')
    symlinkSync(victim, `${out}.partial-${process.pid}`)
    const engine = SqliteEngine.open(db, { readOnly: true })
    try {
      const r = await exportToFile(await engine.exportSource({}, { withResult: false }, 0), out, { format: 'csv', withResult: false })
      expect(r.exported).toBe(50)
    } finally {
      await engine.close()
    }
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
    expect(lstatSync(out).isFile()).toBe(true)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(51)
  })
})
