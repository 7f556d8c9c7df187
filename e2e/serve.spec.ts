import { count, expect, shot, test } from './fixtures'

test('the built renderer in serve mode loads and lists the tasks of a demo database', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(300)
  await openApp(db)
  await expect(page.getByTestId('task-total')).toHaveText(`${count(db)} tasks`)
  await expect(page.getByRole('row').nth(1)).toBeVisible()
  // The first data row is the newest task, as the CLI lists it.
  const rows = page.getByRole('grid', { name: 'Tasks' }).getByRole('row')
  expect(await rows.count()).toBeGreaterThan(10)
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=')
  await shot(page, testInfo, 'serve-list')
})

test('a page opened without the token says how to get in', async ({ page, seedDb }) => {
  const db = seedDb(20)
  const { serve } = await import('./fixtures')
  const s = await serve(db)
  try {
    await page.goto(s.origin + '/')
    await expect(page.getByText(/opened without its access token/)).toBeVisible()
  } finally {
    await s.stop()
  }
})

test('an empty database says so and can be filled with demo tasks', async ({ page, workdir, openApp }, testInfo) => {
  const { cli } = await import('./fixtures')
  const db = `${workdir}/empty.db`
  cli(['init', '--db', db])
  await openApp(db)
  await expect(page.getByText('This database has no tasks yet.', { exact: false })).toBeVisible()
  await shot(page, testInfo, 'empty')
  await page.getByRole('button', { name: 'Add 5,000 demo tasks' }).click()
  await expect(page.getByTestId('task-total')).toHaveText('5,000 tasks', { timeout: 20_000 })
})
