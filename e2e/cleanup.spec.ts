import { count, expect, shot, test } from './fixtures'

test('clean up: tasks older than N days (default 7, editable)', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(1500)
  await openApp(db)
  await page.getByRole('button', { name: 'Clean up…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clean up old tasks' })
  await expect(dialog.getByRole('spinbutton', { name: 'Days' })).toHaveValue('7')
  const older7 = count(db, ['--older-than', '7'])
  await expect(dialog.getByText(`This will delete ${older7.toLocaleString('en-US')} tasks`)).toBeVisible()
  await dialog.getByRole('spinbutton', { name: 'Days' }).fill('20')
  const older20 = count(db, ['--older-than', '20'])
  await expect(dialog.getByText(`This will delete ${older20.toLocaleString('en-US')} tasks`)).toBeVisible()
  await shot(page, testInfo, 'cleanup-preview')
  await dialog.getByRole('button', { name: new RegExp(`^Delete ${older20.toLocaleString('en-US')} task`) }).click()
  await expect(dialog.getByText(`${older20.toLocaleString('en-US')} tasks were deleted.`)).toBeVisible()
  expect(count(db, ['--older-than', '20'])).toBe(0)
  expect(count(db)).toBe(1500 - older20)
})
