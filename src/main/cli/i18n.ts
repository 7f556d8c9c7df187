import type { TFunction } from 'i18next'
import { createI18n, LANGUAGES, localesFromEnv, resolveLanguage, type Language } from '../../shared/i18n'
import type { ErrorInfo } from '../../shared/errors'

// The command line's language: --lang, else the POSIX locale (LC_ALL, LC_MESSAGES, LANG), else English. One command
// runs per process, so the choice is made once at the start of runCli. JSON output never changes with the language.

let instance = createI18n('en')

export function setCliLanguage(lang: string | undefined, env: NodeJS.ProcessEnv): Language | null {
  const known = lang === undefined || (LANGUAGES as readonly string[]).includes(lang)
  // An unknown --lang is reported in the locale's language.
  const lng = resolveLanguage(known ? (lang as Language | undefined) : undefined, localesFromEnv(env))
  if (instance.language !== lng) instance = createI18n(lng)
  return known ? lng : null
}

// Always the current instance (typed keys come from the catalogs, see src/renderer/src/lib/i18n.ts).
export const tr = ((...args: unknown[]) => (instance.t as unknown as (...a: unknown[]) => string)(...args)) as unknown as TFunction

/** An error for people: in English the store's own sentence; in another language a sentence for its code first. */
export function describeError(info: ErrorInfo): string {
  return instance.language.startsWith('en') ? info.message : `${instance.t(`errors.code.${info.code}`)} ${info.message}`
}

/** Numbers and sizes in the language's conventions. */
export const cliLocale = () => instance.language
