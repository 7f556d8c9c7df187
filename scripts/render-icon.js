// Renders build/icon.svg to build/icon.png (1024×1024), the icon electron-builder turns into each platform's format.
// Run after changing the SVG: node scripts/render-icon.js
import { chromium } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', 'build')
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8')
// Debian's Chromium where there is one (as in e2e/browser.ts), else Playwright's own.
const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] } : {})
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
await page.locator('svg').screenshot({ path: join(dir, 'icon.png'), omitBackground: true })
await browser.close()
