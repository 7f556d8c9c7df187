import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { cli, count, expect, shot, test } from './fixtures'

// The page drives the scheduled cleanup with its own clock, so a day passes in a moment: Playwright's fake clock.

test('scheduled cleanup: off by default, runs when switched on, then again a day later, with its history', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(600) // demo tasks spread over 30 days
  const old = count(db, ['--older-than', '7'])
  expect(old).toBeGreaterThan(100)
  await page.clock.install()
  await openApp(db)

  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const section = dialog.getByRole('region', { name: 'Scheduled cleanup' })
  // A file this app did not create: off, and nothing has run.
  await expect(section.getByRole('checkbox', { name: 'Clean up this database every 24 hours' })).not.toBeChecked()
  await expect(section.getByTestId('schedule-next')).toHaveText('off')
  await expect(section.getByText('No runs yet.')).toBeVisible()
  // What the rule covers is shown before it is saved; a bad number saves nothing.
  await expect(section.getByText(`(${old.toLocaleString('en-US')} tasks)`)).toBeVisible()
  await section.getByRole('spinbutton', { name: 'Days' }).fill('0')
  await expect(section.getByText('Enter a whole number from 1 to 3650.')).toBeVisible()
  await expect(section.getByRole('button', { name: 'Save' })).toBeDisabled()
  await section.getByRole('spinbutton', { name: 'Days' }).fill('7')
  await section.getByRole('checkbox', { name: 'Clean up this database every 24 hours' }).check()
  await section.getByRole('button', { name: 'Save' }).click()

  // Switched on: the first run happens at once and is recorded.
  await expect(section.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(1)
  await expect(section.getByRole('list', { name: 'History' })).toContainText(`deleted ${old.toLocaleString('en-US')} tasks`)
  expect(count(db, ['--older-than', '7'])).toBe(0)
  const left = count(db)
  await expect(section.getByTestId('schedule-next')).toContainText('(in 1 day)')
  await shot(page, testInfo, 'schedule-first-run')

  // More old work arrives; an hour later nothing runs, a day later the schedule fires again.
  cli(['demo', '--count', '300', '--seed', '12', '--db', db])
  const oldAgain = count(db, ['--older-than', '7'])
  expect(oldAgain).toBeGreaterThan(0)
  await page.clock.fastForward('01:00:00')
  await page.waitForTimeout(300)
  expect(count(db, ['--older-than', '7'])).toBe(oldAgain)
  await page.clock.fastForward('23:00:00')
  await expect(section.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(2)
  await expect(section.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText(`deleted ${oldAgain.toLocaleString('en-US')} tasks`)
  expect(count(db, ['--older-than', '7'])).toBe(0)
  expect(count(db)).toBe(left + 300 - oldAgain)
  // The rule and the history are kept in the settings file, for the next start.
  const saved = JSON.parse(readFileSync(join(dirname(db), 'settings.json'), 'utf8')) as { cleanup: Record<string, { rule: unknown; history: unknown[] }> }
  const entry = Object.values(saved.cleanup)[0]!
  expect(entry.rule).toEqual({ enabled: true, days: 7 })
  expect(entry.history).toHaveLength(2)
  await shot(page, testInfo, 'schedule-history')
})

test('a read-only server never runs the scheduled cleanup', async ({ page, seedDb, openApp }) => {
  const db = seedDb(200)
  const before = count(db)
  await page.clock.install()
  await openApp(db, ['--read-only'])
  await page.getByRole('button', { name: 'Settings' }).click()
  const section = page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Scheduled cleanup' })
  await expect(section.getByText('This database is open read-only: scheduled cleanup is paused.')).toBeVisible()
  await expect(section.getByRole('checkbox', { name: 'Clean up this database every 24 hours' })).toBeDisabled()
  await page.clock.fastForward('48:00:00')
  expect(count(db)).toBe(before)
})
