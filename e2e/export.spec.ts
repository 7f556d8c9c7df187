import { readFileSync } from 'node:fs'
import { count, expect, shot, test } from './fixtures'

test('export the tasks matching a filter as a CSV download (serve mode)', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(400)
  await openApp(db)
  await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^error/ }).check()
  const errors = count(db, ['--status', 'error'])
  await expect(page.getByTestId('task-total')).toHaveText(`${errors} tasks`)
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export tasks' })
  await dialog.getByRole('checkbox', { name: /Include results/ }).check()
  await dialog.getByRole('checkbox', { name: /byte-order mark/ }).check()
  await shot(page, testInfo, 'export-dialog')
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toMatch(/^tasks-\d{8}\d{6}\.csv$/)
  const text = readFileSync((await download.path())!, 'utf8')
  expect(text.startsWith('\ufeffid,type,status,created_at,updated_at,result\r\n')).toBe(true)
  // Every exported row is an error task: one header line plus one line per task (results are single-line JSON).
  const lines = text.slice(1).split('\r\n').filter(Boolean)
  expect(lines).toHaveLength(errors + 1)
  expect(lines.slice(1).every((l) => l.split(',')[2] === 'error')).toBe(true)
  await expect(dialog.getByText('The download has started')).toBeVisible()
})
