import { useState } from 'react'
import { useTranslation } from 'react-i18next'

// A collapsible JSON tree that renders only what is expanded, in slices: a 10 MB result opens at once because only
// its top level exists in the DOM until the user asks for more.

const SLICE = 200
const LONG_STRING = 5000

function Scalar({ value }: { value: unknown }) {
  const { t } = useTranslation()
  const [full, setFull] = useState(false)
  if (value === null) return <span className="text-muted">null</span>
  if (typeof value === 'string') {
    const long = value.length > LONG_STRING && !full
    return (
      <span className="break-all text-emerald-700 dark:text-emerald-300">
        "{long ? value.slice(0, LONG_STRING) : value}"
        {long && (
          <button type="button" className="ml-1 text-xs text-sky-700 underline dark:text-sky-300" onClick={() => setFull(true)}>
            {t('json.showAll', { count: value.length })}
          </button>
        )}
      </span>
    )
  }
  if (typeof value === 'number') return <span className="text-sky-700 dark:text-sky-300">{String(value)}</span>
  return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>
}

function Node({ name, index, value, depth }: { name: string | null; index?: number; value: unknown; depth: number }) {
  const { t } = useTranslation()
  const isContainer = typeof value === 'object' && value !== null
  const [open, setOpen] = useState(depth < 1)
  const [shown, setShown] = useState(SLICE)
  // Object members by name; array items by their position, so "item 37" can be found and talked about.
  const label =
    name !== null ? (
      <span className="text-slate-600 dark:text-slate-300">{name}: </span>
    ) : index !== undefined ? (
      <span className="text-muted tabular-nums">{index}: </span>
    ) : null
  if (!isContainer)
    return (
      <div role="treeitem" aria-selected={false} className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    )
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>)
  const [openBr, closeBr] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return (
    <div role="treeitem" aria-expanded={open} aria-selected={false} className="pl-4">
      <button type="button" onClick={() => setOpen(!open)} className="-ml-4 w-4 text-muted" aria-label={open ? t('json.collapse', { name: name ?? t('json.root') }) : t('json.expand', { name: name ?? t('json.root') })}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span className="text-muted">
        {openBr}
        {!open && `${Array.isArray(value) ? t('json.items', { count: entries.length }) : t('json.keys', { count: entries.length })} ${closeBr}`}
      </span>
      {open && (
        <div role="group">
          {entries.slice(0, shown).map(([k, v]) => (
            <Node key={k} name={Array.isArray(value) ? null : k} index={Array.isArray(value) ? Number(k) : undefined} value={v} depth={depth + 1} />
          ))}
          {entries.length > shown && (
            <button type="button" className="pl-4 text-xs text-sky-700 underline dark:text-sky-300" onClick={() => setShown(shown + SLICE)}>
              {t('json.showMore', { count: Math.min(SLICE, entries.length - shown), rest: entries.length - shown })}
            </button>
          )}
          <div className="text-muted">{closeBr}</div>
        </div>
      )}
    </div>
  )
}

export function JsonTree({ value }: { value: unknown }) {
  const { t } = useTranslation()
  return (
    <div role="tree" aria-label={t('detail.result')} className="font-mono text-xs leading-5">
      <Node name={null} value={value} depth={0} />
    </div>
  )
}
