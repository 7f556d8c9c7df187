import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zhCN as zh } from '../src/shared/i18n/zh-CN'
import { scan } from './axe'
import { expect, test } from './fixtures'

// An automated accessibility scan (axe-core, WCAG 2.2 A and AA rules) of every main screen and dialog, light and dark,
// English and Chinese. Any serious or critical violation fails, with what and where (axe.ts).

for (const scheme of ['light', 'dark'] as const)
  for (const lang of ['en', 'zh-CN'] as const)
    test(`accessibility scan: every screen and dialog, ${scheme}, ${lang}`, async ({ page, seedDb, openApp }) => {
      test.setTimeout(300_000)
      await page.emulateMedia({ colorScheme: scheme })
      const db = seedDb(400, ['--schema', 'backend'])
      await openApp(db)
      const name = (en: string, zh: string) => (lang === 'en' ? en : zh)
      if (lang === 'zh-CN') {
        await page.getByRole('button', { name: 'Settings' }).click()
        await page.getByRole('dialog').getByRole('combobox', { name: 'Language' }).selectOption('zh-CN')
        await page.keyboard.press('Escape')
        await expect(page.getByRole('heading', { name: 'DocuSnap 任务管理' })).toBeVisible()
      }
      const grid = page.getByRole('grid', { name: name('Tasks', '任务') })
      await expect(grid).toBeVisible()
      await scan(page, 'grid')
      // The detail panel.
      await grid.getByRole('row').nth(1).click()
      await expect(page.getByRole('complementary', { name: name('Task detail', '任务详情') })).toBeVisible()
      await scan(page, 'detail')
      await page.keyboard.press('Escape')
      // Dialogs.
      const dialogs: [string, () => Promise<void>][] = [
        ['settings', () => page.getByRole('button', { name: name('Settings', '设置') }).click()],
        ['expire', () => page.getByRole('button', { name: name('Expire…', '按访问时间过期…') }).click()],
        ['shortcuts', () => page.keyboard.press('?')],
        ['about', () => page.getByRole('button', { name: name('About', zh.header.about) }).click()],
        ['mark stuck', async () => (await page.getByRole('button', { name: name('Actions', zh.toolbar.actions) }).click(), await page.getByRole('menuitem', { name: name('Mark stuck…', zh.toolbar.markStuck) }).click())],
        ['clear client', async () => (await page.getByRole('button', { name: name('Actions', zh.toolbar.actions) }).click(), await page.getByRole('menuitem', { name: name('Clear client…', zh.toolbar.clearClient) }).click())]
      ]
      for (const [what, open] of dialogs) {
        await open()
        await expect(page.getByRole('dialog')).toBeVisible()
        await page.waitForTimeout(400) // previews settle
        await scan(page, what)
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toHaveCount(0)
      }
      // The overview.
      await page.getByRole('tab', { name: name('Overview', '概览') }).click()
      await page.waitForTimeout(500)
      await scan(page, 'overview')
      await page.getByRole('button', { name: name('Compact database…', zh.overview.compact) }).click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await scan(page, 'compact')
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog')).toHaveCount(0)
    })

// The open screen and the Connect dialog: served a file that is no database, the app starts on the open screen.
for (const scheme of ['light', 'dark'] as const)
  test(`accessibility scan: the open screen and Connect to PostgreSQL, ${scheme}`, async ({ page, workdir, openApp }) => {
    await page.emulateMedia({ colorScheme: scheme })
    const notADatabase = join(workdir, 'notes.db')
    writeFileSync(notADatabase, 'not a database, just text\n'.repeat(100))
    await openApp(notADatabase)
    await expect(page.getByRole('heading', { name: 'Open a task database' })).toBeVisible()
    await scan(page, 'open screen')
    await page.getByRole('button', { name: 'Connect to PostgreSQL…' }).first().click()
    await expect(page.getByRole('dialog', { name: 'Connect to PostgreSQL' })).toBeVisible()
    await scan(page, 'connect')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })

for (const scheme of ['light', 'dark'] as const)
  test(`accessibility scan: the seed format's dialogs (clean up, export, purge, requeue, new task, edit), ${scheme}`, async ({ page, seedDb, openApp }) => {
    test.setTimeout(300_000)
    await page.emulateMedia({ colorScheme: scheme })
    await openApp(seedDb(400))
    const dialogs: [string, () => Promise<void>][] = [
      ['clean up', () => page.getByRole('button', { name: 'Clean up…' }).click()],
      ['export', () => page.getByRole('button', { name: 'Export…' }).click()],
      ['purge', async () => (await page.getByRole('button', { name: 'Actions' }).click(), await page.getByRole('menuitem', { name: 'Purge matching…' }).click())],
      ['requeue', async () => (await page.getByRole('button', { name: 'Actions' }).click(), await page.getByRole('menuitem', { name: 'Requeue errored…' }).click())],
      ['new task', async () => (await page.getByRole('button', { name: 'Actions' }).click(), await page.getByRole('menuitem', { name: 'New task…' }).click())],
      [
        'edit task',
        async () => (
          await page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1).click(),
          await page.getByRole('complementary', { name: 'Task detail' }).getByRole('button', { name: 'Edit…' }).click()
        )
      ]
    ]
    for (const [what, open] of dialogs) {
      await open()
      await expect(page.getByRole('dialog')).toBeVisible()
      await page.waitForTimeout(400)
      await scan(page, what)
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog')).toHaveCount(0)
    }
  })
