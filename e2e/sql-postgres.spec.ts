import { pgUnavailable, startCluster, type PgCluster } from '../test/pg-cluster'
import { scan } from './axe'
import { cli, expect, test } from './fixtures'

// The SQL console on a PostgreSQL table in serve mode: the server's types, its plan as text, a refusal, a query
// stopped on the server; the login the server was given is the console's, and the page never sees the password.

const reason = pgUnavailable()
test.skip(reason !== null, `PostgreSQL not available: ${reason}`)

let cluster: PgCluster
test.beforeAll(async () => {
  if (!reason) cluster = await startCluster({ durable: false })
})
test.afterAll(() => cluster?.stop())

test('PostgreSQL: a query with server types, Explain as text, a refusal, a long query stopped', async ({ page, workdir, openApp }) => {
  const file = `${workdir}/src.db`
  cli(['demo', '--count', '300', '--seed', '5', '--db', file])
  const ns = `e2e_sql_${process.pid}`
  cluster.psql(`CREATE SCHEMA ${ns}`)
  const url = `${cluster.url}?table=${ns}.tasks`
  cli(['copy', '--from', file, '--to', url])
  await openApp(url, ['--settings', `${workdir}/settings.json`, '--allow-sql'])
  await page.getByRole('tab', { name: 'SQL' }).click()
  const editor = page.getByRole('textbox', { name: 'SQL query' })
  await editor.click()
  await page.keyboard.type(`SELECT status, count(*) AS n FROM ${ns}.tasks GROUP BY status ORDER BY status`, { delay: 1 })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Enter')
  const results = page.getByRole('table', { name: 'Query results' })
  await expect(results.getByRole('columnheader', { name: 'n bigint' })).toBeVisible()
  await expect(results.getByRole('row').filter({ hasText: 'completed' })).toBeVisible()
  await page.getByRole('button', { name: 'Explain' }).click()
  await expect(page.getByRole('region', { name: 'Query plan' })).toContainText('Seq Scan')
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('SELECT pg_terminate_backend(pg_backend_pid())', { delay: 1 })
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('alert')).toContainText('pg_terminate_backend() acts outside this query')
  await editor.click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('SELECT pg_sleep(60)', { delay: 1 })
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText(/^Running… /)).toBeVisible()
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByText('Stopped; these are the rows it had.')).toBeVisible()
  await expect(page.locator('body')).not.toContainText(new URL(cluster.url).password)
  await scan(page, 'sql view on PostgreSQL')
})
