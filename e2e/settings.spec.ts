import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, shot, test } from './fixtures'

const settingsOf = (db: string) => JSON.parse(readFileSync(join(dirname(db), 'settings.json'), 'utf8')) as Record<string, unknown>

test('settings: the confirmation threshold applies at once; bad numbers are refused; reset asks first', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(300)
  await openApp(db)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const threshold = dialog.getByRole('spinbutton', { name: 'Ask to type the count for' })
  await expect(threshold).toHaveValue('1000')
  await threshold.fill('100')
  await threshold.press('Enter')
  await expect.poll(() => settingsOf(db).confirmThreshold).toBe(100)
  const refresh = dialog.getByRole('spinbutton', { name: 'Look for changes every' })
  await refresh.fill('0')
  await refresh.press('Enter')
  await expect(dialog.getByText('Enter a whole number from 1 to 300.')).toBeVisible()
  expect(settingsOf(db).refreshSeconds).toBe(1)
  await shot(page, testInfo, 'settings')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.setViewportSize({ width: 800, height: 600 })
  await shot(page, testInfo, 'settings-dark-small')
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 800 })
  await dialog.getByRole('button', { name: 'Close dialog' }).click()

  // 300 tasks are now "many": the purge asks for the number to be typed.
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
  const purge = page.getByRole('dialog', { name: 'Delete every task' })
  await expect(purge.getByRole('textbox', { name: 'Type the number of tasks to confirm' })).toBeVisible()
  await purge.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'Settings' }).click()
  await dialog.getByRole('button', { name: 'Reset to defaults' }).click()
  await expect(dialog.getByText('Reset every setting, including the cleanup rules and their history?')).toBeVisible()
  expect(settingsOf(db).confirmThreshold).toBe(100)
  await dialog.getByRole('button', { name: 'Reset to defaults' }).click()
  await expect(dialog.getByText('Settings were reset.')).toBeVisible()
  await expect(threshold).toHaveValue('1000')
  expect(settingsOf(db).confirmThreshold).toBe(1000)
})

test('a settings file with bad values: the good ones are kept, the bad ones reported, the file kept aside', async ({ page, seedDb, openApp }) => {
  const db = seedDb(20)
  const file = join(dirname(db), 'settings.json')
  writeFileSync(file, JSON.stringify({ theme: 'dark', confirmThreshold: -3, refreshSeconds: 'soon' }))
  await openApp(db)
  await expect(page.locator('html')).toHaveClass(/dark/)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog.getByText('Some saved settings were invalid and were reset to their defaults:')).toBeVisible()
  await expect(dialog.getByText(/^confirmThreshold:/)).toBeVisible()
  await expect(dialog.getByText(/^refreshSeconds:/)).toBeVisible()
  await expect(dialog.getByRole('spinbutton', { name: 'Ask to type the count for' })).toHaveValue('1000')
  await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('light')
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  expect(JSON.parse(readFileSync(`${file}.invalid`, 'utf8'))).toEqual({ theme: 'dark', confirmThreshold: -3, refreshSeconds: 'soon' })
})
