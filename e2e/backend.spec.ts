import { cli, count, expect, shot, test } from './fixtures'

test('a DocuSnap-Backend tasks.db: client and error facets, encrypted results, and the backend’s own maintenance', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(3000, ['--schema', 'backend'])
  await openApp(db)
  await expect(page.getByText('backend format')).toBeVisible()
  const filters = page.getByRole('complementary', { name: 'Filters' })
  const total = page.getByTestId('task-total')
  await expect(total).toHaveText('3,000 tasks')

  // Client facet and error-code facet agree with the store.
  const clients = Object.keys((cli(['facets', '--db', db]) as { client: Record<string, number> }).client)
  await filters.getByRole('checkbox', { name: new RegExp(`^${clients[0]}`) }).check()
  await expect(total).toHaveText(`${count(db, ['--client', clients[0]!]).toLocaleString('en-US')} tasks`)
  await filters.getByRole('button', { name: 'Clear all' }).click()
  await filters.getByRole('checkbox', { name: /^OCR_FAILURE/ }).check()
  await expect(total).toHaveText(`${count(db, ['--error', 'OCR_FAILURE']).toLocaleString('en-US')} tasks`)
  await filters.getByRole('button', { name: 'Clear all' }).click()
  await shot(page, testInfo, 'backend-grid')

  // A completed task's result is ciphertext: shown as such, with its size, not as a JSON error.
  await filters.getByRole('checkbox', { name: /^completed/ }).check()
  await page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1).click()
  const detail = page.getByRole('complementary', { name: 'Task detail' })
  await expect(detail.getByText(/^Encrypted result \(/)).toBeVisible()
  await expect(detail.getByText('not valid JSON')).toHaveCount(0)
  await shot(page, testInfo, 'backend-detail')
  await detail.getByRole('button', { name: 'Close detail' }).click()
  await filters.getByRole('button', { name: 'Clear all' }).click()

  // Mark stuck work (processing for more than 30 minutes) as PROCESSING_TIMEOUT.
  const stuck = count(db, ['--status', 'processing', '--created-before', String(Math.floor(Date.now() / 1000) - 1800)])
  const timedOutBefore = count(db, ['--error', 'PROCESSING_TIMEOUT'])
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Mark stuck…' }).click()
  let dialog = page.getByRole('dialog', { name: 'Mark stuck work as timed out' })
  if (stuck > 0) {
    await dialog.getByRole('button', { name: new RegExp(`^Mark ${stuck} tasks?$`) }).click()
    await expect(dialog.getByText(new RegExp(`^${stuck} tasks? (was|were) marked as timed out\\.$`))).toBeVisible()
  } else await expect(dialog.getByText('No task matches')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  expect(count(db, ['--error', 'PROCESSING_TIMEOUT'])).toBe(timedOutBefore + stuck)

  // Expire by last access: 6 hours.
  await page.getByRole('button', { name: 'Expire…' }).click()
  dialog = page.getByRole('dialog', { name: 'Expire tasks by last access' })
  await dialog.getByRole('spinbutton', { name: 'Age' }).fill('6')
  await dialog.getByRole('combobox', { name: 'Unit' }).selectOption('hours')
  const cutoff = Math.floor(Date.now() / 1000) - 6 * 3600
  const expiring = count(db, ['--updated-before', String(cutoff)])
  expect(expiring).toBeGreaterThan(0)
  const go = dialog.getByRole('button', { name: /^Delete [\d,]+ tasks?$/ })
  const shownCount = async () => Number(((await go.textContent()) ?? '').replace(/\D/g, ''))
  // The preview follows the settled input; its cutoff was taken a moment before ours.
  await expect.poll(async () => Math.abs((await shownCount()) - expiring)).toBeLessThanOrEqual(2)
  const shown = await shownCount()
  await shot(page, testInfo, 'backend-expire')
  if (shown >= 1000) await dialog.getByRole('textbox', { name: 'Type the number of tasks to confirm' }).fill(String(shown))
  await go.click()
  await expect(dialog.getByText(/tasks? (was|were) deleted\./)).toBeVisible()
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  expect(count(db)).toBe(3000 - shown)

  // Clear one client (the backend's /clear).
  const left = (cli(['facets', '--db', db]) as { client: Record<string, number> }).client
  const [client, n] = Object.entries(left).sort((a, b) => a[1] - b[1])[0]!
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Clear client…' }).click()
  dialog = page.getByRole('dialog', { name: 'Clear a client' })
  await dialog.getByRole('combobox', { name: 'Client id' }).fill(client)
  await dialog.getByRole('button', { name: new RegExp(`^Delete ${n} tasks?$`) }).click()
  await expect(dialog.getByText(/(was|were) deleted\./)).toBeVisible()
  expect(count(db, ['--client', client])).toBe(0)
})
