import { describe, expect, it } from 'vitest'
import { fromSearch, toSearch } from '../src/renderer/src/lib/filter-url'
import { streamMore } from '../src/renderer/src/state/stream-end'
import { absoluteTime, formatBytes, formatCount, formatDuration, fromLocalInput, relativeTime, toLocalInput } from '../src/renderer/src/lib/format'
import { confirmLevel, typedCountMatches } from '../src/renderer/src/features/actions/confirm'
import { chartRows } from '../src/renderer/src/features/overview/Overview'
import { BLOCK_ROWS, revealRow, rowWindow, scrollScale } from '../src/renderer/src/features/grid/row-window'

describe('formatting', () => {
  it('counts and sizes', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567')
    expect(formatCount(1234567, 'de-DE')).toBe('1.234.567')
    expect(formatBytes(0, 'en-US')).toBe('0 B')
    expect(formatBytes(1023, 'en-US')).toBe('1,023 B')
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB')
    expect(formatBytes(10 * 1024 * 1024, 'en-US')).toBe('10 MB')
    expect(formatBytes(253 * 1024 * 1024, 'en-US')).toBe('253 MB')
  })

  it('relative times, past and future, and missing ones', () => {
    const now = 1_700_000_000
    expect(relativeTime(now - 10, now, 'en-US')).toBe('now')
    expect(relativeTime(now - 180, now, 'en-US')).toBe('3 minutes ago')
    expect(relativeTime(now - 180, now, 'en-US', 'short')).toBe('3 min. ago')
    expect(relativeTime(now - 2 * 86_400, now, 'en-US')).toBe('2 days ago')
    expect(relativeTime(now + 3 * 3600, now, 'en-US')).toBe('in 3 hours')
    expect(relativeTime(null, now)).toBe('—')
    expect(absoluteTime(null)).toBe('—')
  })

  it('times far from now are shown, never NaN, blank or a crash: before 1990, at 0, and past what a Date holds', () => {
    const now = 1_700_000_000
    expect(relativeTime(5, now, 'en-US')).toBe('54 years ago')
    expect(absoluteTime(0, 'en-US')).toMatch(/19(69|70)/)
    expect(absoluteTime(-86_400 * 365, 'en-US')).toMatch(/196(8|9)/)
    // Milliseconds read as seconds: year 55,000 or so, still a date.
    expect(absoluteTime(now * 1000, 'en-US')).toMatch(/\d{5}/)
    // Microseconds read as seconds: beyond any Date, the stored number itself.
    expect(absoluteTime(now * 1_000_000, 'en-US')).toBe(String(now * 1_000_000))
    expect(relativeTime(now * 1_000_000, now, 'en-US')).toMatch(/^in [\d,]+ years$/)
    expect(toLocalInput(now * 1_000_000)).toBe('')
  })

  it('durations', () => {
    expect(formatDuration(100, 100)).toBe('0 s')
    expect(formatDuration(100, 165)).toBe('1 m 05 s')
    expect(formatDuration(0, 7380)).toBe('2 h 03 m')
    expect(formatDuration(0, 90_000)).toBe('1 d 1 h')
    expect(formatDuration(10, 5)).toBe('—')
    expect(formatDuration(null, 5)).toBe('—')
    // Times read as milliseconds have fractions of a second.
    expect(formatDuration(100, 100.85)).toBe('850 ms')
    expect(formatDuration(100, 165.5)).toBe('1 m 05 s')
  })

  it('datetime-local values round-trip in local time', () => {
    const s = fromLocalInput('2024-05-01T08:30')!
    expect(toLocalInput(s)).toBe('2024-05-01T08:30')
    expect(fromLocalInput('')).toBeUndefined()
    expect(fromLocalInput('garbage')).toBeUndefined()
  })
})

