import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import type { TimeUnit } from '@shared/task'
import { Button, Notice } from '../../components/ui'
import { api, errorMessage } from '../../lib/api'

/**
 * A file whose times look like another unit than the one they are read in (a writer that stored Date.now()): asked
 * once per file, the answer remembered (main's settings) and the file opened again in that unit — never rewritten.
 * Once read as milliseconds, a quiet line says so and offers the way back.
 */
export function TimeUnitNotice({ times }: { times: DbInfo['times'] }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!times) return null
  const choose = (unit: TimeUnit) => {
    setBusy(true)
    setError(null)
    // The reopened file arrives as db.opened; this component then shows the new state.
    api.call('settings.timeUnit', { unit }).then(
      () => setBusy(false),
      (e: unknown) => (setBusy(false), setError(errorMessage(e)))
    )
  }
  const asks = !times.chosen && times.looksLike !== null && times.looksLike !== times.unit
  if (asks)
    return (
      <Notice tone="warn">
        <div className="flex flex-wrap items-center gap-3">
          <span>{times.looksLike === 'milliseconds' ? t('timeUnit.looksMilliseconds') : t('timeUnit.looksSeconds')}</span>
          <Button disabled={busy} onClick={() => choose(times.looksLike!)}>
            {times.looksLike === 'milliseconds' ? t('timeUnit.showMilliseconds') : t('timeUnit.showSeconds')}
          </Button>
          <Button tone="ghost" disabled={busy} onClick={() => choose(times.unit)}>
            {times.unit === 'seconds' ? t('timeUnit.keepSeconds') : t('timeUnit.keepMilliseconds')}
          </Button>
          {error && <span role="alert">{error}</span>}
        </div>
      </Notice>
    )
  if (times.unit !== 'milliseconds') return null
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-muted" role="note">
      {t('timeUnit.readingMilliseconds')}
      <button type="button" disabled={busy} className="text-sky-700 underline dark:text-sky-300" onClick={() => choose('seconds')}>
        {t('timeUnit.readSeconds')}
      </button>
      {error && <span role="alert">{error}</span>}
    </p>
  )
}
