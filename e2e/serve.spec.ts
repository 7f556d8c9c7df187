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
