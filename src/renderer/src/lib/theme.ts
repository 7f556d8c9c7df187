import { useEffect, useState } from 'react'
import type { ThemeChoice } from '@shared/settings'

export type { ThemeChoice }
const KEY = 'docusnap.theme'

/** The first paint uses the last choice this page saw; the settings file is the truth once loaded. */
export const cachedTheme = (): ThemeChoice => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system'

/** Follows the system unless the user picks light or dark. */
export function useTheme(choice: ThemeChoice): { dark: boolean } {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const [systemDark, setSystemDark] = useState(media.matches)
  useEffect(() => {
    const on = (e: MediaQueryListEvent) => setSystemDark(e.matches)
    media.addEventListener('change', on)
    return () => media.removeEventListener('change', on)
  }, [media])
  const dark = choice === 'dark' || (choice === 'system' && systemDark)
  useEffect(() => {
    localStorage.setItem(KEY, choice)
    document.documentElement.classList.toggle('dark', dark)
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  }, [dark, choice])
  return { dark }
}
