import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { count, expect, shot, test } from './fixtures'

test('language: switch to Simplified Chinese and back; numbers and times follow; the choice is kept in the settings file', async ({ page, browser, seedDb, openApp }, testInfo) => {
  const db = seedDb(1500)
  const total = count(db)
  const s = await openApp(db)
  await expect(page.getByTestId('task-total')).toHaveText(`${total.toLocaleString('en-US')} tasks`)

  // Settings (⚙) holds the language; the dialog itself switches at once.
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
  await expect(page.getByRole('dialog', { name: '设置' }).getByRole('heading', { name: '外观' })).toBeVisible()
  await shot(page, testInfo, 'zh-settings')
  await page.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '关闭对话框' }).click()
  await expect(page.getByRole('heading', { name: 'DocuSnap 任务管理' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByTestId('task-total')).toHaveText(`${total.toLocaleString('zh-CN')} 个任务`)
  await expect(page.getByRole('tab', { name: '概览' })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: '状态' })).toBeVisible()
  await expect(page.getByRole('complementary', { name: '筛选' }).getByText('类型', { exact: true })).toBeVisible()
  // Relative times in Chinese ("3 天前", "12 小时前" …).
  await expect(page.getByRole('grid', { name: '任务' }).getByRole('row').nth(1).locator('time').first()).toHaveText(/前|后|现在/)
  await shot(page, testInfo, 'zh-light')
  // Dialogs too, with the count typed the Chinese way round.
  await page.getByRole('button', { name: '操作' }).click()
  await page.getByRole('menuitem', { name: '清除所有匹配任务…' }).click()
  const dialog = page.getByRole('dialog', { name: '删除全部任务' })
  await expect(dialog.getByText(`输入 ${total.toLocaleString('zh-CN')} 以确认：`)).toBeVisible()
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot(page, testInfo, 'zh-dark-dialog')
  await dialog.getByRole('button', { name: '取消' }).click()
  await page.emulateMedia({ colorScheme: 'light' })

  // Kept in the settings file, not only in this page: a fresh browser profile opens in Chinese.
  const saved = JSON.parse(readFileSync(join(dirname(db), 'settings.json'), 'utf8')) as { language: string }
  expect(saved.language).toBe('zh-CN')
  const other = await browser.newContext()
  const second = await other.newPage()
  await second.goto(s.url)
  await expect(second.getByRole('heading', { name: 'DocuSnap 任务管理' })).toBeVisible()
  await other.close()

  await page.getByRole('button', { name: '设置' }).click()
  await page.getByRole('dialog', { name: '设置' }).getByRole('combobox', { name: '语言' }).selectOption('en')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close dialog' }).click()
  await expect(page.getByRole('heading', { name: 'DocuSnap Task Admin' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('the system language is followed until the user picks one', async ({ browser, seedDb }) => {
  const { serve } = await import('./fixtures')
  const db = seedDb(50)
  const s = await serve(db)
  try {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(s.url)
    await expect(page.getByRole('heading', { name: 'DocuSnap 任务管理' })).toBeVisible()
    await page.getByRole('button', { name: '设置' }).click()
    await expect(page.getByRole('dialog', { name: '设置' }).getByRole('combobox', { name: '语言' })).toHaveValue('system')
    await context.close()
  } finally {
    await s.stop()
  }
})
