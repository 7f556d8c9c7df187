import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/browser'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Ceilings, not paces: a spec waits for what the page shows, and on a loaded 2-core machine (CI beside other work)
  // the same step takes several times as long. A passing spec is not slowed by them.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure'
  }
})
