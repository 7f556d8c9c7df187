import { useCallback, useLayoutEffect, useState, type RefObject } from 'react'
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

  return { ...rowWindow(box, count, rowHeight, header, maxElementHeight(), overscan), reveal }
}
