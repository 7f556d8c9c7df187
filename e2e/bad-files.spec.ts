import { copyFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, shot, test } from './fixtures'

test('a file that is not a task database: the page says which file and why, and offers to open another', async ({ page, workdir, openApp }, testInfo) => {
  const notes = join(workdir, '笔记 notes.db')
  writeFileSync(notes, 'this is not SQLite')
  await openApp(notes)
  await expect(page.getByRole('heading', { name: 'Open a task database' })).toBeVisible()
  // The message names the file once (it used to read "Could not open X: X is not…").
  await expect(page.getByText(`${notes} is not a SQLite database (or it is encrypted): its header is not SQLite's.`, { exact: true })).toBeVisible()
  await shot(page, testInfo, 'bad-file')
})

test('the database deleted while open: a clear message, and "Open again" once it is back', async ({ page, seedDb, workdir, openApp }, testInfo) => {
  const db = seedDb(40)
  await openApp(db)
  await expect(page.getByTestId('task-total')).toHaveText('40 tasks')
  const aside = join(workdir, 'moved-away.db')
  copyFileSync(db, aside)
  renameSync(db, join(workdir, 'elsewhere.db'))
  await expect(page.getByText(/was deleted or moved while it was open/)).toBeVisible()
  await shot(page, testInfo, 'deleted')
  renameSync(aside, db)
  await page.getByRole('button', { name: 'Open again' }).click()
  await expect(page.getByTestId('task-total')).toHaveText('40 tasks')
})
