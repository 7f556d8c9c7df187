import { cli, expect, shot, test } from './fixtures'

test('live: tasks written by another process appear within about 2 s, keeping the selection', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(200)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  const firstId = (cli(['list', '--db', db, '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  await grid.getByRole('checkbox', { name: `Select task ${firstId}` }).check()

  // Another process (the CLI, as the backend would) adds a task.
  cli(['add', 'written-by-backend', '--type', 'document', '--db', db])
  await expect(grid.getByText('written-by-backend')).toBeVisible()
  await expect(page.getByTestId('task-total')).toHaveText('201 tasks')
  await expect(grid.getByRole('checkbox', { name: `Select task ${firstId}` })).toBeChecked()
  await expect(page.getByText(/^Updated (now|\d+ seconds? ago)$/)).toBeVisible()
  await shot(page, testInfo, 'live-updated')

  // Paused: changes are announced, not applied, until the user asks.
  await page.getByRole('checkbox', { name: 'Live' }).uncheck()
  cli(['add', 'while-paused', '--type', 'form', '--db', db])
  await expect(page.getByRole('button', { name: 'Changes available — refresh' })).toBeVisible()
  await expect(grid.getByText('while-paused')).toBeHidden()
  await page.getByRole('button', { name: 'Changes available — refresh' }).click()
  await expect(grid.getByText('while-paused')).toBeVisible()
})

test('turning Live back on catches up at once, without waiting for another write', async ({ page, seedDb, openApp }) => {
  const db = seedDb(100)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  const live = page.getByRole('checkbox', { name: 'Live' })
  await live.uncheck()
  cli(['add', 'added-while-paused', '--type', 'form', '--db', db])
  await expect(page.getByRole('button', { name: 'Changes available — refresh' })).toBeVisible()
  // Resume with the keyboard, as a person tabbing to the switch would.
  await live.focus()
  await page.keyboard.press('Space')
  await expect(live).toBeChecked()
  await expect(grid.getByText('added-while-paused')).toBeVisible()
  await expect(page.getByTestId('task-total')).toHaveText('101 tasks')
  await expect(page.getByRole('button', { name: 'Changes available — refresh' })).toBeHidden()
})
