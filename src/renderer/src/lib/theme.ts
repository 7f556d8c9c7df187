import { useEffect, useState } from 'react'

export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'docusnap.theme'

/** Follows the system unless the user picks light or dark; the choice is remembered. */
export function useTheme(): { choice: ThemeChoice; dark: boolean; setChoice(c: ThemeChoice): void } {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system')
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const [systemDark, setSystemDark] = useState(media.matches)
  useEffect(() => {
    const on = (e: MediaQueryListEvent) => setSystemDark(e.matches)
    media.addEventListener('change', on)
    return () => media.removeEventListener('change', on)
  }, [media])
  const dark = choice === 'dark' || (choice === 'system' && systemDark)
  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark)
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  }, [dark])
  return {
    choice,
    dark,
    setChoice: (c) => {
      localStorage.setItem(KEY, c)
      setChoiceState(c)
    }
  }
}
