import { scan } from './axe'
import { citusUnavailable, startCitusCluster, type CitusCluster } from '../test/citus-cluster'
import { cli, count, expect, shot, test } from './fixtures'

// The app in serve mode on a Citus cluster (a coordinator and two workers on loopback): a table the copy distributed,
// browsed and purged through the coordinator; the overview saying how it is spread; and the desktop's Copy dialog
// offering the distribution (the page is told it runs in the desktop app, and the copy it asks for is run by the CLI
// with the same options, since serve mode never copies to another database).

const reason = citusUnavailable()
test.skip(reason !== null, `Citus not available: ${reason}`)

let cluster: CitusCluster
let n = 0
test.beforeAll(async () => {
  if (!reason) cluster = await startCitusCluster({ durable: false })
})
test.afterAll(() => cluster?.stop())

function demoFile(workdir: string, rows: number) {
  const file = `${workdir}/src-${n}.db`
  cli(['demo', '--count', String(rows), '--seed', '11', '--db', file])
  return file
}

function freshTable() {
  const ns = `e2e_${process.pid}_${n++}`
  cluster.psql(`CREATE SCHEMA ${ns}`)
  return `${cluster.url}?table=${ns}.tasks`
}

for (const scheme of ['light', 'dark'] as const)
  test(`a distributed table (${scheme}): the overview says how it is spread; filters and a purge through the coordinator`, async ({ page, workdir, openApp }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme })
    const file = demoFile(workdir, 900)
    const url = freshTable()
    expect(cli(['copy', '--from', file, '--to', url, '--distribute-by', 'id'])).toMatchObject({ agree: true, citus: { column: 'id', shards: 32, nodes: 2 } })
    await openApp(url, ['--settings', `${workdir}/settings.json`])
    await expect(page.getByTestId('task-total')).toHaveText(`${count(file).toLocaleString('en-US')} tasks`)
    await page.getByRole('tab', { name: 'Overview' }).click()
    const region = page.getByRole('region', { name: 'Database file' })
    await expect(region).toContainText('Citus 13.2 · distributed')
    await expect(region).toContainText('by id: 32 shards on 2 nodes')
    await expect(region).toContainText(/Table and indexes\d/)
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 }
    ]) {
      await page.setViewportSize(size)
      await shot(page, testInfo, `citus-overview-${scheme}-${size.width}`)
    }
    await scan(page, `overview ${scheme}`)
    await page.getByRole('tab', { name: 'Tasks' }).click()
    await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^error/ }).check()
    const errors = count(file, ['--status', 'error'])
    await expect(page.getByTestId('task-total')).toHaveText(`${errors} tasks`)
    await page.getByRole('button', { name: 'Actions' }).click()
    await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: `Delete ${errors} tasks` }).click()
    await expect(dialog.getByText(`${errors} tasks were deleted.`)).toBeVisible()
    expect(count(url, ['--status', 'error'])).toBe(0)
    expect(count(url)).toBe(count(file) - errors)
  })

for (const scheme of ['light', 'dark'] as const)
  test(`the desktop's Copy dialog (${scheme}): the distribution is chosen by keyboard and sent with the copy; the outcome says how the table was spread`, async ({ page, workdir, openApp }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme })
    const file = demoFile(workdir, 300)
    // The page believes it is the desktop app, where Copy Tasks To… is offered.
    await page.route('**/api/app.info', async (route) => {
      const response = await route.fetch()
      const reply = (await response.json()) as { ok: true; value: Record<string, unknown> }
      await route.fulfill({ response, json: { ...reply, value: { ...reply.value, carrier: 'electron' } } })
    })
    let asked: Record<string, unknown> | null = null
    const target = freshTable()
    await page.route('**/api/db.copy', async (route) => {
      asked = route.request().postDataJSON() as Record<string, unknown>
      // What main would answer: the same copy, run with the options the dialog sent.
      const result = cli(['copy', '--from', file, '--to', target, '--distribute-by', String(asked.distributeBy)])
      await route.fulfill({ json: { ok: true, value: result } })
    })
    await openApp(file)
    await page.getByRole('tab', { name: 'Overview' }).click()
    await page.getByRole('button', { name: 'Copy Tasks To…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Copy tasks to another database' })
    const u = new URL(cluster.url)
    const type = async (label: string, text: string) => {
      const box = dialog.getByRole('textbox', { name: label, exact: true })
      await box.clear()
      await box.pressSequentially(text, { delay: 10 })
    }
    await type('Host', u.hostname)
    await type('Port', u.port)
    await type('Database', 'postgres')
    await type('User', 'postgres')
    await type('Table', new URL(target).searchParams.get('table')!)
    const spread = dialog.getByRole('combobox', { name: 'On a Citus cluster' })
    await expect(spread).toHaveValue('')
    await spread.focus()
    await page.keyboard.press('ArrowDown')
    await expect(spread).toHaveValue('id')
    await expect(dialog.getByText('Only for a Citus coordinator')).toBeVisible()
    await dialog.getByText('Only for a Citus coordinator').evaluate((e) => e.scrollIntoView({ block: 'nearest' }))
    await shot(page, testInfo, `citus-copy-${scheme}`)
    await scan(page, `copy dialog ${scheme}`)
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click()
    await expect(dialog.getByText('The table is distributed by id: 32 shards on 2 nodes (Citus 13.2-1).')).toBeVisible()
    expect(asked).toMatchObject({ to: expect.stringContaining(`:${u.port}/postgres?table=`), distributeBy: 'id' })
    await expect(dialog.getByText('Both sides agree')).toBeVisible()
    await shot(page, testInfo, `citus-copied-${scheme}`)
    await scan(page, `copy outcome ${scheme}`)
    expect(count(target)).toBe(count(file))
  })
