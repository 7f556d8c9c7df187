import Database from 'better-sqlite3'
import { expect, shot, test } from './fixtures'

test('detail: a 10 MB result opens without freezing; malformed JSON is shown raw with a notice; errors as errors', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(20)
  const big = { pages: Array.from({ length: 40_000 }, (_, i) => ({ n: i, text: '识别文本 recognised text '.repeat(8) })) }
  const raw = new Database(db)
  raw.prepare("INSERT INTO tasks VALUES ('big-result', 'document', 'completed', ?, 4102444800, 4102444801)").run(JSON.stringify(big))
  raw.prepare("INSERT INTO tasks VALUES ('bad-json', 'form', 'completed', '{\"fields\": [1, 2', 4102444700, 4102444702)").run()
  raw.prepare("INSERT INTO tasks VALUES ('failed', 'form', 'error', '{\"error\": {\"code\": \"OCR_FAILURE\", \"message\": \"blurred\"}}', 4102444600, 4102444603)").run()
  const bytes = (raw.prepare("SELECT octet_length(result) AS n FROM tasks WHERE id = 'big-result'").get() as { n: number }).n
  raw.close()
  expect(bytes).toBeGreaterThan(10_000_000)
  await openApp(db)
  const grid = page.getByRole('grid', { name: 'Tasks' })

  await grid.getByText('big-result').click()
  const detail = page.getByRole('complementary', { name: 'Task detail' })
  // How soon is the bench's business (npm run bench); here, that it opens at all and the page still answers.
  await expect(detail.getByRole('tree', { name: 'Result' })).toBeVisible()
  await expect(detail.getByText('pages: [… 40,000 items ]')).toBeVisible()
  // The page still answers: expanding a node works straight away.
  await detail.getByRole('button', { name: 'Expand pages' }).click()
  await expect(detail.getByText('show 200 more of 39,800')).toBeVisible()
  await shot(page, testInfo, 'detail-large')

  await grid.getByText('bad-json').click()
  await expect(detail.getByText('This result is not valid JSON; it is shown as stored.')).toBeVisible()
  await expect(detail.getByText('{"fields": [1, 2')).toBeVisible()
  await shot(page, testInfo, 'detail-malformed')

  await grid.getByText('failed').click()
  await expect(detail.getByRole('alert')).toContainText('OCR_FAILURE')

  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()
})
