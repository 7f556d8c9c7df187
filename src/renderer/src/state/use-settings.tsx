import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { type CleanupRule, type SettingsPatch, type SettingsState, DEFAULT_SETTINGS } from '@shared/settings'
import { api, ApiError, errorMessage } from '../lib/api'
import { applyLanguage, cachedLanguage } from '../lib/i18n'
import { cachedTheme } from '../lib/theme'

export interface SettingsApi {
  state: SettingsState
  /** False until the main process answered (the state is then this page's last known theme and language). */
  loaded: boolean
  /** Why the settings could not be loaded or saved, if they could not. */
  error: string | null
  update(patch: SettingsPatch): Promise<void>
  setRule(path: string, rule: CleanupRule): Promise<void>
  reset(): Promise<void>
  /** Takes a state the main process sent back (e.g. after a scheduled run). */
  receive(state: SettingsState): void
}

const SettingsContext = createContext<SettingsApi | null>(null)

/** The settings live in the main process (one file in the user-data folder); this keeps the page's copy in step. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const [loadedState, setState] = useState<SettingsState | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    // If they cannot be read (no access token, server gone), the page says so elsewhere; the defaults serve.
    api.call('settings.get', {}).then(setState, () => undefined)
  }, [])
  const language = loadedState?.settings.language
  useEffect(() => {
    if (language) applyLanguage(language)
  }, [language])
  const state = loadedState ?? { settings: { ...DEFAULT_SETTINGS, theme: cachedTheme(), language: cachedLanguage() }, file: null, problems: [] }
  const run = useCallback(async (call: Promise<SettingsState>) => {
    try {
      setState(await call)
      setError(null)
    } catch (e) {
      setError(errorMessage(e))
      throw e
    }
  }, [])
  const value: SettingsApi = {
    state,
    loaded: loadedState !== null,
    error,
    update: (patch) =>
      run(api.call('settings.update', { patch })).catch((e: unknown) => {
        // A read-only server keeps its settings as they are; the page's own look (theme, language) still follows the
        // user's choice, for this browser only.
        const local = Object.keys(patch).every((k) => k === 'theme' || k === 'language')
        if (!(e instanceof ApiError && e.code === 'READ_ONLY' && local)) throw e
        setState((prev) => ({ ...(prev ?? state), settings: { ...(prev ?? state).settings, ...patch } }))
        setError(null)
      }),
    setRule: (path, rule) => run(api.call('settings.cleanupRule', { path, rule })),
    reset: () => run(api.call('settings.reset', {})),
    receive: setState
  }
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

export function useSettings(): SettingsApi {
  const s = useContext(SettingsContext)
  if (!s) throw new Error('useSettings outside SettingsProvider')
  return s
}
