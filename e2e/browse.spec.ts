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

test('sorted by status or type, each group lists its newest tasks first, both ways', async ({ page, seedDb, openApp }) => {
  const { cli } = await import('./fixtures')
  const db = seedDb(400)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  const firstIds = async () => {
    const labels = await grid.getByRole('checkbox', { name: /^Select task / }).evaluateAll((els) => els.slice(0, 8).map((e) => e.getAttribute('aria-label')!.replace('Select task ', '')))
    return labels
  }
  for (const [header, field] of [['Status', 'status'], ['Type', 'type']] as const) {
    await grid.getByRole('columnheader', { name: header }).getByRole('button').click()
    await expect(grid.getByRole('columnheader', { name: header })).toHaveAttribute('aria-sort', 'descending')
    const desc = (cli(['list', '--db', db, '--sort', field, '--limit', '8']) as { tasks: { id: string; created_at: number }[] }).tasks
    await expect.poll(firstIds).toEqual(desc.map((t) => t.id))
    await grid.getByRole('columnheader', { name: header }).getByRole('button').click()
    await expect(grid.getByRole('columnheader', { name: header })).toHaveAttribute('aria-sort', 'ascending')
    const asc = (cli(['list', '--db', db, '--sort', field, '--asc', '--limit', '8']) as { tasks: { id: string; created_at: number; status: string; type: string }[] }).tasks
    await expect.poll(firstIds).toEqual(asc.map((t) => t.id))
    // Inside the first group the newest come first.
    const group = asc.filter((t) => t[field] === asc[0]![field]).map((t) => t.created_at)
    expect(group).toEqual([...group].sort((a, b) => b - a))
  }
})
