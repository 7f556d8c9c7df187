import Database from 'better-sqlite3'
import { count, expect, shot, test } from './fixtures'

// A status or type that is the empty string (the seed module stores whatever it is given) reads "(empty)" in italics
// wherever it is shown, and can be picked knowingly (issue 30.2); a missing one reads "(none)".

test('empty and missing values are shown as such in facets, cells, detail and overview, and can be filtered on', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(200)
  const raw = new Database(db)
  raw.prepare("INSERT INTO tasks (id, type, status, result, created_at) VALUES ('blank-status', 'form', '', NULL, ?)").run(Math.floor(Date.now() / 1000))
  raw.prepare("INSERT INTO tasks (id, type, status, result, created_at) VALUES ('blank-type', '', 'pending', NULL, ?)").run(Math.floor(Date.now() / 1000) - 60)
  raw.close()
  await openApp(db)
  const filters = page.getByRole('complementary', { name: 'Filters' })
  const empty = filters.getByRole('checkbox', { name: /^\(empty\)/ })
  await expect(empty).toHaveCount(2)
  await expect(filters.locator('em', { hasText: '(empty)' }).first()).toBeVisible()
  // Picked with the keyboard, as a person would.
  await empty.first().focus()
  await page.keyboard.press('Space')
  await expect(page).toHaveURL(/[?&]status=(&|$)/)
  await expect(page.getByTestId('task-total')).toHaveText('1 task')
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(grid.getByRole('row').nth(1)).toContainText('(empty)')
  await grid.getByRole('row').nth(1).click()
  await expect(page.getByRole('complementary', { name: 'Task detail' }).locator('em', { hasText: '(empty)' })).toBeVisible()
  await shot(page, testInfo, 'empty-status')
  // The filter survives a reload: ?status= is the empty value.
  await page.reload()
  await expect(page.getByTestId('task-total')).toHaveText('1 task')
  expect(count(db, ['--status', ''])).toBe(1)
  await page.keyboard.press('Escape')
  await page.getByRole('tab', { name: 'Overview' }).click()
  await expect(page.getByRole('region', { name: 'By type' }).getByRole('button', { name: /^\(empty\)/ })).toBeVisible()
  await shot(page, testInfo, 'empty-overview')
})
