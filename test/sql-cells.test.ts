import { describe, expect, it } from 'vitest'
import { cellText, completionSchema, expandable, isNumericColumn, jsonOf, rowText, timeSeconds } from '../src/renderer/src/features/sql/cells'
import { consoleCell, uniqueNames } from '../src/main/store/model/console-cells'
import { pushQuery } from '../src/shared/settings'

// How console cells are made (main) and read (the view): pure functions, both sides.

describe('console cells', () => {
  it('are JSON-safe and bounded: big integers as digits, BLOBs described, long text cut', () => {
    expect(consoleCell(2n ** 60n)).toEqual({ t: 'int', v: '1152921504606846976' })
    expect(consoleCell(5n)).toBe(5)
    expect(consoleCell(Buffer.from([0, 255]))).toEqual({ t: 'blob', size: 2, hex: '00ff' })
    expect(consoleCell('x'.repeat(20), 8)).toEqual({ t: 'cut', head: 'xxxxxxxx', length: 20 })
    expect(consoleCell(NaN)).toBe('NaN')
    expect(uniqueNames(['a', 'a', 'b', 'a'])).toEqual(['a', 'a_2', 'b', 'a_3'])
  })

  it('read as the grid shows them: NULL apart from "NULL", times by the app’s column names, JSON expandable', () => {
    expect(cellText(null)).toBe('NULL')
    expect(cellText('NULL')).toBe('NULL')
    expect(cellText({ t: 'blob', size: 3, hex: 'abcdef' })).toBe('\\xabcdef')
    expect(timeSeconds({ name: 'created_at', type: 'INTEGER' }, 1_700_000_000)).toBe(1_700_000_000)
    expect(timeSeconds({ name: 'last_accessed', type: 'TEXT' }, '2024-05-01 08:00:00')).toBe(Date.UTC(2024, 4, 1, 8) / 1000)
    expect(timeSeconds({ name: 'n', type: 'INTEGER' }, 1_700_000_000)).toBe(null)
    expect(jsonOf('{"a": 1}')).toEqual({ a: 1 })
    expect(jsonOf('{not json')).toBe(undefined)
    expect(expandable('{"a": 1}')).toBe(true)
    expect(expandable('short')).toBe(false)
    expect(expandable({ t: 'cut', head: 'x', length: 9 })).toBe(true)
    expect(isNumericColumn({ name: 'n', type: 'bigint' })).toBe(true)
    expect(rowText(['a\tb', null, 3])).toBe('a b\tNULL\t3')
    expect(completionSchema([{ name: 'tasks', columns: [{ name: 'id' }] }])).toEqual({ tasks: ['id'] })
  })

  it('keep a history newest first, a query run again moved up, at most 50', () => {
    let h: string[] = []
    for (let i = 0; i < 60; i++) h = pushQuery(h, `SELECT ${i}`)
    expect(h).toHaveLength(50)
    expect(h[0]).toBe('SELECT 59')
    expect(pushQuery(h, ' SELECT 30 ')[0]).toBe('SELECT 30')
    expect(pushQuery(h, 'SELECT 30').filter((q) => q === 'SELECT 30')).toHaveLength(1)
  })
})
