import { cli, count, expect, shot, test } from './fixtures'

// Dialogs driven as a person does: key by key, clearing fields, tabbing on, looking at what is still enabled.

test('Clear client: typed key by key, the preview follows without taking focus; an empty field says what to enter', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(600, ['--schema', 'backend'])
  await openApp(db)
  const client = Object.keys((cli(['facets', '--db', db]) as { client: Record<string, number> }).client)[0]!
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Clear client…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clear a client' })
  await expect(dialog.getByText('Enter the client id whose tasks to delete')).toBeVisible()
  await expect(dialog.getByText('Counting…')).toHaveCount(0)
  const field = dialog.getByRole('combobox', { name: 'Client id' })
  await field.pressSequentially(client, { delay: 40 })
  // Every key landed in the field, which kept the focus through the previews.
  await expect(field).toHaveValue(client)
  await expect(field).toBeFocused()
  const n = count(db, ['--client', client])
  await expect(dialog.getByText(new RegExp(`^This will delete ${n} tasks?`))).toBeVisible()
  await expect(field).toBeFocused()
  await shot(page, testInfo, 'clear-client-typed')
  // Cleared: no preview, no button.
  await field.fill('')
  await expect(dialog.getByText('Enter the client id whose tasks to delete')).toBeVisible()
  await expect(dialog.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
  // A client that has no task: "nothing matches", and Enter does not close the dialog from the field.
  await field.pressSequentially('nobody-here')
  await expect(dialog.getByText('No task matches: nothing would change.')).toBeVisible()
  await expect(field).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
})

test('Clean up: bad or cleared input shows no preview and no Delete button; a 0 preview leaves focus in the field', async ({ page, seedDb, openApp }) => {
  const db = seedDb(500)
  await openApp(db)
  await page.getByRole('button', { name: 'Clean up…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Clean up old tasks' })
  const days = dialog.getByRole('spinbutton', { name: 'Days' })
  await expect(dialog.getByText(/^This will delete/)).toBeVisible()
  await days.fill('')
  await expect(dialog.getByText('Enter a number, 0 or more.')).toBeVisible()
  await expect(dialog.getByText(/^This will delete/)).toHaveCount(0)
  await expect(dialog.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
  // Far in the past: nothing matches; focus stays where the user is typing.
  await days.pressSequentially('9000')
  await expect(dialog.getByText('No task matches: nothing would change.')).toBeVisible()
  await expect(days).toBeFocused()
  await days.fill('')
  await days.pressSequentially('20')
  const older = count(db, ['--older-than', '20'])
  await expect(dialog.getByText(new RegExp(`^This will delete ${older.toLocaleString('en-US')} tasks`))).toBeVisible()
  // The destructive button is never focused by itself.
  await expect(dialog.getByRole('button', { name: /^Delete/ })).not.toBeFocused()
})

test('Settings: saving one field never resets another (the schedule tick and its days survive a refresh-interval save)', async ({ page, seedDb, openApp }) => {
  const db = seedDb(100)
  await openApp(db)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const refresh = dialog.getByRole('spinbutton', { name: 'Look for changes every' })
  await refresh.fill('')
  await refresh.pressSequentially('5')
  const section = dialog.getByRole('region', { name: 'Scheduled cleanup' })
  const tick = section.getByRole('checkbox', { name: 'Clean up this database every 24 hours' })
  // Clicking the box moves focus out of the number field, which saves it: the click must still count.
  await tick.click()
  await expect(tick).toBeChecked()
  await expect(refresh).toHaveValue('5')
  // An unsaved schedule edit survives another field's save.
  const days = section.getByRole('spinbutton', { name: 'Days' })
  await days.fill('')
  await days.pressSequentially('12')
  await refresh.fill('')
  await refresh.pressSequentially('7')
  await page.keyboard.press('Tab')
  await expect(days).toHaveValue('12')
  await expect(tick).toBeChecked()
  await section.getByRole('button', { name: 'Save' }).click()
  await expect(section.getByRole('status')).toHaveText('Saved.')
})

test('"Requeue errored…" takes only the errored tasks of a selection; "Requeue selected…" takes the selection', async ({ page, seedDb, openApp }) => {
  const db = seedDb(300)
  await openApp(db)
  const completed = (cli(['list', '--db', db, '--status', 'completed', '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  const failed = (cli(['list', '--db', db, '--status', 'error', '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  await page.getByRole('searchbox', { name: 'Search task id' }).pressSequentially(completed.slice(0, 12))
  await expect(page).toHaveURL(/[?&]id=/)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await grid.getByRole('checkbox', { name: `Select task ${completed}` }).check()
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Requeue errored…' }).click()
  let dialog = page.getByRole('dialog', { name: 'Requeue errored tasks' })
  await expect(dialog.getByText('No task matches: nothing would change.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Requeue selected…' }).click()
  dialog = page.getByRole('dialog', { name: 'Requeue the selected tasks' })
  await expect(dialog.getByText(/^This will requeue 1 task/)).toBeVisible()
  await expect(dialog.getByRole('list', { name: 'Per status' })).toContainText('completed')
  await dialog.getByRole('button', { name: 'Requeue 1 task' }).click()
  await expect(dialog.getByText('1 task was requeued.')).toBeVisible()
  expect((cli(['status', completed, '--db', db]) as { status: string }).status).toBe('pending')
  expect((cli(['status', failed, '--db', db]) as { status: string }).status).toBe('error')
})
