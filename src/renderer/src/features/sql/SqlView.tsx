import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditorView } from '@codemirror/view'
import { CONSOLE_TIMEOUT_MS, type ConsolePlan, type ConsoleResult, type ConsoleSchema } from '@shared/console'
import type { DbInfo } from '@shared/contract'
import { api, errorMessage, sqlDownloadUrl } from '../../lib/api'
import { Button, Notice } from '../../components/ui'
import { Dialog } from '../../components/Dialog'
import { startDownload } from '../../lib/download'
import { JsonTree } from '../detail/JsonTree'
import { useSettings } from '../../state/use-settings'
import { newJobId } from '../actions/confirm'
import { SqlEditor } from './SqlEditor'
import { ResultGrid } from './ResultGrid'
import { SchemaPanel } from './SchemaPanel'
import { cellText, completionSchema, jsonOf } from './cells'

// The read-only SQL console beside the grid: an editor, Run / Explain / Stop, the rows with their count and time,
// the schema and this database's history at hand, and an export of the whole result.

/** What the last run answered, with its id (the bench waits for a new one). */
type Answer = ({ kind: 'rows'; result: ConsoleResult } | { kind: 'plan'; plan: ConsolePlan } | { kind: 'error'; message: string }) & { runId: string }
type Format = 'csv' | 'json' | 'jsonl'

function PlanView({ plan }: { plan: ConsolePlan }) {
  if (plan.kind === 'text') return <pre className="overflow-auto rounded-md bg-slate-50 p-2 text-xs dark:bg-slate-900">{plan.text}</pre>
  const children = (parent: number): React.ReactNode => {
    const nodes = plan.nodes.filter((n) => n.parent === parent)
    if (!nodes.length) return null
    return (
      <ul className="ml-4 list-disc">
        {nodes.map((n) => (
          <li key={n.id}>
            {n.detail}
            {children(n.id)}
          </li>
        ))}
      </ul>
    )
  }
  return <div className="font-mono text-xs">{children(0)}</div>
}

