import { count, expect, shot, test } from './fixtures'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

test('read-only mode hides every write and changes nothing', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(120)
  const hash = () => createHash('sha256').update(readFileSync(db)).digest('hex')
  const before = hash()
  await openApp(db, ['--read-only'])
  await expect(page.getByText('read-only', { exact: true })).toBeVisible()
  for (const name of ['Clean up…', 'Actions', 'Delete selected'])
    await expect(page.getByRole('button', { name })).toHaveCount(0)
  await page.getByRole('grid', { name: 'Tasks' }).getByRole('checkbox', { name: 'Select all loaded tasks' }).check()
  await expect(page.getByRole('button', { name: 'Delete selected' })).toHaveCount(0)
  await page.getByRole('grid', { name: 'Tasks' }).press('Delete')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.getByRole('tab', { name: 'Overview' }).click()
  await expect(page.getByText('Read-only', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Compact database…' })).toHaveCount(0)
  await shot(page, testInfo, 'read-only')
  expect(count(db)).toBe(120)
  expect(hash()).toBe(before)
})
