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
    await expect(page.getByText(/This browser is not signed in to this server/)).toBeVisible()
  } finally {
    await s.stop()
  }
})

test('the token is traded for a session: clean URL and history, no cookie, a copied filter URL opens in a new tab, downloads need a one-use nonce, sign out ends it', async ({ page, seedDb, openApp, context }, testInfo) => {
  const db = seedDb(200)
  const s = await openApp(db)
  await expect(page.getByTestId('task-total')).toHaveText('200 tasks')
  expect(page.url()).not.toContain('token')
  // No cookie (every port of the host would receive it): the secret is this tab's, in sessionStorage.
  expect(await context.cookies(s.origin)).toEqual([])
  const secret = await page.evaluate(() => sessionStorage.getItem('docusnap.session'))
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
  // A filter URL copied from the address bar works in another tab of the same browser (it asks the signed-in tab).
  await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^error/ }).check()
  await expect(page).toHaveURL(/status=error/)
  const copied = page.url()
  expect(copied).not.toContain('token')
  const tab = await context.newPage()
  await tab.goto(copied)
  await expect(tab.getByTestId('task-total')).toHaveText(`${count(db, ['--status', 'error'])} tasks`)
  await shot(tab, testInfo, 'copied-filter-url')
  // Downloads carry a nonce, not the token or the secret; without one, nothing.
  const { request } = await import('@playwright/test')
  const stranger = await request.newContext()
  const query = `/api/export?request=${encodeURIComponent(JSON.stringify({ filter: {}, format: 'csv', withResult: false, bom: false }))}`
  expect((await stranger.get(`${s.origin}${query}`)).status()).toBe(401)
  const nonce = await tab.evaluate(async (secret) => {
    const r = await fetch('/api/session/nonce', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-docusnap-session': secret! }, body: '{}' })
    return ((await r.json()) as { value: { nonce: string } }).value.nonce
  }, secret)
  const download = await stranger.get(`${s.origin}${query}&nonce=${nonce}`)
  expect(download.status()).toBe(200)
  expect((await download.text()).split('\r\n').filter(Boolean)).toHaveLength(201)
  expect((await stranger.get(`${s.origin}${query}&nonce=${nonce}`)).status()).toBe(401)
  // Sign out ends the session on the server, in both tabs.
  await tab.getByRole('button', { name: 'Sign out' }).click()
  await expect(tab.getByText(/This browser is not signed in to this server/)).toBeVisible()
  const after = await stranger.post(`${s.origin}/api/tasks.count`, { headers: { 'Content-Type': 'application/json', 'x-docusnap-session': secret! }, data: '{}' })
  expect(after.status()).toBe(401)
  await page.reload()
  await expect(page.getByText(/This browser is not signed in to this server/)).toBeVisible()
  await stranger.dispose()
  await tab.close()
})

test('an empty database says so and can be filled with demo tasks', async ({ page, workdir, openApp }, testInfo) => {
  const { cli } = await import('./fixtures')
  const db = `${workdir}/empty.db`
  cli(['init', '--db', db])
  await openApp(db)
  await expect(page.getByText('This database has no tasks yet.', { exact: false })).toBeVisible()
  await shot(page, testInfo, 'empty')
  await page.getByRole('button', { name: 'Add 5,000 demo tasks' }).click()
  await expect(page.getByTestId('task-total')).toHaveText('5,000 tasks')
})
