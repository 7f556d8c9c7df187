import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

// Debian's Chromium where it exists (this machine and CI install it; Playwright's own download is not reachable
// here), else Playwright's bundled browser on a developer's machine.
export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

export function chromiumLaunchOptions(): LaunchOptions {
  if (!existsSync(DEBIAN_CHROMIUM)) return {}
  return {
    executablePath: DEBIAN_CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  }
}
