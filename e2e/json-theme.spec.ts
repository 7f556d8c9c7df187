import { cli, expect, shot, test } from './fixtures'

// The task editor's JSON colours are readable in both schemes (issue 30.4): every token's computed colour against
// the editor's computed background, by WCAG's formula, at 4.5:1 or more.

const channel = (c: number) => {
  const s = c / 255
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}
const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
function contrast(a: number[], b: number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x! + 0.05) / (y! + 0.05)
}

for (const scheme of ['light', 'dark'] as const)
  test(`JSON tokens in the task editor meet 4.5:1 in the ${scheme} scheme`, async ({ page, seedDb, openApp }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme })
    const db = seedDb(30)
    await openApp(db)
    const id = (cli(['list', '--db', db, '--limit', '1']) as { tasks: { id: string }[] }).tasks[0]!.id
    await page.getByRole('searchbox', { name: 'Search task id' }).pressSequentially(id)
    await page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1).click()
    await page.getByRole('complementary', { name: 'Task detail' }).getByRole('button', { name: 'Edit…' }).click()
    const editor = page.getByRole('dialog').getByRole('textbox', { name: 'Result as JSON' })
    await editor.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('{"key": "text", "n": 12.5, "ok": true, "off": false, "none": null, "list": [1, "two"]}')
    const colours = await page.evaluate(() => {
      // Colours as the screen shows them (Tailwind's oklch() included), read back through a canvas.
      const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!
      const toRgb = (css: string) => {
        ctx.clearRect(0, 0, 1, 1)
        ctx.fillStyle = css
        ctx.fillRect(0, 0, 1, 1)
        return [...ctx.getImageData(0, 0, 1, 1).data]
      }
      const view = document.querySelector('.cm-editor')!
      // The background the text sits on: the editor's own, or the nearest one behind it.
      let el: Element | null = view
      let background = [0, 0, 0, 0]
      while (el && (background = toRgb(getComputedStyle(el).backgroundColor))[3] === 0) el = el.parentElement
      const tokens = [...view.querySelectorAll('.cm-line span')].map((s) => ({ text: s.textContent ?? '', color: toRgb(getComputedStyle(s).color) }))
      return { background, tokens }
    })
    // Strings, numbers, booleans and null each came out as a span of their own.
    for (const t of ['"text"', '12.5', 'true', 'false', 'null']) expect(colours.tokens.map((x) => x.text)).toContain(t)
    for (const t of colours.tokens) expect(contrast(t.color, colours.background), `${t.text} ${t.color} on ${colours.background}`).toBeGreaterThanOrEqual(4.5)
    await shot(page, testInfo, `json-editor-${scheme}`)
  })
