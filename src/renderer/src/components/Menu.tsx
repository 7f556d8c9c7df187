import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { Button } from './ui'

export interface MenuItem {
  label: string
  onSelect(): void
  disabled?: boolean
  danger?: boolean
}

/**
 * A menu button (WAI-ARIA menu pattern): opens with click, Enter, Space or ↓; arrows move; Esc or a click outside
 * closes and returns focus to the button.
 */
export function MenuButton({ label, items, children }: { label: string; items: MenuItem[]; children?: ReactNode }) {
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const focusItem = (i: number) => {
    const all = menuRef.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]:not([disabled])')
    if (!all?.length) return
    all[(i + all.length) % all.length]!.focus()
  }
  useEffect(() => {
    if (!open) return
    focusItem(0)
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open])
  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  return (
    <div className="relative">
      <Button
        ref={buttonRef}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        {children ?? label} <span aria-hidden="true">▾</span>
      </Button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={(e) => {
            const all = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]:not([disabled])') ?? [])]
            const i = all.indexOf(document.activeElement as HTMLButtonElement)
            if (e.key === 'ArrowDown') focusItem(i + 1)
            else if (e.key === 'ArrowUp') focusItem(i - 1)
            else if (e.key === 'Home') focusItem(0)
            else if (e.key === 'End') focusItem(all.length - 1)
            else if (e.key === 'Escape' || e.key === 'Tab') close()
            else return
            e.preventDefault()
            e.stopPropagation()
          }}
          className="absolute right-0 z-20 mt-1 min-w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                setOpen(false)
                item.onSelect()
              }}
              className={`block w-full px-3 py-1.5 text-left text-sm whitespace-nowrap hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:opacity-40 dark:hover:bg-slate-800 dark:focus:bg-slate-800 ${item.danger ? 'text-red-700 dark:text-red-300' : ''}`}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
