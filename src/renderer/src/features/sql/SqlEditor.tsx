import { sql, PostgreSQL, SQLite } from '@codemirror/lang-sql'
import { Compartment, Prec, EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import { jsonTheme } from '../edit/json-theme'

// The console's editor (CodeMirror 6 with its SQL language): the open engine's dialect, completion of the open
// database's tables and columns, Ctrl/Cmd+Enter to run, Escape to stop a running query.

export interface SqlEditorProps {
  value: string
  onChange(text: string): void
  onRun(): void
  onStop(): boolean
  engine: 'sqlite' | 'postgres'
  schema: Record<string, string[]>
  label: string
  hint: string
  dark: boolean
  /** Set by the view to put text in (a history entry, a name from the schema). */
  editorRef?: { current: EditorView | null }
}

export function SqlEditor(p: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const latest = useRef(p)
  latest.current = p
  const initial = useRef(p.value)
  const schemaKey = JSON.stringify(p.schema)
  // The language (dialect, completion) changes when the schema arrives: reconfigured in place, so the editor keeps
  // its text, cursor and focus while the user types.
  const language = useRef(new Compartment())
  const languageOf = (engine: 'sqlite' | 'postgres', schema: string) => sql({ dialect: engine === 'postgres' ? PostgreSQL : SQLite, schema: JSON.parse(schema) as Record<string, string[]>, upperCaseKeywords: true })

  useEffect(() => {
    const state = EditorState.create({
      doc: initial.current,
      extensions: [
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: () => (latest.current.onRun(), true) },
            { key: 'Escape', run: () => latest.current.onStop() }
          ])
        ),
        basicSetup,
        language.current.of(languageOf(latest.current.engine, JSON.stringify(latest.current.schema))),
        EditorView.lineWrapping,
        placeholder(p.hint),
        EditorView.theme({ '&': { minHeight: '7rem', maxHeight: '30vh', fontSize: '13px' }, '.cm-scroller': { overflow: 'auto' } }, { dark: p.dark }),
        jsonTheme(p.dark),
        EditorView.contentAttributes.of({ 'aria-label': p.label }),
        EditorView.updateListener.of((u) => u.docChanged && latest.current.onChange(u.state.doc.toString()))
      ]
    })
    const v = new EditorView({ state, parent: host.current! })
    view.current = v
    if (p.editorRef) p.editorRef.current = v
    return () => v.destroy()
    // The language is reconfigured below, not rebuilt.
  }, [p.dark, p.label, p.hint, p.editorRef])

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageOf(p.engine, schemaKey)) })
  }, [p.engine, schemaKey])

  useEffect(() => {
    initial.current = p.value
    const v = view.current
    if (v && v.state.doc.toString() !== p.value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: p.value } })
  }, [p.value])

  return <div ref={host} className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-600" />
}
