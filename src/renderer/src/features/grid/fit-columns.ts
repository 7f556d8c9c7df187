// Which columns fit: when the grid is narrower than every column's minimum (a detail panel open at 1280 px), the
// least needed give way first, instead of every column being cut. Pure: the grid passes its measured width.

export interface FitColumn {
  id: string
  /** CSS grid track, e.g. "minmax(6rem, 1fr)": its minimum is what it needs. */
  width: string
  /** Lower goes first; columns without one always stay. */
  giveWay?: number
}

const REM = 16
/** The selection checkbox's track (2.5rem). */
const CHECKBOX = 2.5 * REM

export const minPixels = (width: string): number => {
  const m = /minmax\(\s*([\d.]+)rem/.exec(width) ?? /^([\d.]+)rem$/.exec(width)
  return m ? Number(m[1]) * REM : 0
}

/** The ids of the columns to show in `available` pixels. */
export function fitColumns(columns: readonly FitColumn[], available: number): Set<string> {
  const shown = new Set(columns.map((c) => c.id))
  let need = CHECKBOX + columns.reduce((sum, c) => sum + minPixels(c.width), 0)
  const order = columns.filter((c) => c.giveWay !== undefined).sort((a, b) => a.giveWay! - b.giveWay!)
  for (const c of order) {
    if (need <= available) break
    shown.delete(c.id)
    need -= minPixels(c.width)
  }
  return shown
}
