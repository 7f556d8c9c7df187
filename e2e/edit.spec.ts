import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { cli, expect, ROOT, shot, test } from './fixtures'

/** The seed module's own Python functions, run on the file (test/fixtures/seed_module.py). */
function seedPython(db: string, calls: unknown[][]): unknown[] {
  const r = spawnSync('python3', [join(ROOT, 'test', 'fixtures', 'seed_module.py')], { input: JSON.stringify(calls), env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as unknown[]
}

test('local debugging on a seed file: edit status and result in a JSON editor, create and duplicate — checked with the seed’s own Python', async ({ page, seedDb, openApp }, testInfo) => {
  const db = seedDb(60)
  await openApp(db)
  const id = (cli(['list', '--db', db, '--status', 'completed', '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
  await page.getByRole('searchbox', { name: 'Search task id' }).pressSequentially(id)
  await expect(page).toHaveURL(/[?&]id=/)
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await grid.getByRole('row').nth(1).click()
  const detail = page.getByRole('complementary', { name: 'Task detail' })
  await detail.getByRole('button', { name: 'Edit…' }).click()
  const dialog = page.getByRole('dialog', { name: `Edit task ${id}` })
  // Nothing changed yet: nothing to save.
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled()
  const status = dialog.getByRole('combobox', { name: 'Status' })
  await status.fill('')
  await status.pressSequentially('error')
  // The result, typed key by key into the editor (CodeMirror closes brackets and quotes as people expect).
  const editor = dialog.getByRole('textbox', { name: 'Result as JSON' })
  await editor.click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await editor.pressSequentially('{"error": {"code": "OCR_FAILURE", "score": 1.0, "bad": NaN')
  await expect(dialog.getByText('Status: completed → error')).toBeVisible()
  await expect(dialog.getByText(/^Result: replaced/)).toBeVisible()
  await shot(page, testInfo, 'edit-task')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByText('Saved.', { exact: true })).toBeVisible()
  const [stored] = seedPython(db, [['get_task_result_text', id]]) as [string]
  // The seed's get_task_result reads it back (sort_keys in the fixture's dump).
  expect(stored).toBe('{"created_at": ' + JSON.parse(stored.replace(/NaN/g, 'null')).created_at + ', "result": {"error": {"bad": NaN, "code": "OCR_FAILURE", "score": 1.0}}, "status": "error", "updated_at": ' + JSON.parse(stored.replace(/NaN/g, 'null')).updated_at + '}')
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()

  // A falsy result keeps the stored one, and the dialog says so before saving.
  await detail.getByRole('button', { name: 'Edit…' }).click()
  const again = page.getByRole('dialog', { name: `Edit task ${id}` })
  await again.getByRole('textbox', { name: 'Result as JSON' }).click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await again.getByRole('textbox', { name: 'Result as JSON' }).pressSequentially('{')
  await expect(again.getByText(/^Result: kept as stored\. \{\} is falsy in Python/)).toBeVisible()
  const statusAgain = again.getByRole('combobox', { name: 'Status' })
  await statusAgain.fill('')
  await statusAgain.pressSequentially('completed')
  await again.getByRole('button', { name: 'Save' }).click()
  await expect(again.getByText('Saved. The stored result was kept (the new one was falsy).')).toBeVisible()
  const [kept] = seedPython(db, [['get_task_result_text', id]]) as [string]
  expect(kept).toContain('"code": "OCR_FAILURE"')
  expect(kept).toContain('"status": "completed"')
  await again.getByRole('button', { name: 'Close', exact: true }).click()

  // Duplicate under a new id: pending, same type, created now.
  await detail.getByRole('button', { name: 'Duplicate…' }).click()
  const dup = page.getByRole('dialog', { name: `Duplicate task ${id}` })
  const newId = dup.getByRole('textbox', { name: 'Task id' })
  await newId.fill('')
  await newId.pressSequentially('replay-1')
  await expect(dup.getByRole('status')).toContainText('Creates task replay-1')
  await dup.getByRole('button', { name: 'Create the copy' }).click()
  await expect(dup).toHaveCount(0)
  const [copy] = seedPython(db, [['get_task_status', 'replay-1']]) as [{ status: string; updated_at: null }]
  expect(copy).toMatchObject({ status: 'pending', updated_at: null })
  const types = (cli(['list', '--db', db, '--id', 'replay-1']) as { tasks: { type: string }[] }).tasks.map((x) => x.type)
  expect(types).toEqual([(cli(['list', '--db', db, '--id', id]) as { tasks: { type: string }[] }).tasks[0]!.type])

  // Create from the Actions menu.
  await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'New task…' }).click()
  const create = page.getByRole('dialog', { name: 'New task' })
  await create.getByRole('textbox', { name: 'Task id' }).fill('')
  await expect(create.getByRole('button', { name: 'Create' })).toBeDisabled()
  await create.getByRole('textbox', { name: 'Task id' }).pressSequentially('made-by-hand')
  await create.getByRole('combobox', { name: 'Type' }).fill('form')
  await create.getByRole('button', { name: 'Create' }).click()
  expect(seedPython(db, [['get_task_status', 'made-by-hand']])[0]).toMatchObject({ status: 'pending' })
})

test('read-only: no editing offered, and the server refuses it', async ({ page, seedDb, openApp }) => {
  const db = seedDb(20)
  const s = await openApp(db, ['--read-only'])
  await page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1).click()
  const detail = page.getByRole('complementary', { name: 'Task detail' })
  await expect(detail.getByText(/^ID$/)).toBeVisible()
  await expect(detail.getByRole('button', { name: 'Edit…' })).toHaveCount(0)
  await expect(detail.getByRole('button', { name: 'Duplicate…' })).toHaveCount(0)
  const r = await page.request.post(`${s.origin}/api/tasks.create`, { headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' }, data: { id: 'x', type: 'form' } })
  expect(r.status()).toBe(403)
})
