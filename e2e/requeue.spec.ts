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

test('on a DocuSnap-Backend file, retry forgets the stored answers of the errored tasks instead of requeueing them', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(800, ['--schema', 'backend'])
  await openApp(db)
  const errors = count(db, ['--status', 'error'])
  const others = count(db, []) - errors
  expect(errors).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Actions' }).click()
  await expect(page.getByRole('menuitem', { name: 'Requeue errored…' })).toHaveCount(0)
  await page.getByRole('menuitem', { name: 'Retry errored (forget answers)…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Retry: forget the stored answers' })
  await expect(dialog.getByText(/each client’s next submission of the document is processed afresh/)).toBeVisible()
  await expect(dialog.getByText(new RegExp(`^This will forget the stored answers of ${errors} tasks`))).toBeVisible()
  await expect(dialog.getByText('Deleted tasks cannot be restored.', { exact: false })).toBeVisible()
  await shot(page, testInfo, 'retry-preview')
  await dialog.getByRole('button', { name: `Forget ${errors} tasks` }).click()
  await expect(dialog.getByText(`The stored answers of ${errors} tasks were forgotten: their next submissions are processed again.`)).toBeVisible()
  // Exactly the errored rows are gone; no status was changed to one the backend would not act on.
  expect(count(db, ['--status', 'error'])).toBe(0)
  expect(count(db, [])).toBe(others)
})
