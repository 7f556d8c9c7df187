import { cli, expect, shot, test } from './fixtures'

test('browse: sort by a column, scroll endlessly over keyset pages', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(1200)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(page.getByTestId('task-total')).toHaveText('1,200 tasks')

  // Sort by id ascending: the first row is the smallest id, as the store says.
  await grid.getByRole('button', { name: 'ID' }).click()
  await expect(grid.getByRole('columnheader', { name: /ID/ })).toHaveAttribute('aria-sort', 'descending')
  await grid.getByRole('button', { name: 'ID' }).click()
  await expect(grid.getByRole('columnheader', { name: /ID/ })).toHaveAttribute('aria-sort', 'ascending')
  const first = (cli(['list', '--db', db, '--sort', 'id', '--asc', '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  await expect(grid.getByRole('row').nth(1)).toContainText(first)
  await expect(page).toHaveURL(/sort=id&dir=asc/)

  // Scrolling to the end loads every page: the last row of the store shows up.
  const last = (cli(['list', '--db', db, '--sort', 'id', '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  const scroller = page.getByTestId('grid-scroll')
  for (let i = 0; i < 30; i++) {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    if (await grid.getByText(last).isVisible()) break
    await page.waitForTimeout(150)
  }
  await expect(grid.getByText(last)).toBeVisible()
  await shot(page, testInfo, 'browse-end')
})
