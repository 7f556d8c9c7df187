import { pythonLoads } from '@shared/python-json'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskDetail } from '@shared/task'
import { api, errorMessage } from '../../lib/api'
import { absoluteTime, formatBytes, formatDuration, relativeTime } from '../../lib/format'
import { Button, Notice, Spinner, StatusBadge } from '../../components/ui'
import { ShownValue } from '../../components/ShownValue'
import { JsonTree } from './JsonTree'
import { clampPanelWidth, PANEL_MIN, savedPanelWidth, savePanelWidth } from './panel-width'

const RAW_LIMIT = 200_000

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation()
  const [done, setDone] = useState(false)
  return (
    <Button
      tone="ghost"
      className="!px-2 !py-0.5 text-xs"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true)
          setTimeout(() => setDone(false), 1200)
        })
      }}
    >
      {done ? t('common.copied') : t('common.copy')}
    </Button>
  )
}

function Time({ label, seconds, raw, now }: { label: string; seconds: number | null; raw: unknown; now: number }) {
  const { t } = useTranslation()
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd>
        {seconds === null ? (
          '—'
        ) : (
          <>
            <div>{absoluteTime(seconds)}</div>
            <div className="text-xs text-muted">
              {relativeTime(seconds, now)} · {t('detail.raw')} <code>{String(raw)}</code>
            </div>
          </>
        )}
      </dd>
    </div>
  )
}

function ResultView({ task }: { task: TaskDetail }) {
  const { t } = useTranslation()
  const r = task.result
  const parsed = useMemo(() => (r.kind === 'json' ? pythonLoads(r.text) : undefined), [r])
  if (r.kind === 'none') return <p className="text-sm text-muted">{t('detail.noResult')}</p>
  if (r.kind === 'encrypted')
    return (
      <div className="space-y-2">
        <Notice>{t('detail.encrypted', { size: formatBytes(r.bytes) })}</Notice>
        <pre className="overflow-hidden rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-600 dark:bg-slate-900 dark:text-slate-400">{r.preview}…</pre>
      </div>
    )
  if (r.kind === 'binary')
    return (
      <div className="space-y-2">
        <Notice tone="warn">{t('detail.binary', { size: formatBytes(r.bytes) })}</Notice>
        <pre className="rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-900">{r.preview}</pre>
      </div>
    )
  if (r.kind === 'malformed')
    return (
      <div className="space-y-2">
        <Notice tone="warn">{t('detail.malformed')}</Notice>
        <div className="flex justify-end">
          <CopyButton text={r.text} label={t('detail.copyRaw')} />
        </div>
        <pre className="max-h-[50vh] overflow-auto rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-900">
          {r.text.length > RAW_LIMIT ? `${r.text.slice(0, RAW_LIMIT)}\n${t('detail.more', { size: formatBytes(r.text.length - RAW_LIMIT) })}` : r.text}
        </pre>
      </div>
    )
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <span className="text-xs text-muted">{formatBytes(task.result_bytes)}</span>
        <CopyButton text={r.text} label={t('detail.copyJson')} />
      </div>
      <div className="max-h-[55vh] overflow-auto rounded bg-slate-50 p-2 dark:bg-slate-900">
        <JsonTree value={parsed} />
      </div>
    </div>
  )
}

/** The panel's left edge: drag it, or focus it and use the arrow keys (Home / End for the narrowest and widest). */
function ResizeHandle({ width, onWidth }: { width: number; onWidth(px: number): void }) {
  const { t } = useTranslation()
  const drag = useRef<{ x: number; width: number } | null>(null)
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('detail.resize')}
      aria-valuenow={width}
      aria-valuemin={PANEL_MIN}
      aria-valuemax={clampPanelWidth(Infinity, window.innerWidth)}
      tabIndex={0}
      className="absolute inset-y-0 -left-1 z-10 w-2 cursor-col-resize focus-visible:bg-sky-500/40 hover:bg-sky-500/30"
      onPointerDown={(e) => {
        drag.current = { x: e.clientX, width }
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => drag.current && onWidth(drag.current.width + drag.current.x - e.clientX)}
      onPointerUp={() => (drag.current = null)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 64 : 16
        const next = { ArrowLeft: width + step, ArrowRight: width - step, Home: PANEL_MIN, End: Infinity }[e.key]
        if (next === undefined) return
        e.preventDefault()
        onWidth(next)
      }}
    />
  )
}

