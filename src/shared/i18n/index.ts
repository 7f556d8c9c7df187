import i18next, { type i18n, type Module } from 'i18next'
import type { LanguageChoice } from '../settings'
import { en } from './en'
import { zhCN } from './zh-CN'

// One i18next setup for the UI and the command line: the same catalogs, the same language choice rules.

export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const

/**
 * The language to use: the user's choice, else the first of the system's preferred locales we have (any Chinese
 * locale reads Simplified Chinese best of what we offer), else English.
 */
export function resolveLanguage(choice: LanguageChoice | undefined, systemLocales: readonly string[]): Language {
  if (choice && choice !== 'system') return choice
  for (const locale of systemLocales) {
    const l = locale.toLowerCase().replace('_', '-')
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'en'
}

/** POSIX locale variables in the order the C library reads them ("zh_CN.UTF-8" → "zh_CN"). */
export function localesFromEnv(env: Record<string, string | undefined>): string[] {
  return [env.LC_ALL, env.LC_MESSAGES, env.LANG, env.LANGUAGE?.split(':')[0]]
    .filter((v): v is string => !!v && v !== 'C' && v !== 'POSIX')
    .map((v) => v.split('.')[0]!)
}

/** A ready, synchronous i18next instance (the catalogs are bundled, nothing loads). */
export function createI18n(lng: Language, plugins: Module[] = []): i18n {
  const instance = i18next.createInstance()
  for (const plugin of plugins) instance.use(plugin)
  void instance.init({ resources, lng, fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false }, returnNull: false })
  return instance
}
