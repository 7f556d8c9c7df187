import { count, expect, shot, test } from './fixtures'

test('requeue errored tasks back to pending', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(600)
  await openApp(db)
  const errors = count(db, ['--status', 'error'])
  const pending = count(db, ['--status', 'pending'])
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Requeue errored…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Requeue errored tasks' })
  await expect(dialog.getByText(`This will requeue ${errors} tasks`)).toBeVisible()
  await shot(page, testInfo, 'requeue-preview')
  await dialog.getByRole('button', { name: `Requeue ${errors} tasks` }).click()
  await expect(dialog.getByText(`${errors} tasks were requeued.`)).toBeVisible()
  expect(count(db, ['--status', 'error'])).toBe(0)
  expect(count(db, ['--status', 'pending'])).toBe(pending + errors)
})
