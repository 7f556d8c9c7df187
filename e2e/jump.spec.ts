import { cli, expect, test } from './fixtures'

/** Every id in the grid's default order (newest first), page by page through the CLI. */
function orderedIds(db: string): string[] {
  const ids: string[] = []
  let after: string | null = null
  do {
    const page = cli(['list', '--db', db, '--limit', '1000', ...(after ? ['--after', after] : [])]) as { tasks: { id: string }[]; next: string | null }
    ids.push(...page.tasks.map((t) => t.id))
    after = page.next
  } while (after)
  return ids
}

test('the scrollbar spans every task: End, a drag to the middle and a shift-click range across unfetched rows', async ({ page, seedDb, openApp }) => {
  const db = seedDb(3000)
  const ids = orderedIds(db)
  expect(ids).toHaveLength(3000)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(page.getByTestId('task-total')).toHaveText('3,000 tasks')
  const scroller = page.getByTestId('grid-scroll')
  // The scrollbar is as long as the count before anything past the first page was fetched.
  expect(await scroller.evaluate((el) => el.scrollHeight)).toBeGreaterThan(3000 * 36)

  // End: the last task, fetched by skipping, not by loading the 14 pages before it.
  await grid.focus()
  await page.keyboard.press('End')
  const lastRow = grid.locator('[role=row][aria-rowindex="3001"]')
  await expect(lastRow).toContainText(ids[2999]!)

  // A drag to the middle shows the tasks that are there.
  await scroller.evaluate((el) => el.scrollTo(0, 1500 * 36))
  await expect(grid.locator('[role=row][aria-rowindex="1502"]')).toContainText(ids[1500]!)

  // Shift-click from row 1,501 up to row 3: the rows between, never on screen, are selected too.
  await grid.getByRole('checkbox', { name: `Select task ${ids[1500]}` }).check()
  await page.keyboard.press('Home')
  await grid.getByRole('checkbox', { name: `Select task ${ids[2]}` }).click({ modifiers: ['Shift'] })
  await expect(page.getByText('1,499 selected')).toBeVisible()
  await grid.focus()
  await page.keyboard.press('End')
  await expect(lastRow).toContainText(ids[2999]!)
  await expect(grid.getByRole('checkbox', { name: `Select task ${ids[2999]}` })).not.toBeChecked()
})

test('a new filter or sort starts at the top, not where the last list was scrolled to', async ({ page, seedDb, openApp }) => {
  const db = seedDb(3000)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(page.getByTestId('task-total')).toHaveText('3,000 tasks')
  const scroller = page.getByTestId('grid-scroll')
  await scroller.evaluate((el) => el.scrollTo(0, 2000 * 36))
  await expect(grid.locator('[role=row][aria-rowindex="2002"]')).toBeVisible()
  await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^completed/ }).check()
  await expect(grid.locator('[role=row][aria-rowindex="2"]')).toBeVisible()
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0)
  await scroller.evaluate((el) => el.scrollTo(0, 1000 * 36))
  await expect(grid.locator('[role=row][aria-rowindex="1002"]')).toBeVisible()
  await grid.getByRole('button', { name: 'Type' }).click()
  await expect(grid.locator('[role=row][aria-rowindex="2"]')).toBeVisible()
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0)
})
