import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, errorMessage } from '../../lib/api'
import { Button, Notice } from '../../components/ui'

/** An empty table says what will fill it, and offers demo tasks where the user may write. */
export function EmptyDatabase({ readOnly, onDone }: { readOnly: boolean; onDone(): void }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="m-auto max-w-md space-y-3 text-center">
      <p className="text-slate-600 dark:text-slate-300">{readOnly ? t('empty.text') : t('empty.textWritable')}</p>
      {error && <Notice tone="error">{error}</Notice>}
      {!readOnly && (
        <div>
          <Button
            tone="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true)
              api
                .call('db.demo', { count: 5000 })
                .then(onDone, (e: unknown) => setError(errorMessage(e)))
                .finally(() => setBusy(false))
            }}
          >
            {busy ? t('empty.adding') : t('empty.addDemo', { count: 5000 })}
          </Button>
        </div>
      )}
    </div>
  )
}
