import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

// An automated accessibility scan (axe-core, WCAG 2.2 A and AA rules) of what the page shows now: any serious or
// critical violation fails, with what and where.
export async function scan(page: Page, where: string): Promise<void> {
  // label-content-name-mismatch is one of axe's experimental rules (off by default): on, so that every control's
  // accessible name contains its visible text (a voice-control user says what they see).
  const result = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'experimental'])
    .analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  expect(bad).toEqual([])
}
