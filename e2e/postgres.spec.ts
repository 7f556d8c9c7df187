import { scan } from './axe'
import { pgUnavailable, startCluster, type PgCluster } from '../test/pg-cluster'
import { cli, count, expect, shot, test } from './fixtures'

// The app in serve mode on a PostgreSQL table of a throwaway cluster (initdb + pg_ctl, unprivileged, loopback):
// browse, filter, search as a person types, inspect, purge, compact, the overview's server figures, and the Connect
// dialog typed key by key — the password never shown on the page or kept in settings.

const reason = pgUnavailable()
test.skip(reason !== null, `PostgreSQL not available: ${reason}`)

let cluster: PgCluster
let n = 0
test.beforeAll(async () => {
  if (!reason) cluster = await startCluster({ durable: false })
})
test.afterAll(() => cluster?.stop())

/** A fresh schema holding a copy of a demo SQLite file: returns the table's URL (with password) and the file. */
function demoTable(workdir: string, rows: number, schema: 'seed' | 'backend' = 'seed') {
  const file = `${workdir}/src-${n}.db`
  cli(['demo', '--count', String(rows), '--seed', '11', '--schema', schema, '--db', file])
  const ns = `e2e_${process.pid}_${n++}`
  cluster.psql(`CREATE SCHEMA ${ns}`)
  const url = `${cluster.url}?table=${ns}.tasks`
  cli(['copy', '--from', file, '--to', url])
  return { url, file, ns }
}

test('a PostgreSQL table in the browser: list, filters, a search typed key by key, detail, purge; no password anywhere', async ({ page, workdir, openApp }, testInfo) => {
  const { url, file } = demoTable(workdir, 1200)
  await openApp(url, ['--settings', `${workdir}/settings.json`])
  const total = count(file)
  await expect(page.getByTestId('task-total')).toHaveText(`${total.toLocaleString('en-US')} tasks`)
  await expect(page.getByText('PostgreSQL', { exact: true })).toBeVisible()
  const filters = page.getByRole('complementary', { name: 'Filters' })
  await filters.getByRole('checkbox', { name: /^error/ }).check()
  const errors = count(file, ['--status', 'error'])
  await expect(page.getByTestId('task-total')).toHaveText(`${errors} tasks`)
  // A search typed as a person types it: the count follows, the focus stays.
  const search = page.getByRole('searchbox', { name: 'Search text in results' })
  await search.pressSequentially('OCR', { delay: 40 })
  await expect(search).toBeFocused()
  const ocr = count(file, ['--status', 'error', '--search', 'OCR'])
  await expect(page.getByTestId('task-total')).toHaveText(`${ocr} tasks`)
  await page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1).click()
  await expect(page.getByRole('complementary', { name: 'Task detail' })).toContainText('OCR')
  await page.keyboard.press('Escape')
  await shot(page, testInfo, 'pg-search')
  // Purge what the filter matches, from the Actions menu, with the exact summary.
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: `Delete ${ocr} tasks` }).click()
  await expect(dialog.getByText(`${ocr} tasks were deleted.`)).toBeVisible()
  expect(count(url, ['--status', 'error', '--search', 'OCR'])).toBe(0)
  expect(count(url)).toBe(total - ocr)
  // The page and the settings it can read never hold the password.
  const password = decodeURIComponent(new URL(cluster.url).password)
  expect(await page.content()).not.toContain(password)
  const settings = await page.evaluate(() =>
    fetch('/api/settings.get', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-docusnap-session': sessionStorage.getItem('docusnap.session')! }, body: '{}' }).then((r) => r.text())
  )
  expect(settings).toContain('postgres://postgres@')
  expect(settings).not.toContain(password)
})

test('the overview shows the server’s figures; compact runs VACUUM (ANALYZE)', async ({ page, workdir, openApp }, testInfo) => {
  const { url } = demoTable(workdir, 600, 'backend')
  await openApp(url, ['--settings', `${workdir}/settings.json`])
  await page.getByRole('tab', { name: 'Overview' }).click()
  const file = page.getByRole('region', { name: 'Database file' })
  await expect(file).toContainText('Dead rows')
  await expect(file).toContainText(/PostgreSQL 1\d/)
  await shot(page, testInfo, 'pg-overview')
  await scan(page, 'overview')
  await page.getByRole('button', { name: 'Compact database…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compact database' })
  await expect(dialog).toContainText('VACUUM (ANALYZE)')
  await dialog.getByRole('button', { name: 'Compact' }).click()
  await expect(dialog.getByText(/^Compacted: /)).toBeVisible()
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  await expect(file).toContainText(/Last vacuum[A-Z][a-z]+ \d/)
})

for (const scheme of ['light', 'dark'] as const)
  test(`Connect to PostgreSQL, typed key by key (${scheme}): a refused login, Test, another table refused, Connect`, async ({ page, workdir, openApp }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme })
    const { url, ns, file } = demoTable(workdir, 300)
    const password = decodeURIComponent(new URL(cluster.url).password)
    // The server was started with a wrong password: the open screen says so, without any password.
    await openApp(url.replace(encodeURIComponent(password), 'wrong-password'), ['--settings', `${workdir}/settings.json`])
    await expect(page.getByText(/refused the login/)).toBeVisible()
    expect(await page.content()).not.toContain('wrong-password')
    await page.getByRole('button', { name: 'Connect to PostgreSQL…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Connect to PostgreSQL' })
    const u = new URL(cluster.url)
    const type = async (label: string, text: string) => {
      const box = dialog.getByRole('textbox', { name: label, exact: true })
      await box.clear()
      await box.pressSequentially(text, { delay: 15 })
    }
    await type('Host', u.hostname)
    await page.keyboard.press('Tab')
    await expect(dialog.getByRole('textbox', { name: 'Port' })).toBeFocused()
    await page.keyboard.type(u.port)
    await type('Database', 'postgres')
    await type('User', 'postgres')
    await dialog.getByLabel('Password', { exact: true }).pressSequentially(password, { delay: 10 })
    // An empty table name: nothing to test or connect, and the dialog says what is missing.
    await dialog.getByRole('textbox', { name: 'Table' }).clear()
    await expect(dialog.getByRole('button', { name: 'Test' })).toBeDisabled()
    await expect(dialog.getByRole('button', { name: 'Connect' })).toBeDisabled()
    await expect(dialog.getByText('Give at least a table name')).toBeVisible()
    // Another table than the server's: refused, whatever the password.
    await type('Table', `${ns}.other`)
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect(dialog.getByText(/serves only the database it was started on/)).toBeVisible()
    await type('Table', `${ns}.tasks`)
    await expect(dialog.getByText(`postgres://postgres@${u.hostname}:${u.port}/postgres?table=${ns}.tasks`)).toBeVisible()
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect(dialog.getByText(/Found a seed-format tasks table with (about )?[\d,]+ tasks/)).toBeVisible()
    await shot(page, testInfo, `pg-connect-${scheme}`)
    await scan(page, `connect dialog ${scheme}`)
    expect(await page.content()).not.toContain(password)
    await dialog.getByRole('button', { name: 'Connect' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('task-total')).toHaveText(`${count(file)} tasks`)
    expect(await page.content()).not.toContain(password)
  })