export function SqlView({ db, dark }: { db: DbInfo; dark: boolean }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const [text, setText] = useState('')
  const [running, setRunning] = useState<{ runId: string; started: number; limit: number } | null>(null)
  const [elapsed, setElapsed] = useState(0)
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [schema, setSchema] = useState<ConsoleSchema | undefined>()
  const [schemaLoading, setSchemaLoading] = useState(true)
  const [seconds, setSeconds] = useState(String(CONSOLE_TIMEOUT_MS / 1000))
  const [raw, setRaw] = useState(false)
  const [expanded, setExpanded] = useState<{ row: number; col: number } | null>(null)
  const [format, setFormat] = useState<Format>('csv')
  const [exportLine, setExportLine] = useState<{ text: string; tone: 'info' | 'warn' | 'error' } | null>(null)
  const [copied, setCopied] = useState(false)
  const [exportRun, setExportRun] = useState<string | null>(null)
  const editor = useRef<EditorView | null>(null)
  const history = settings.state.settings.sqlHistory[db.path] ?? []

  useEffect(() => {
    setSchemaLoading(true)
    api.call('sql.schema', {}).then(
      (s) => (setSchema(s), setSchemaLoading(false)),
      () => setSchemaLoading(false)
    )
  }, [db.path])

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setElapsed(performance.now() - running.started), 250)
    return () => clearInterval(timer)
  }, [running])

  const timeoutMs = Math.round(Math.min(600, Math.max(0.1, Number(seconds) || CONSOLE_TIMEOUT_MS / 1000)) * 1000)

  const run = (explain: boolean) => {
    if (running || !text.trim()) return
    const runId = newJobId()
    setRunning({ runId, started: performance.now(), limit: timeoutMs })
    setElapsed(0)
    setExpanded(null)
    const done = () => setRunning(null)
    const call = explain
      ? api.call('sql.explain', { sql: text, runId, timeoutMs }).then((plan): Answer => ({ kind: 'plan', plan, runId }))
      : api.call('sql.run', { sql: text, runId, timeoutMs }).then((result): Answer => ({ kind: 'rows', result, runId }))
    call.then(setAnswer, (e: unknown) => setAnswer({ kind: 'error', message: errorMessage(e), runId })).finally(() => {
      done()
      if (!explain) api.call('settings.get', {}).then(settings.receive, () => undefined)
    })
  }

  const stop = (): boolean => {
    if (!running) return false
    void api.call('sql.cancel', { runId: running.runId })
    return true
  }

  const insert = (name: string) => {
    const v = editor.current
    if (!v) return setText((old) => `${old}${name}`)
    v.dispatch(v.state.replaceSelection(name))
    v.focus()
  }

  const copy = useCallback((value: string) => {
    void navigator.clipboard?.writeText(value).then(() => {
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    })
  }, [])
  const expand = useCallback((row: number, col: number) => setExpanded({ row, col }), [])

  const exportAll = async () => {
    setExportLine(null)
    const request = { sql: text, format, bom: false, timeoutMs }
    try {
      const url = await sqlDownloadUrl(request)
      if (url) {
        startDownload(url)
        return setExportLine({ text: t('sql.downloadStarted'), tone: 'info' })
      }
      const picked = await api.call('db.pick', { mode: 'export', suggestedName: `query.${format}` })
      if (!picked.path) return
      setExportLine({ text: t('sql.exporting'), tone: 'info' })
      const runId = newJobId()
      setExportRun(runId)
      const r = await api.call('sql.export', { ...request, path: picked.path, runId }).finally(() => setExportRun(null))
      setExportLine(r.cancelled ? { text: t('sql.exportStopped'), tone: 'warn' } : { text: t('sql.exported', { count: r.exported, path: picked.path }), tone: 'info' })
    } catch (e) {
      setExportLine({ text: errorMessage(e), tone: 'error' })
    }
  }

  const result = answer?.kind === 'rows' ? answer.result : null
  const expandedCell = expanded && result ? result.rows[expanded.row]?.[expanded.col] : undefined
  const expandedJson = expandedCell === undefined ? undefined : jsonOf(expandedCell)

  return (
    <div className="flex min-h-0 flex-1 gap-3 p-3">
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <SqlEditor value={text} onChange={setText} onRun={() => run(false)} onStop={stop} engine={db.engine ?? 'sqlite'} schema={completionSchema(schema?.tables ?? [])} label={t('sql.editor')} hint={t('sql.runHint')} dark={dark} editorRef={editor} />
        <div className="flex flex-wrap items-center gap-2">
          <Button tone="primary" onClick={() => run(false)} disabled={!!running || !text.trim()} title={t('sql.runHint')}>
            {t('sql.run')}
          </Button>
          <Button onClick={() => run(true)} disabled={!!running || !text.trim()}>
            {t('sql.explain')}
          </Button>
          <Button tone="danger" onClick={stop} disabled={!running}>
            {t('sql.stop')}
          </Button>
          <label className="flex items-center gap-1.5 text-sm">
            {t('sql.timeout')}
            <input type="number" min={0.1} max={600} step={1} value={seconds} onChange={(e) => setSeconds(e.target.value)} className="w-20 rounded-md border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-900" />
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
            {t('sql.rawValues')}
          </label>
          <span className="text-sm text-muted" aria-live="polite">
            {running ? t('sql.running', { seconds: (elapsed / 1000).toFixed(1), limit: running.limit / 1000 }) : copied ? t('sql.copied') : ''}
          </span>
        </div>
        <p className="text-xs text-muted">{t('sql.readOnlyNote')}</p>
        {!answer && !running && <p className="text-muted">{t('sql.empty')}</p>}
        {answer?.kind === 'error' && <Notice tone="error">{answer.message}</Notice>}
        {answer?.kind === 'plan' && (
          <section aria-label={t('sql.plan')} className="min-h-0 overflow-auto">
            <PlanView plan={answer.plan} />
          </section>
        )}
        {result && (
          <div data-testid="sql-result" data-run={answer?.runId} className="flex min-h-0 flex-1 flex-col gap-2">
            <p className="text-sm tabular-nums" aria-live="polite">
              {t('sql.rows', { count: result.rows.length, ms: result.ms })}
            </p>
            {result.stopped && <Notice tone="warn">{result.stopped === 'timeout' ? t('sql.stoppedTimeout', { seconds: result.limitMs / 1000 }) : t('sql.stoppedCancelled')}</Notice>}
            {result.limitReason === 'journal-writer' && <Notice tone="info">{t('sql.journalWriter', { seconds: result.limitMs / 1000 })}</Notice>}
            {result.more && <Notice tone="info">{t('sql.more', { count: result.rows.length })}</Notice>}
            {result.columns.length > 0 && (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span>{t('sql.exportAs')}</span>
                <select aria-label={t('sql.exportAs')} value={format} onChange={(e) => setFormat(e.target.value as Format)} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-900">
                  <option value="csv">{t('sql.formatCsv')}</option>
                  <option value="json">{t('sql.formatJson')}</option>
                  <option value="jsonl">{t('sql.formatJsonl')}</option>
                </select>
                <Button onClick={() => void exportAll()} disabled={exportRun !== null}>
                  {t('sql.exportButton')}
                </Button>
                {exportRun && (
                  <Button tone="danger" onClick={() => void api.call('sql.cancel', { runId: exportRun })}>
                    {t('sql.stopExport')}
                  </Button>
                )}
                {exportLine && <span role={exportLine.tone === 'error' ? 'alert' : 'status'} className={exportLine.tone === 'error' ? 'text-red-800 dark:text-red-200' : ''}>{exportLine.text}</span>}
              </div>
            )}
            {result.rows.length === 0 ? <p className="text-muted">{t('sql.noRows')}</p> : <ResultGrid columns={result.columns} rows={result.rows} raw={raw} onExpand={expand} onCopy={copy} />}
          </div>
        )}
      </div>
      <aside className="flex w-64 shrink-0 flex-col gap-4 overflow-auto border-l border-slate-200 pl-3 dark:border-slate-800">
        <SchemaPanel schema={schema} loading={schemaLoading} onInsert={insert} />
        <section aria-label={t('sql.history')} className="text-sm">
          <h2 className="mb-1 font-medium">{t('sql.history')}</h2>
          {history.length === 0 ? (
            <p className="text-xs text-muted">{t('sql.historyEmpty')}</p>
          ) : (
            <ul className="space-y-1">
              {history.map((q, i) => (
                <li key={i}>
                  <button type="button" title={t('sql.useQuery')} className="w-full truncate rounded px-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => setText(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
      {expandedCell !== undefined && result && expanded && (
        <Dialog title={t('sql.cellTitle', { column: result.columns[expanded.col]?.name ?? '', row: expanded.row + 1 })} onClose={() => setExpanded(null)} wide>
          {typeof expandedCell === 'object' && expandedCell !== null && expandedCell.t === 'cut' && <Notice tone="info">{t('sql.cut', { shown: expandedCell.head.length, length: expandedCell.length })}</Notice>}
          <div className="max-h-[60vh] overflow-auto text-sm">{expandedJson !== undefined ? <JsonTree value={expandedJson} /> : <pre className="break-all whitespace-pre-wrap">{cellText(expandedCell)}</pre>}</div>
          <div className="mt-3 flex justify-end gap-2">
            <Button onClick={() => copy(cellText(expandedCell))}>{t('sql.copyCell')}</Button>
          </div>
        </Dialog>
      )}
    </div>
  )
}
