import { count, expect, shot, test } from './fixtures'

test('the Overview opens the task list filtered to a status, a type, or a day’s bar', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(800)
  await openApp(db)
  const overviewTab = page.getByRole('tab', { name: 'Overview' })
  await overviewTab.click()
  const errors = count(db, ['--status', 'error'])
  // Keyboard: Tab to the status row and press Enter.
  // Named by what it shows, as a voice-control user would say it; what it does is its description.
  const statusRow = page.getByRole('button', { name: new RegExp(`^error\\s*${errors}\\s*\\d+%$`) })
  await expect(statusRow).toHaveAccessibleDescription('Shows these tasks in the task list')
  await statusRow.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('task-total')).toHaveText(`${errors} tasks`)
  await expect(page).toHaveURL(/status=error/)
  // A type row.
  await overviewTab.click()
  const forms = count(db, ['--type', 'form'])
  await page.getByRole('button', { name: new RegExp(`^form\\s*${forms}\\s*\\d+%$`) }).click()
  await expect(page.getByTestId('task-total')).toHaveText(`${forms} tasks`)
  await expect(page).toHaveURL(/type=form/)
  await expect(page).not.toHaveURL(/status=/)
  // A bar of the chart: that status, created that day.
  await overviewTab.click()
  const bar = page.locator('.recharts-bar-rectangle path').last()
  await expect(bar).toBeVisible()
  await shot(page, testInfo, 'overview')
  await bar.click()
  await expect(page).toHaveURL(/created_from=\d+&created_to=\d+|created_to=\d+.*created_from=\d+|created_from=.*created_to=/)
  const url = new URL(page.url())
  const from = Number(url.searchParams.get('created_from'))
  const to = Number(url.searchParams.get('created_to'))
  expect(to - from).toBeGreaterThanOrEqual(23 * 3600)
  expect(to - from).toBeLessThanOrEqual(25 * 3600)
  const status = url.searchParams.get('status')!
  const n = count(db, ['--status', status, '--created-after', String(from), '--created-before', String(to)])
  expect(n).toBeGreaterThan(0)
  await expect(page.getByTestId('task-total')).toHaveText(`${n} task${n === 1 ? '' : 's'}`)
})
