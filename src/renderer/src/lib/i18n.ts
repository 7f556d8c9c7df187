import { initReactI18next } from 'react-i18next'
import { createI18n, resolveLanguage, type Language } from '@shared/i18n'
import type { Catalog } from '@shared/i18n/en'
import type { LanguageChoice } from '@shared/settings'
import { setFormatLocale } from './format'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Catalog }
  }
}

// The UI's translator. The language comes from the settings (which load from the main process); until they arrive,
// the last choice this page saw, so the first paint is already in the right language.

const CHOICE_KEY = 'docusnap.language'
export const cachedLanguage = (): LanguageChoice => (localStorage.getItem(CHOICE_KEY) as LanguageChoice | null) ?? 'system'

export const i18n = createI18n(resolveLanguage(cachedLanguage(), navigator.languages), [initReactI18next])

function follow(lng: string): void {
  document.documentElement.lang = lng
  setFormatLocale(lng, (unit, values) => i18n.t(`duration.${unit}`, values))
}
follow(i18n.language)
i18n.on('languageChanged', follow)

export function applyLanguage(choice: LanguageChoice): Language {
  localStorage.setItem(CHOICE_KEY, choice)
  const lng = resolveLanguage(choice, navigator.languages)
  if (i18n.language !== lng) void i18n.changeLanguage(lng)
  return lng
}

/** The locale for numbers, dates and relative times: the UI's language. */
export const currentLocale = (): string => i18n.language
