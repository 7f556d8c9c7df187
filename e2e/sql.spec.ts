import { readFileSync } from 'node:fs'
import { scan } from './axe'
import { expect, fileHash, shot, test, count } from './fixtures'

// The SQL console as a person uses it: typed key by key, run with Ctrl+Enter, a long query stopped, a refusal read,
// a JSON cell expanded, the whole result downloaded; absent unless serve was started with --allow-sql.

test('a query typed key by key runs with Ctrl+Enter; a DELETE is refused and changes nothing; a JSON cell expands', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(300)
  const before = fileHash(db)
  await openApp(db, ['--allow-sql'])
  await page.getByRole('tab', { name: 'SQL' }).click()
  const editor = page.getByRole('textbox', { name: 'SQL query' })
  await editor.click()
  await page.keyboard.type("SELECT status, count(*) AS n FROM tasks GROUP BY status ORDER BY n DESC", { delay: 5 })
  // The completion popup may be open on the last word: Escape closes it, as it would for a person.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Enter')
  const results = page.getByRole('table', { name: 'Query results' })
  await expect(results).toBeVisible()
  const errors = count(db, ['--status', 'error'])
  await expect(results.getByRole('row').filter({ hasText: /^\d+error/ })).toContainText(String(errors))
  await expect(page.getByText(/^\d+ rows? in \d+ ms$/)).toBeVisible()
  // It is in this database's history.
  await expect(page.getByRole('region', { name: 'History' }).getByRole('button', { name: /SELECT status, count/ })).toBeVisible()

  // A DELETE: refused, named why, the file untouched.
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('DELETE FROM tasks', { delay: 5 })
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Refused: DELETE is not a read')
  expect(fileHash(db)).toBe(before)

  // A result cell holding JSON opens in the tree viewer.
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type("SELECT id, result FROM tasks WHERE status = 'completed' LIMIT 5", { delay: 2 })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Enter')
  await expect(results.getByRole('row')).toHaveCount(6)
  await results.getByRole('button', { name: 'Expand' }).first().click()
  const dialog = page.getByRole('dialog', { name: /result, row 1/ })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('tree').or(dialog.locator('ul,details').first())).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await scan(page, `sql view ${scheme}`)
    for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(size)
      await shot(page, testInfo, `sql-${scheme}-${size.width}`)
    }
  }
  expect(fileHash(db)).toBe(before)
})

test('a long query is stopped with Escape (and Stop) and the next one runs; the whole result downloads', async ({ page, seedDb, openApp }) => {
  const db = seedDb(200)
  await openApp(db, ['--allow-sql'])
  await page.getByRole('tab', { name: 'SQL' }).click()
  const editor = page.getByRole('textbox', { name: 'SQL query' })
  await editor.click()
  await page.keyboard.type('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c', { delay: 1 })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText(/^Running… /)).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByText('Stopped; these are the rows it had.')).toBeVisible()
  // Stop by the button, from a run started by the button.
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled()
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByText('Stopped; these are the rows it had.')).toBeVisible()

  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('SELECT id, type FROM tasks ORDER BY id', { delay: 1 })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('table', { name: 'Query results' }).getByRole('row')).toHaveCount(201)
  await page.getByRole('combobox', { name: 'Export the whole result' }).selectOption('jsonl')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const file = await (await download).path()
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  expect(lines).toHaveLength(200)
  expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['id', 'type'])
})

test('without --allow-sql the SQL view is absent and its calls are refused with 403', async ({ page, seedDb, openApp }) => {
  const db = seedDb(20)
  const served = await openApp(db)
  await expect(page.getByRole('tab', { name: 'Tasks' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'SQL' })).toHaveCount(0)
  const status = await page.evaluate(async ({ origin, token }) => {
    const r = await fetch(`${origin}/api/sql.run`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ sql: 'SELECT 1', runId: 'x' }) })
    return [r.status, ((await r.json()) as { error: { message: string } }).error.message]
  }, { origin: served.origin, token: served.token })
  expect(status[0]).toBe(403)
  expect(status[1]).toMatch(/--allow-sql/)
})

test('on a backend-format file: Explain shows the plan as a tree, and a query from the history runs again', async ({ page, seedDb, openApp }) => {
  const db = seedDb(200, ['--schema', 'backend'])
  await openApp(db, ['--allow-sql'])
  await page.getByRole('tab', { name: 'SQL' }).click()
  await expect(page.getByRole('region', { name: 'Schema' }).getByText('client_id', { exact: true })).toBeVisible()
  const editor = page.getByRole('textbox', { name: 'SQL query' })
  await editor.click()
  await page.keyboard.type("SELECT client_id, count(*) AS n FROM tasks WHERE status = 'error' GROUP BY client_id", { delay: 1 })
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Explain' }).click()
  await expect(page.getByRole('region', { name: 'Query plan' }).getByRole('listitem').first()).toBeVisible()
  // Back in the editor (the focus was on Explain), Ctrl+Enter runs it.
  await editor.click()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('table', { name: 'Query results' })).toBeVisible()
  // Another query, then the first one back from the history.
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('SELECT 1 AS one', { delay: 1 })
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('table', { name: 'Query results' }).getByRole('row')).toHaveCount(2)
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /SELECT client_id/ }).click()
  await expect(editor).toContainText('SELECT client_id, count(*)')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(page.getByRole('columnheader', { name: /client_id/ })).toBeVisible()
})
