import type { Route } from '@playwright/test'
import { expect, shot, test } from './fixtures'

// A running search is not an empty answer (issue 30.1): while its pages are on their way the grid shows a
// "searching" row, the toolbar says it is searching, and "No task matches" appears only once the walk is over.
// The search's pages are held at the network until the test has looked, so no machine is too fast or too slow for it.

const WORDS = 'no-such-words'

test('a text search shows that it runs until its walk is complete, then says nothing matched', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(300)
  await openApp(db)
  const held: Route[] = []
  let hold = true
  let countAnswered = false
  // Its pages and its count: on a big file both take a while, and the count's "0" is no answer until it is complete.
  await page.route(/\/api\/tasks\.(list|count)$/, async (route) => {
    const body = route.request().postDataJSON() as { filter?: { text?: string } }
    if (!hold || !body.filter?.text) return route.continue()
    // The first installment of the count is what a big file's first 250 ms give: nothing yet, 35 % read.
    if (route.request().url().endsWith('count') && body.filter.text === WORDS && !countAnswered) {
      countAnswered = true
      return route.fulfill({ json: { ok: true, value: { count: 0, progress: { complete: false, coveredFrom: null, fraction: 0.35 } } } })
    }
    held.push(route)
  })
  const grid = page.getByRole('grid', { name: 'Tasks' })
  const search = page.getByRole('searchbox', { name: 'Search text in results' })
  // Typed key by key, as a person does: each keystroke's search replaces the last.
  await search.pressSequentially(WORDS, { delay: 30 })
  await expect.poll(() => held.length).toBeGreaterThan(0)
  await expect(grid.getByTestId('search-row')).toHaveText('Searching — 35 % of the file read')
  await expect(page.getByRole('status').filter({ hasText: /^Searching/ })).toBeVisible()
  await expect(page.getByText('No task matches these filters.')).toHaveCount(0)
  await expect(page.getByTestId('task-total')).toHaveText('Counting…')
  await shot(page, testInfo, 'search-running')
  // Let every held page (and the ones after) through: the walk ends with nothing found.
  hold = false
  for (const route of held.splice(0)) await route.continue()
  await expect(page.getByText('No task matches these filters.')).toBeVisible()
  await expect(page.getByTestId('task-total')).toHaveText('0 tasks')
  await expect(grid).toHaveCount(0)
  // Clearing the field brings every task back.
  await search.fill('')
  await expect(page.getByTestId('task-total')).toHaveText('300 tasks')
})