describe('filter ↔ URL', () => {
  it('round-trips every filter field and the sort', () => {
    const view = {
      filter: { statuses: ['error', 'pending'], types: ['form'], errors: ['OCR_FAILURE'], id: 'a%_b', text: '发票 & co', createdFrom: 1, createdTo: 2, updatedFrom: 3, updatedTo: 4, olderThanDays: 7 },
      sort: { field: 'id' as const, dir: 'asc' as const }
    }
    expect(fromSearch(toSearch(view))).toEqual(view)
  })

  it('the default view is an empty query string', () => {
    expect(toSearch({ filter: {}, sort: { field: 'created_at', dir: 'desc' } })).toBe('')
    expect(fromSearch('')).toEqual({ filter: {}, sort: { field: 'created_at', dir: 'desc' } })
  })

  it('relative presets stay relative in the URL', () => {
    const view = { filter: { createdWithin: 86_400, updatedWithin: 3600 }, sort: { field: 'created_at' as const, dir: 'desc' as const } }
    expect(toSearch(view)).toBe('?created_within=86400&updated_within=3600')
    expect(fromSearch('?created_within=86400&updated_within=3600')).toEqual(view)
  })

  it('a NUL or other control character in a URL is dropped, never a filter that matches everything', () => {
    expect(fromSearch('?id=%00zzz&q=a%0Ab&status=error').filter).toEqual({ statuses: ['error'] })
  })

  it('drops what is malformed instead of trusting an edited URL', () => {
    expect(fromSearch('?created_from=yesterday&older=-3&sort=result&dir=up&status=error&bogus=1')).toEqual({
      filter: { statuses: ['error'] },
      sort: { field: 'created_at', dir: 'desc' }
    })
  })
})

describe('confirmation strength', () => {
  it('grows with the number of tasks', () => {
    expect(confirmLevel(0)).toBe('nothing')
    expect(confirmLevel(1)).toBe('click')
    expect(confirmLevel(999)).toBe('click')
    expect(confirmLevel(1000)).toBe('type')
    expect(confirmLevel(50, 10)).toBe('type')
  })

  it('accepts the typed count with or without separators, and nothing else', () => {
    expect(typedCountMatches('12345', 12345)).toBe(true)
    expect(typedCountMatches('12,345', 12345)).toBe(true)
    expect(typedCountMatches('12 345', 12345)).toBe(true)
    expect(typedCountMatches('12345 ', 12345)).toBe(true)
    expect(typedCountMatches('1234', 12345)).toBe(false)
    expect(typedCountMatches('', 0)).toBe(false)
    expect(typedCountMatches('12345a', 12345)).toBe(false)
  })
})

describe('overview chart', () => {
  it('fills the last N days with zeros where nothing was created', () => {
    const rows = chartRows([{ day: '2024-05-30', counts: { completed: 3, error: 1 } }], 3, new Date(2024, 4, 31))
    expect(rows).toEqual([
      { day: '05-29', date: '2024-05-29' },
      { day: '05-30', date: '2024-05-30', completed: 3, error: 1 },
      { day: '05-31', date: '2024-05-31' }
    ])
  })

  it('a chart day is the tasks created from its local midnight to the next', async () => {
    const { dayRange } = await import('../src/renderer/src/features/overview/Overview')
    const r = dayRange('2024-05-30')
    expect(r.createdFrom).toBe(new Date(2024, 4, 30).getTime() / 1000)
    expect(r.createdTo).toBe(new Date(2024, 4, 31).getTime() / 1000)
  })
})

describe('scrollbar scale past the browser height cap', () => {
  it('is 1:1 while the rows fit', () => {
    expect(scrollScale(36_000, 36, 700, 33_000_000)).toEqual({ height: 36_000, k: 1 })
  })

  it('maps the first and the last scroll position to the first and the last row', () => {
    for (const rows of [1_000_000, 1_001_516, 10_000_000]) {
      const rowsHeight = rows * 36
      const { height, k } = scrollScale(rowsHeight, 36, 700, 33_000_000)
      expect(height + 36).toBe(33_000_000)
      expect(k).toBeGreaterThan(1)
      // The furthest the element scrolls, scaled, is the furthest the rows go: the last row ends at the bottom.
      const lastScroll = 36 + height - 700
      expect(lastScroll * k).toBeCloseTo(36 + rowsHeight - 700, 3)
    }
    expect(scrollScale(1_000_000 * 36, 36, 700, 33_554_000).k).toBeLessThan(1.08)
  })
})

