import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DbInfo } from '@shared/contract'
import { LANGUAGES, settingsShape, THEMES, type LanguageChoice, type ThemeChoice } from '@shared/settings'
import { Dialog } from '../../components/Dialog'
import { Button, Notice } from '../../components/ui'
import { useSettings } from '../../state/use-settings'
import type { Schedule } from '../schedule/use-scheduled-cleanup'
import { ScheduleSection } from './ScheduleSection'

const field = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'

/** A whole number typed by the user, saved on Enter or when the field loses focus; bad input says why and saves nothing. */
function NumberSetting({ label, after, value, min, max, onSave }: { label: string; after: string; value: number; min: number; max: number; onSave(n: number): Promise<void> }) {
  const { t } = useTranslation()
  const [text, setText] = useState(String(value))
  const [invalid, setInvalid] = useState(false)
  const commit = () => {
    const n = Number(text)
    if (!/^\d+$/.test(text.trim()) || n < min || n > max) return setInvalid(true)
    setInvalid(false)
    if (n !== value) void onSave(n).catch(() => undefined)
  }
  return (
    <div>
      <label className="flex flex-wrap items-center gap-2">
        {label}
        <input
          type="number"
          min={min}
          max={max}
          aria-label={label}
          aria-invalid={invalid}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          className={`w-24 ${field}`}
        />
        {after}
      </label>
      {invalid && <p className="text-red-700 dark:text-red-300">{t('settings.invalidNumber', { min, max })}</p>}
    </div>
  )
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2 border-b border-slate-200 pb-4 last:border-0 dark:border-slate-800">
      <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</h3>
      {children}
    </section>
  )
}

/** Everything the app remembers: look, language, live refresh, confirmation, the open file's cleanup rule. */
export function SettingsDialog({ db, readOnly, schedule, onClose }: { db: DbInfo | null; readOnly: boolean; schedule: Schedule; onClose(): void }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const s = settings.state.settings
  const [resetting, setResetting] = useState(false)
  const [resetDone, setResetDone] = useState(false)
  // Fields keep what the user is typing while others save (saving one field never redraws another); only a reset
  // starts them afresh from the defaults.
  const [generation, setGeneration] = useState(0)
  const save = (patch: Parameters<typeof settings.update>[0]) => settings.update(patch)
  const refreshRange = settingsShape.refreshSeconds
  const thresholdRange = settingsShape.confirmThreshold
  return (
    <Dialog title={t('settings.title')} onClose={onClose} wide>
      <div className="space-y-4 text-sm">
        {settings.error && <Notice tone="error">{settings.error}</Notice>}
        {settings.state.problems.length > 0 && (
          <Notice tone="warn">
            {t('settings.problems')}
            <ul className="mt-1 list-disc pl-5">
              {settings.state.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Notice>
        )}
        <Section title={t('settings.appearance')}>
          <div className="flex flex-wrap gap-4">
            <label className="flex items-center gap-2">
              {t('theme.label')}
              <select aria-label={t('theme.label')} value={s.theme} onChange={(e) => void save({ theme: e.target.value as ThemeChoice }).catch(() => undefined)} className={field}>
                {THEMES.map((c) => (
                  <option key={c} value={c}>
                    {t(`theme.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              {t('language.label')}
              <select aria-label={t('language.label')} value={s.language} onChange={(e) => void save({ language: e.target.value as LanguageChoice }).catch(() => undefined)} className={field}>
                {LANGUAGES.map((c) => (
                  <option key={c} value={c}>
                    {t(`language.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <NumberSetting key={`refresh-${generation}`} label={t('settings.refresh')} after={t('settings.seconds')} value={s.refreshSeconds} min={refreshRange.minValue ?? 1} max={refreshRange.maxValue ?? 300} onSave={(n) => save({ refreshSeconds: n })} />
          <NumberSetting
            key={`threshold-${generation}`}
            label={t('settings.threshold')}
            after={t('settings.tasks')}
            value={s.confirmThreshold}
            min={thresholdRange.minValue ?? 1}
            max={thresholdRange.maxValue ?? 1_000_000_000}
            onSave={(n) => save({ confirmThreshold: n })}
          />
        </Section>
        {db && <ScheduleSection key={`schedule-${generation}`} db={db} readOnly={readOnly} schedule={schedule} />}
        <Section title={t('settings.recent')}>
          {s.recentFiles.length === 0 ? (
            <p className="text-muted">{t('settings.noRecent')}</p>
          ) : (
            <ul className="space-y-0.5 font-mono text-xs break-all">
              {s.recentFiles.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </Section>
        <div className="flex flex-wrap items-center gap-3">
          <span className="min-w-0 flex-1 text-xs text-muted">
            {t('settings.file')}: <code className="break-all">{settings.state.file ?? t('settings.memoryOnly')}</code>
          </span>
          {resetDone && <span role="status">{t('settings.resetDone')}</span>}
          {resetting ? (
            <span className="flex flex-wrap items-center gap-2">
              <span>{t('settings.resetConfirm')}</span>
              <Button onClick={() => setResetting(false)}>{t('common.cancel')}</Button>
              <Button
                tone="danger"
                onClick={() =>
                  void settings.reset().then(
                    () => (setResetting(false), setResetDone(true), setGeneration((g) => g + 1)),
                    () => setResetting(false)
                  )
                }
              >
                {t('settings.reset')}
              </Button>
            </span>
          ) : (
            <Button onClick={() => (setResetting(true), setResetDone(false))}>{t('settings.reset')}</Button>
          )}
        </div>
      </div>
    </Dialog>
  )
}
