// Which rows of a fixed-height grid are on screen, for any number of rows. Plain arithmetic rather than a virtualizer
// library: TanStack Virtual keeps one measurement object per row (a million rows, tens of MB; ten million, hundreds)
// and clamps scrolling to the element's height (TanStack/virtual#565); with one row height neither is needed.

/**
 * Browsers cap how tall an element can be (Chromium about 33.5 M px, Firefox about 17.9 M px): a million 36 px rows
 * (36 M px) would leave the last rows past the end of the scrollbar, ten million most of them. Past the cap the grid's
 * scrollbar is scaled: one pixel of scrolling moves `k` pixels of rows (k is 1.07 for a million rows in Chromium, so
 * nobody notices; it grows with the table), while keyboard moves and jumps stay exact, row by row.
 */

let measured: number | null = null

/** The tallest element this browser lays out, with a margin; measured once. */
export function maxElementHeight(): number {
  if (measured !== null) return measured
  let cap = 15_000_000
  if (typeof document !== 'undefined' && document.body) {
    const probe = document.createElement('div')
    probe.style.cssText = 'position:absolute;visibility:hidden;width:1px;height:1000000000px'
    document.body.appendChild(probe)
    const h = probe.getBoundingClientRect().height
    probe.remove()
    if (h > 1_000_000) cap = Math.floor(h * 0.98)
  }
  return (measured = cap)
}

export interface ScrollScale {
  /** The height to give the rows' container. */
  height: number
  /** Rows' pixels per scrollbar pixel (1 when the rows fit). */
  k: number
}

/**
 * The rows' container height and scale for `rowsHeight` px of rows below a `header` in a `viewport` px tall scroll
 * area, when no element may be taller than `max`: the last scroll position shows the last row, the first the first.
 */
export function scrollScale(rowsHeight: number, header: number, viewport: number, max: number): ScrollScale {
  if (header + rowsHeight <= max) return { height: rowsHeight, k: 1 }
  const height = max - header
  const range = Math.max(1, header + height - viewport)
  return { height, k: Math.max(1, (header + rowsHeight - viewport) / range) }
}

/**
 * Rows are placed in blocks of this many: a row's top is its distance from the start of its block (small, and the
 * same while the block is on screen, so rows need no new render as the grid scrolls), and the block is moved to its
 * place as one. Tops counted from the first row would pass the browser's height cap too, and be clamped.
 */
export const BLOCK_ROWS = 1000

export interface RowWindow extends ScrollScale {
  /** The rows to render (on screen, plus `overscan` either side); last < first when there are none. */
  first: number
  last: number
  /** Rows' pixels above the top of the screen that the scrollbar does not account for: rows move up by this much. */
  shift: number
  /** The block's first row: rows are placed at (index - base) × row height ... */
  base: number
  /** ... inside a layer moved down by this much, which lands them under the scroll position. */
  layerTop: number
}

export interface ScrollBox {
  /** The element's scrollTop and clientHeight. */
  scrollTop: number
  viewport: number
}

export function rowWindow(box: ScrollBox, count: number, rowHeight: number, header: number, max: number, overscan: number): RowWindow {
  const scale = scrollScale(count * rowHeight, header, box.viewport, max)
  const top = box.scrollTop * scale.k
  const visible = Math.max(0, box.viewport - header)
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan)
  const shift = top - box.scrollTop
  const base = Math.floor(first / BLOCK_ROWS) * BLOCK_ROWS
  return {
    ...scale,
    first,
    last: Math.min(count - 1, Math.ceil((top + visible) / rowHeight) + overscan),
    shift,
    base,
    layerTop: base * rowHeight - shift
  }
}

/**
 * The scrollTop that brings row `index` fully on screen below the header, moving as little as possible; null when it
 * already is. The last row goes to the very bottom (the scale's rounding never leaves it half hidden).
 */
export function revealRow(index: number, box: ScrollBox, count: number, rowHeight: number, header: number, max: number): number | null {
  const { height, k } = scrollScale(count * rowHeight, header, box.viewport, max)
  if (index >= count - 1) return Math.max(0, header + height - box.viewport)
  const visible = box.viewport - header
  const top = index * rowHeight
  const current = box.scrollTop * k
  if (top < current) return Math.floor(top / k)
  if (top + rowHeight > current + visible) return Math.ceil((top + rowHeight - visible) / k)
  return null
}