describe('rows on screen', () => {
  const MAX = 33_000_000
  it('are the rows under the scroll position, with overscan, clipped to the table', () => {
    expect(rowWindow({ scrollTop: 0, viewport: 36 + 360 }, 1000, 36, 36, MAX, 2)).toMatchObject({ first: 0, last: 12, shift: 0, k: 1 })
    expect(rowWindow({ scrollTop: 3600, viewport: 396 }, 1000, 36, 36, MAX, 2)).toMatchObject({ first: 98, last: 112 })
    expect(rowWindow({ scrollTop: 0, viewport: 396 }, 5, 36, 36, MAX, 2)).toMatchObject({ first: 0, last: 4 })
    expect(rowWindow({ scrollTop: 0, viewport: 396 }, 0, 36, 36, MAX, 2).last).toBeLessThan(0)
  })

  it('past the height cap, the last scroll position shows the last of ten million rows', () => {
    const viewport = 800
    const w = rowWindow({ scrollTop: 36 + MAX - 36 - viewport, viewport }, 10_000_000, 36, 36, MAX, 0)
    expect(w.last).toBe(9_999_999)
    // The last row's bottom, where the browser draws it (its layer's top plus its top in the layer, below the header),
    // is the screen's bottom; and nothing is placed past the height cap, where the browser would clamp it.
    const scrollTop = 36 + w.height - viewport
    const rowTop = (w.last - w.base) * 36
    expect(36 + w.layerTop + rowTop + 36 - scrollTop).toBeCloseTo(viewport, 3)
    expect(w.layerTop).toBeLessThan(MAX)
    expect(rowTop).toBeLessThan(BLOCK_ROWS * 36 + 36 * 40)
  })

  it('reveal moves as little as possible, in scrollbar pixels', () => {
    const box = { scrollTop: 0, viewport: 36 + 360 }
    expect(revealRow(5, box, 1000, 36, 36, MAX)).toBeNull()
    expect(revealRow(10, box, 1000, 36, 36, MAX)).toBe(36)
    expect(revealRow(3, { scrollTop: 360, viewport: 396 }, 1000, 36, 36, MAX)).toBe(108)
    expect(revealRow(999, box, 1000, 36, 36, MAX)).toBe(36 + 36_000 - 396)
    // Scaled: row 5,000,000 of 10 M lands on screen once the scrollbar is set where revealRow says.
    const to = revealRow(5_000_000, box, 10_000_000, 36, 36, MAX)!
    const w = rowWindow({ scrollTop: to, viewport: 396 }, 10_000_000, 36, 36, MAX, 0)
    expect(w.first).toBeLessThanOrEqual(5_000_000)
    expect(w.last).toBeGreaterThanOrEqual(5_000_000)
  })
})

describe('a search stream', () => {
  it('ends by itself once the exact count is loaded, even with a cursor left (no "Searching older tasks…" forever)', () => {
    expect(streamMore(640, 'cursor', 640, false)).toEqual({ more: false, hasMore: false })
    expect(streamMore(200, 'cursor', 640, false)).toEqual({ more: true, hasMore: true })
    // A partial count says nothing about the end.
    expect(streamMore(640, 'cursor', null, false)).toEqual({ more: true, hasMore: true })
    expect(streamMore(10, null, null, false)).toEqual({ more: false, hasMore: false })
    // Stopped by the user: more to find, not fetched.
    expect(streamMore(100, 'cursor', 640, true)).toEqual({ more: true, hasMore: false })
  })
})

describe('layout arithmetic', () => {
  it('columns give way in their order when the grid is narrow, and all show when it is wide', async () => {
    const { fitColumns, minPixels } = await import('../src/renderer/src/features/grid/fit-columns')
    const cols = [
      { id: 'id', width: 'minmax(9rem, 2fr)' },
      { id: 'status', width: 'minmax(6rem, 1fr)' },
      { id: 'updated', width: 'minmax(6rem, 1fr)', giveWay: 3 },
      { id: 'duration', width: 'minmax(5rem, 1fr)', giveWay: 1 },
      { id: 'result', width: 'minmax(4rem, 1fr)', giveWay: 2 }
    ]
    expect(minPixels('minmax(9rem, 2fr)')).toBe(144)
    const all = 40 + (9 + 6 + 6 + 5 + 4) * 16
    expect([...fitColumns(cols, all)]).toEqual(['id', 'status', 'updated', 'duration', 'result'])
    expect([...fitColumns(cols, all - 1)]).toEqual(['id', 'status', 'updated', 'result'])
    expect([...fitColumns(cols, all - 5 * 16 - 1)]).toEqual(['id', 'status', 'updated'])
    expect([...fitColumns(cols, 10)]).toEqual(['id', 'status'])
  })

  it('the detail panel keeps between 288 px and 60 % of the window', async () => {
    const { clampPanelWidth, savedPanelWidth } = await import('../src/renderer/src/features/detail/panel-width')
    expect(clampPanelWidth(100, 1280)).toBe(288)
    expect(clampPanelWidth(5000, 1280)).toBe(768)
    expect(clampPanelWidth(Infinity, 1440)).toBe(864)
    expect(clampPanelWidth(500, 1280)).toBe(500)
    expect(savedPanelWidth({ getItem: () => 'nonsense' }, 1280)).toBe(416)
    expect(savedPanelWidth({ getItem: () => '9000' }, 1280)).toBe(768)
  })
})
