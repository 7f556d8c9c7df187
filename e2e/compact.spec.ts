import { cli, expect, shot, test } from './fixtures'

test('compact the database shows the size before and after; suggested indexes can be added', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(3000)
  cli(['purge', '--status', 'completed', '--yes', '--db', db])
  const { default: Database } = await import('better-sqlite3')
  const raw = new Database(db)
  raw.exec('DROP INDEX idx_tasks_type_created')
  raw.close()
  await openApp(db)
  await page.getByRole('tab', { name: 'Overview' }).click()
  await expect(page.getByText(/suggested index \(idx_tasks_type_created\)/)).toBeVisible()
  await page.getByRole('button', { name: 'Add indexes…' }).click()
  await page.getByRole('dialog', { name: 'Add suggested indexes' }).getByRole('button', { name: 'Add indexes' }).click()
  await expect(page.getByRole('dialog').getByText('Added idx_tasks_type_created.')).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click()
  await expect(page.getByText(/suggested index/)).toBeHidden()

  const before = (cli(['stats', '--db', db]) as { file_bytes: number }).file_bytes
  await page.getByRole('button', { name: 'Compact database…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compact database' })
  await dialog.getByRole('button', { name: 'Compact' }).click()
  await expect(dialog.getByText(/^Compacted: .* → .* \(saved .*\)\.$/)).toBeVisible()
  await shot(page, testInfo, 'compact-done')
  const after = (cli(['stats', '--db', db]) as { file_bytes: number }).file_bytes
  expect(after).toBeLessThan(before)
})
