import Database from 'better-sqlite3'
import { join } from 'node:path'
import { SEED_TABLE_SQL } from '../src/main/store/sqlite/seed'
import { expect, test } from './fixtures'

// A file as the seed module's init_db leaves it (its key, no other index), big enough that sorting it is a walk
// over the whole table: the grid still shows the newest tasks, says what the missing index costs, and offers it.
test('a file without a time index: newest tasks first, the cost said quietly, the index offered and added on request', async ({ page, workdir, openApp }) => {
  const path = join(workdir, 'seed-module.db')
  const db = new Database(path)
  // The seed module's own DDL, byte for byte, and nothing else.
  db.exec(SEED_TABLE_SQL)
  const now = Math.floor(Date.now() / 1000)
  // 200,000 tasks in no time order, random uuid-like ids.
  db.prepare(
    `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
     INSERT INTO tasks SELECT lower(hex(randomblob(16))), 'document', 'completed', '{"ok": true}', ? - abs(random()) % 2592000, NULL FROM c`
  ).run(now)
  db.prepare("INSERT INTO tasks VALUES ('the-newest', 'form', 'pending', NULL, ?, NULL)").run(now + 60)
  const second = db.prepare('SELECT id FROM tasks ORDER BY created_at DESC LIMIT 1 OFFSET 1').pluck().get() as string
  db.close()

  await openApp(path)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(grid.getByRole('row').nth(1)).toContainText('the-newest')
  await expect(grid.getByRole('row').nth(2)).toContainText(second.slice(0, 12))
  const note = page.getByRole('note').filter({ hasText: 'No index on Created' })
  await expect(note).toContainText(/each new view reads the whole file \(\d+\.\d s here\)/)
  // Offered, never added on its own: the file has no index until the user asks.
  const indexes = () => {
    const check = new Database(path, { readonly: true })
    const n = check.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().get()
    check.close()
    return n
  }
  expect(indexes()).toBe(0)
  await note.getByRole('button', { name: 'Add index…' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Add suggested indexes' })
  await dialog.getByRole('button', { name: 'Add indexes' }).click()
  // Building indexes over 200,000 rows takes what the machine takes: the wait ends with the summary, not a pace.
  await expect(dialog.getByText(/^Added /)).toBeVisible({ timeout: 60_000 })
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  expect(indexes()).toBeGreaterThan(0)
  // With the index, the notice goes and the order stays.
  await expect(note).toHaveCount(0)
  await expect(grid.getByRole('row').nth(1)).toContainText('the-newest')
})
