import { json } from '@codemirror/lang-json'
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import { pythonJsonError } from '@shared/python-json'
import { jsonTheme } from './json-theme'

// A real JSON editor (CodeMirror 6): highlighting, brackets, undo, search, and errors marked where Python's json.loads
// would stop (so NaN and Infinity, which the seed module writes, are not errors).

const pythonJsonLinter = linter((view): Diagnostic[] => {
  const text = view.state.doc.toString()
  if (text.trim() === '') return []
  const error = pythonJsonError(text)
  if (!error) return []
  const from = Math.min(error.position, text.length)
  return [{ from, to: Math.min(from + 1, text.length), severity: 'error', message: error.message }]
})

export function JsonEditor({ value, onChange, label, dark }: { value: string; onChange(text: string): void; label: string; dark: boolean }) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const change = useRef(onChange)
  change.current = onChange
  const initial = useRef(value)

  useEffect(() => {
    const state = EditorState.create({
      doc: initial.current,
      extensions: [
        basicSetup,
        json(),
        pythonJsonLinter,
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.theme({ '&': { maxHeight: '38vh', fontSize: '12px' }, '.cm-scroller': { overflow: 'auto' } }, { dark }),
        jsonTheme(dark),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => u.docChanged && change.current(u.state.doc.toString()))
      ]
    })
    view.current = new EditorView({ state, parent: host.current! })
    return () => view.current?.destroy()
  }, [dark, label])

  // A new value from outside (Format) replaces the text; the user's own typing comes back equal and changes nothing.
  useEffect(() => {
    initial.current = value
    const v = view.current
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } })
  }, [value])

  return <div ref={host} className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-600" />
}
