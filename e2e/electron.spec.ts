import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { electronNativeBinding } from '../src/main/native-binding'
import { cli, ROOT } from './fixtures'

// The desktop shell itself. Electron's binary downloads on the first `npm start`; where it is absent (machines without
// network access, like our CI), this spec reports itself skipped with the reason. What it covers is also tested
// without Electron: the renderer and handlers through serve mode (every other spec), and the shell's security,
// IPC registration, menu and database choice as unit tests with fakes (test/electron-shell.test.ts).
// Looks for the binary the way the electron package records it, without require('electron'), which would try to
// download it.
function electronBinary(): string | null {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version
const native = electronNativeBinding(ROOT, electronVersion)
const SKIP_NO_BINARY = 'The Electron binary is not installed here (it downloads on first `npm start`, which needs network access).'
const SKIP_NO_NATIVE = 'better-sqlite3 has not been built for Electron yet: run `npm start` once (scripts/desktop.js).'
// The list reporter does not print skip reasons; say it where CI logs will show it.
if (!binary) console.log(`electron.spec.ts skipped: ${SKIP_NO_BINARY}`)
else if (!native) console.log(`electron.spec.ts skipped: ${SKIP_NO_NATIVE}`)

test.describe('Electron app', () => {
  test.skip(!binary, SKIP_NO_BINARY)
  test.skip(!native, SKIP_NO_NATIVE)

  test('starts, opens a file given with --db, lists and purges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docusnap-electron-'))
    const db = join(dir, 'tasks.db')
    cli(['demo', '--count', '200', '--db', db])
    const app = await electron.launch({ executablePath: binary!, args: [ROOT, '--db', db], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
    try {
      const page = await app.firstWindow()
      await expect(page.getByTestId('task-total')).toHaveText('200 tasks')
      expect(await page.title()).toContain('DocuSnap Task Admin')
      // The page has no Node and no raw IPC: only the contract bridge.
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
      expect(await page.evaluate(() => Object.keys((window as unknown as { docusnap: object }).docusnap).sort())).toEqual(['call', 'on'])
      await page.getByRole('complementary', { name: 'Filters' }).getByRole('checkbox', { name: /^error/ }).check()
      await page.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: 'Purge matching…' }).click()
      await page.getByRole('dialog').getByRole('button', { name: /^Delete \d+ tasks?$/ }).click()
      await expect(page.getByRole('dialog').getByText(/tasks? (was|were) deleted\./)).toBeVisible()
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