/** The detail panel: everything about one task, its result loaded only when the panel opens. */
export function DetailPanel({
  taskKey,
  onClose,
  now,
  version,
  onEdit,
  onDuplicate
}: {
  taskKey: string
  onClose(): void
  now: number
  version: number
  /** Seed-format files open for writing: local debugging (edit, duplicate). */
  onEdit?: (task: TaskDetail) => void
  onDuplicate?: (task: TaskDetail) => void
}) {
  const { t } = useTranslation()
  const [width, setWidthState] = useState(() => savedPanelWidth(localStorage, window.innerWidth))
  const setWidth = useCallback((px: number) => {
    const w = clampPanelWidth(px, window.innerWidth)
    setWidthState(w)
    savePanelWidth(localStorage, w)
  }, [])
  const [task, setTask] = useState<TaskDetail | null | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setError(null)
    api.call('tasks.get', { key: taskKey }).then(
      (t) => live && setTask(t),
      (e: unknown) => live && setError(errorMessage(e))
    )
    return () => {
      live = false
    }
  }, [taskKey, version])
  return (
    <aside aria-label={t('detail.label')} style={{ width }} className="relative flex shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <ResizeHandle width={width} onWidth={setWidth} />
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{t('detail.title')}</h2>
        <div className="flex items-center gap-1">
          {task && onEdit && (
            <Button className="!px-2 !py-0.5 text-xs" onClick={() => onEdit(task)}>
              {t('edit.editButton')}
            </Button>
          )}
          {task && onDuplicate && (
            <Button className="!px-2 !py-0.5 text-xs" onClick={() => onDuplicate(task)}>
              {t('edit.duplicateButton')}
            </Button>
          )}
          <Button tone="ghost" className="!px-2 !py-0.5" aria-label={t('detail.closeDetail')} onClick={onClose}>
            ✕
          </Button>
        </div>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3 text-sm">
        {error && <Notice tone="error">{error}</Notice>}
        {task === undefined && !error && (
          <p className="flex items-center gap-2 text-muted">
            <Spinner label={t('detail.loadingTask')} /> {t('common.loading')}
          </p>
        )}
        {task === null && <Notice tone="warn">{t('detail.gone')}</Notice>}
        {task && (
          <>
            {/* What went wrong comes first: it is why people open an errored task. */}
            {task.status === 'error' && (
              <Notice tone="error">
                <strong>{t('detail.error')}</strong> <span className="whitespace-pre-wrap">{task.error ?? t('detail.noDetails')}</span>
              </Notice>
            )}
            <div>
              <div className="text-xs text-muted">{task.client_id !== undefined ? t('detail.sha256') : t('detail.id')}</div>
              <div className="flex items-start gap-2">
                <code className="min-w-0 flex-1 font-mono text-xs break-all">{task.id}</code>
                <CopyButton text={task.id} label={t('detail.copyId')} />
              </div>
              {task.client_id !== undefined && (
                <div className="mt-1 text-xs">
                  {t('detail.client')}{' '}
                  <code className="font-mono">
                    <ShownValue value={task.client_id} />
                  </code>
                </div>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={task.status} />
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
                <ShownValue value={task.type} />
              </span>
              <span className="text-xs text-muted">
                {task.status === 'processing'
                  ? t('detail.runningFor', { value: formatDuration(task.created, now) })
                  : t('detail.duration', { value: task.status === 'pending' ? '—' : formatDuration(task.created, task.updated) })}
              </span>
            </div>
            <dl className="grid grid-cols-2 gap-3">
              <Time label={t('detail.created')} seconds={task.created} raw={task.created_at} now={now} />
              <Time label={task.client_id !== undefined ? t('detail.lastAccessed') : t('detail.updated')} seconds={task.updated} raw={task.updated_at} now={now} />
            </dl>
            <section aria-label={t('detail.result')}>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">{t('detail.result')}</h3>
              <ResultView task={task} />
            </section>
          </>
        )}
      </div>
    </aside>
  )
}
