import Database from 'better-sqlite3'
import AxeBuilder from '@axe-core/playwright'
import { count, expect, shot, test } from './fixtures'

// A tasks table with a trigger (issue 24.9): the purge dialog names it, and the change waits for the user's word,
// given with the keyboard as a person would.

test('a purge on a table with triggers names them and runs only once the user says they know them', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(800)
  const raw = new Database(db)
  raw.exec('CREATE TABLE audit (id TEXT); CREATE TRIGGER audit_delete AFTER DELETE ON tasks BEGIN INSERT INTO audit VALUES (old.id); END;')
  raw.close()
  await openApp(db)
  await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^error/ }).check()
  const errors = count(db, ['--status', 'error'])
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByText('This table has a trigger (audit_delete).', { exact: false })).toBeVisible()
  const go = dialog.getByRole('button', { name: `Delete ${errors} tasks` })
  await expect(go).toBeDisabled()
  const ok = dialog.getByRole('checkbox', { name: 'I know what these triggers do: let them run' })
  await ok.focus()
  await page.keyboard.press('Space')
  await expect(ok).toBeChecked()
  await expect(go).toBeEnabled()
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(size)
      await shot(page, testInfo, `triggers-${scheme}-${size.width}`)
    }
    const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
  }
  await go.click()
  await expect(dialog.getByText(`${errors} tasks were deleted.`)).toBeVisible()
  const check = new Database(db, { readonly: true })
  expect((check.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(errors)
  check.close()
})

test('a purge behind another program’s lock says it waits, and when it fails says exactly what it had deleted', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(6000)
  await openApp(db, [], { DOCUSNAP_CHUNK_MS: '1', DOCUSNAP_CHUNK_GAP_MS: '150' })
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
  const dialog = page.getByRole('dialog')
  const total = count(db)
  await dialog.getByRole('textbox', { name: 'Type the number of tasks to confirm' }).pressSequentially(String(total))
  await dialog.getByRole('button', { name: `Delete ${total.toLocaleString('en-US')} tasks` }).click()
  const bar = dialog.getByRole('progressbar', { name: 'Delete progress' })
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0)
  // Another program takes the write lock and keeps it past the app's busy timeout (5 s, as the backend's).
  const other = new Database(db)
  other.exec('BEGIN IMMEDIATE')
  try {
    await expect(dialog.getByText('waiting for a lock held by another session', { exact: false })).toBeVisible()
    await shot(page, testInfo, 'purge-waiting')
    const kept = dialog.getByText(/^Done before it failed, and kept: [\d,]+ of [\d,]+\.$/)
    await expect(kept).toBeVisible()
    other.exec('ROLLBACK')
    const done = Number(/kept: ([\d,]+)/.exec((await kept.textContent())!)![1]!.replace(/,/g, ''))
    expect(done).toBeGreaterThan(0)
    expect(count(db)).toBe(total - done)
    await shot(page, testInfo, 'purge-failed-partial')
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK')
    other.close()
  }
})
