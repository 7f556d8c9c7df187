import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

// A stored value shown so that people can tell it apart and click it knowingly: the empty string (the seed module
// stores whatever it is given) as "(empty)" and a missing value as "(none)", in italics, everywhere a value is shown.
// Filters, exports and the CLI keep the raw value.

/** The words for a value where only text will do (a title, an accessible name, a chart legend). */
export function shownText(t: TFunction, value: string | null | undefined): string {
  if (value === '') return t('value.empty')
  if (value === null || value === undefined) return t('value.none')
  return value
}

export function ShownValue({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation()
  if (value === '' || value === null || value === undefined) return <em className="italic opacity-80">{shownText(t, value)}</em>
  return <>{value}</>
}
