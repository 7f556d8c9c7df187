import { count, expect, test } from './fixtures'

test('keyboard only: a skip link, the grid as one Tab stop with arrows and Space, focus back after a dialog, shortcuts from a checkbox, Delete then Enter deletes nothing', async ({ page, seedDb, openApp }) => {
  const db = seedDb(120)
  await openApp(db)
  // The first Tab stop skips the header and the filters.
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to the tasks' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(grid).toBeFocused()
  // Arrows move, Space selects: the row checkboxes are not Tab stops.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Space')
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1)
  // Ctrl+A selects every loaded task, and again none.
  await page.keyboard.press('Control+a')
  await expect(grid.getByRole('row', { selected: true })).not.toHaveCount(1)
  await page.keyboard.press('Control+a')
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(0)
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  const after = await page.evaluate(() => ({ tag: document.activeElement?.tagName, type: (document.activeElement as HTMLInputElement | null)?.type, inGrid: !!document.activeElement?.closest('[role="grid"]') }))
  expect(after.inGrid && after.type === 'checkbox').toBe(false)
  // A dialog opened from the grid gives focus back to the grid when it closes.
  await grid.focus()
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('PageUp')
  await page.keyboard.press('Escape')
  await expect(grid).toBeFocused()
  // Delete opens the confirmation; its red button is not focused first, so Enter deletes nothing.
  const before = count(db)
  await page.keyboard.press('Delete')
  const dialog = page.getByRole('dialog', { name: 'Delete selected tasks' })
  await expect(dialog.getByRole('button', { name: /^Delete 1 task$/ })).toBeVisible()
  await expect(dialog.getByRole('button', { name: /^Delete 1 task$/ })).not.toBeFocused()
  // Enter lands on whatever has focus first (the dialog's close button): it closes, nothing is deleted.
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  expect(count(db)).toBe(before)
  await expect(grid).toBeFocused()
  // "/" works with a checkbox focused (it is not a text field).
  const statusBox = page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^completed/ })
  await statusBox.focus()
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search task id' })).toBeFocused()
})
