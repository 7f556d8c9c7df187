import { expect, shot, test } from './fixtures'

test('dark mode follows the system and can be switched; the app is usable at 1024×640', async ({ page, seedDb, openApp }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.setViewportSize({ width: 1024, height: 640 })
  await openApp(seedDb(300))
  await expect(page.locator('html')).toHaveClass(/dark/)
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(bg).not.toBe('rgb(255, 255, 255)')
  await shot(page, testInfo, 'dark-1024')
  // Every column header is reachable at the small size (the grid scrolls sideways rather than hiding columns).
  await expect(page.getByRole('columnheader', { name: /Result/ })).toBeAttached()
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light')
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  await page.reload()
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  await shot(page, testInfo, 'light-forced')
})
