// The detail panel's width: dragged or set with the arrow keys on its edge, remembered for the next start, and kept
// where both it and the grid stay usable (at 1280×720 too).

export const PANEL_DEFAULT = 416
export const PANEL_MIN = 288
const KEY = 'docusnap.detailWidth'

/** At least PANEL_MIN, at most 60 % of the window (the grid keeps the rest). */
export function clampPanelWidth(px: number, viewport: number): number {
  const max = Math.max(PANEL_MIN, Math.floor(viewport * 0.6))
  return Math.round(Math.min(max, Math.max(PANEL_MIN, Number.isNaN(px) ? PANEL_DEFAULT : px)))
}

export function savedPanelWidth(storage: Pick<Storage, 'getItem'>, viewport: number): number {
  const n = Number(storage.getItem(KEY))
  return clampPanelWidth(n > 0 ? n : PANEL_DEFAULT, viewport)
}

export function savePanelWidth(storage: Pick<Storage, 'setItem'>, px: number): void {
  try {
    storage.setItem(KEY, String(Math.round(px)))
  } catch {
    // Storage full or disabled: the width is kept for this session only.
  }
}
