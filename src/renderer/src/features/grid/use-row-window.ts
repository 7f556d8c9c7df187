import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { maxElementHeight, revealRow, rowWindow, type RowWindow, type ScrollBox } from './row-window'

/** The rows on screen in a scroll element (see row-window.ts), following its scrolling and resizing. */
export function useRowWindow(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  header: number,
  overscan: number
): RowWindow & { reveal(index: number): void } {
  const [box, setBox] = useState<ScrollBox>({ scrollTop: 0, viewport: 800 })

  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const update = () => setBox((b) => (b.scrollTop === el.scrollTop && b.viewport === el.clientHeight ? b : { scrollTop: el.scrollTop, viewport: el.clientHeight }))
    update()
    el.addEventListener('scroll', update, { passive: true })
    const resize = new ResizeObserver(update)
    resize.observe(el)
    return () => {
      el.removeEventListener('scroll', update)
      resize.disconnect()
    }
  }, [ref])

  const reveal = useCallback(
    (index: number) => {
      const el = ref.current
      if (!el) return
      const to = revealRow(index, { scrollTop: el.scrollTop, viewport: el.clientHeight }, count, rowHeight, header, maxElementHeight())
      if (to !== null) el.scrollTop = to
    },
    [ref, count, rowHeight, header]
  )

  const view = rowWindow(box, count, rowHeight, header, maxElementHeight(), overscan)

  // The scale changes as the count grows (a count arrives in installments on big files): the same scrollbar position
  // would then show other rows. Keep the rows the user is looking at where they are, before the browser paints.
  const anchor = useRef<{ k: number; top: number } | null>(null)
  useLayoutEffect(() => {
    const el = ref.current
    const before = anchor.current
    anchor.current = { k: view.k, top: box.scrollTop * view.k }
    if (!el || !before || before.k === view.k || box.scrollTop === 0) return
    const scrollTop = Math.round(before.top / view.k)
    el.scrollTop = scrollTop
    anchor.current = { k: view.k, top: before.top }
    setBox({ scrollTop: el.scrollTop, viewport: el.clientHeight })
  }, [ref, view.k, box.scrollTop])

  return { ...view, reveal }
}
