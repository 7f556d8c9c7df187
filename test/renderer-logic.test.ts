import { describe, expect, it } from 'vitest'
import { fromSearch, toSearch } from '../src/renderer/src/lib/filter-url'
import { absoluteTime, formatBytes, formatCount, formatDuration, fromLocalInput, relativeTime, toLocalInput } from '../src/renderer/src/lib/format'
import { confirmLevel, typedCountMatches } from '../src/renderer/src/features/actions/confirm'
import { chartRows } from '../src/renderer/src/features/overview/Overview'

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

  it('durations', () => {
    expect(formatDuration(100, 100)).toBe('0 s')
    expect(formatDuration(100, 165)).toBe('1 m 05 s')
    expect(formatDuration(0, 7380)).toBe('2 h 03 m')
    expect(formatDuration(0, 90_000)).toBe('1 d 1 h')
    expect(formatDuration(10, 5)).toBe('—')
    expect(formatDuration(null, 5)).toBe('—')
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
    expect(rows).toEqual([{ day: '05-29' }, { day: '05-30', completed: 3, error: 1 }, { day: '05-31' }])
  })
})
