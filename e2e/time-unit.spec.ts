import Database from 'better-sqlite3'
import { join } from 'node:path'
import { scan } from './axe'
import { expect, fileHash as hash, shot, test } from './fixtures'

// A file whose writer stored Date.now() (issue 30.3): the app says the times look like milliseconds, once; the answer
// is remembered for the file; filters use the same unit; the file is never rewritten.

const DAY = 86_400

for (const scheme of ['light', 'dark'] as const)
  test(`times in milliseconds: asked once, shown as dates, filtered in the file's unit, file unchanged (${scheme})`, async ({ page, workdir, openApp }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme })
    const db = join(workdir, 'ms.db')
    const raw = new Database(db)
    raw.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER)')
    const now = Date.now()
    const insert = raw.prepare("INSERT INTO tasks VALUES (?, 'form', 'completed', NULL, ?, ?)")
    // One task every 12 hours back from 6 hours ago, in no particular order: 6 in the last 3 days, 30 in all.
    for (const i of [29, 0, 15, ...Array.from({ length: 30 }, (_, k) => k).filter((k) => ![29, 0, 15].includes(k))])
      insert.run(`task-${i}`, now - (i * DAY) / 2 * 1000 - 6 * 3600 * 1000, now - (i * DAY) / 2 * 1000 - 6 * 3600 * 1000 + 850)
    raw.close()
    const before = hash(db)
    await openApp(db)
    const notice = page.getByRole('status').filter({ hasText: 'look like milliseconds' })
    await expect(notice).toBeVisible()
    const grid = page.getByRole('grid', { name: 'Tasks' })
    await expect(grid.getByRole('row').nth(1)).toContainText(/in [\d,]+ yr\./)
    await shot(page, testInfo, `ms-asked-${scheme}`)
    await scan(page, 'time unit notice')
    // Chosen with the keyboard.
    await notice.getByRole('button', { name: 'Show as milliseconds' }).focus()
    await page.keyboard.press('Enter')
    await expect(notice).toHaveCount(0)
    await expect(page.getByRole('note').filter({ hasText: 'Times are read as milliseconds' })).toBeVisible()
    await expect(grid.getByRole('row').nth(1)).toContainText(/\d+ hr\. ago/)
    await expect(page.getByTestId('task-total')).toHaveText('30 tasks')
    // A preset filter cuts in the file's unit: the last 24 hours hold the tasks of 6 and 18 hours ago.
    const filters = page.getByRole('complementary', { name: 'Filters' })
    await filters.getByRole('group', { name: 'Created presets' }).getByRole('button', { name: '24 h' }).click()
    await expect(page.getByTestId('task-total')).toHaveText('2 tasks')
    await filters.getByRole('group', { name: 'Created presets' }).getByRole('button', { name: '24 h' }).click()
    await filters.getByRole('spinbutton', { name: 'Older than days' }).pressSequentially('7')
    // 7 days back: the tasks of 7 d 6 h ago and older (i = 14 … 29).
    await expect(page.getByTestId('task-total')).toHaveText('16 tasks')
    await shot(page, testInfo, `ms-chosen-${scheme}`)
    await scan(page, 'read as milliseconds')
    // Remembered: a reload does not ask again.
    await page.reload()
    await expect(page.getByRole('note').filter({ hasText: 'Times are read as milliseconds' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'look like milliseconds' })).toHaveCount(0)
    // The detail shows the duration under a second that milliseconds make possible.
    await filters.getByRole('spinbutton', { name: 'Older than days' }).clear()
    await grid.getByRole('row').nth(1).click()
    await expect(page.getByRole('complementary', { name: 'Task detail' })).toContainText('850 ms')
    // And back to seconds, in one click; nothing in the file changed at any point.
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Read as seconds' }).click()
    await expect(grid.getByRole('row').nth(1)).toContainText(/in [\d,]+ yr\./)
    expect(hash(db)).toBe(before)
  })
