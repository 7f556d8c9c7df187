import { count, expect, shot, test } from './fixtures'

test('each filter kind, and their combination, shows the store’s own count', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(2000)
  await openApp(db)
  const total = page.getByTestId('task-total')
  const filters = page.getByRole('complementary', { name: 'Filters' })
  const expectCount = async (args: string[]) => {
    const n = count(db, args)
    await expect(total).toHaveText(`${n.toLocaleString('en-US')} ${n === 1 ? 'task' : 'tasks'}`)
  }

  // Status facet (its option's name carries its count).
  const errors = count(db, ['--status', 'error'])
  await filters.getByRole('checkbox', { name: /^error/ }).check()
  await expectCount(['--status', 'error'])
  expect(errors).toBeGreaterThan(0)
  await expect(page).toHaveURL(/status=error/)

  // Type facet combined with status.
  await filters.getByRole('checkbox', { name: /^form_filling/ }).check()
  await expectCount(['--status', 'error', '--type', 'form_filling'])

  // Error facet groups error results by code.
  await filters.getByRole('button', { name: 'Clear all' }).click()
  await filters.getByRole('checkbox', { name: /^OCR_FAILURE/ }).check()
  await expectCount(['--error', 'OCR_FAILURE'])

  // Id search, matched literally.
  await filters.getByRole('button', { name: 'Clear all' }).click()
  await filters.getByRole('searchbox', { name: 'Search task id' }).fill('ab')
  await expectCount(['--id', 'ab'])

  // Text in results.
  await filters.getByRole('searchbox', { name: 'Search task id' }).fill('')
  await filters.getByRole('searchbox', { name: 'Search text in results' }).fill('发票')
  await expectCount(['--search', '发票'])

  // Created in the last 24 h, then older than 7 days.
  await filters.getByRole('searchbox', { name: 'Search text in results' }).fill('')
  await filters.getByRole('group', { name: 'Created presets' }).getByRole('button', { name: '24 h' }).click()
  // The preset stays relative in the URL: a bookmark of "24 h" is the last 24 hours whenever it is opened.
  await expect(page).toHaveURL(/created_within=86400/)
  expect(new URL(page.url()).searchParams.get('created_from')).toBeNull()
  await expectCount(['--created-after', String(Math.floor(Date.now() / 1000) - 86_400)])
  await expect(filters.getByRole('group', { name: 'Created presets' }).getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true')
  await filters.getByRole('group', { name: 'Created presets' }).getByRole('button', { name: '24 h' }).click()
  await filters.getByRole('spinbutton', { name: 'Older than days' }).fill('7')
  await expectCount(['--older-than', '7'])

  // Everything at once.
  await filters.getByRole('checkbox', { name: /^completed/ }).check()
  await filters.getByRole('checkbox', { name: /^document/ }).check()
  await filters.getByRole('searchbox', { name: 'Search text in results' }).fill('Invoice')
  await expectCount(['--older-than', '7', '--status', 'completed', '--type', 'document', '--search', 'Invoice'])
  await shot(page, testInfo, 'filters-combined')

  // The filter survives a reload (it lives in the URL) and one click clears it.
  await page.reload()
  await expectCount(['--older-than', '7', '--status', 'completed', '--type', 'document', '--search', 'Invoice'])
  await filters.getByRole('button', { name: 'Clear all' }).click()
  await expectCount([])
})

test('no match says so and offers to clear the filters', async ({ page, seedDb, openApp }, testInfo) => {
  await openApp(seedDb(50))
  await page.getByRole('searchbox', { name: 'Search task id' }).fill('no-such-task-id-%_')
  await expect(page.getByText('No task matches these filters.')).toBeVisible()
  await shot(page, testInfo, 'no-match')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByTestId('task-total')).toHaveText('50 tasks')
})
