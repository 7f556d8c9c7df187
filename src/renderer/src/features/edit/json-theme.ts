import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorView } from '@codemirror/view'
import { tags } from '@lezer/highlight'

// The JSON editor's colours, one palette per scheme. basicSetup's default style is made for a light page: in dark mode
// its numbers, strings, null and booleans sat near the background (well under 3:1). Every token colour here meets
// 4.5:1 on its scheme's editor background (e2e/json-theme.spec.ts reads the computed colours and checks).

export const JSON_PALETTES = {
  light: { background: '#ffffff', text: '#0f172a', key: '#1d4ed8', string: '#047857', number: '#b45309', keyword: '#7c3aed', punctuation: '#475569' },
  dark: { background: '#0f172a', text: '#e2e8f0', key: '#93c5fd', string: '#6ee7b7', number: '#fcd34d', keyword: '#c4b5fd', punctuation: '#cbd5e1' }
} as const

export function jsonTheme(dark: boolean) {
  const p = JSON_PALETTES[dark ? 'dark' : 'light']
  const style = HighlightStyle.define([
    { tag: tags.propertyName, color: p.key },
    { tag: tags.string, color: p.string },
    { tag: tags.number, color: p.number },
    { tag: [tags.bool, tags.null, tags.keyword], color: p.keyword },
    { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: p.punctuation },
    // The SQL console uses the same palette: its comments, operators and type names.
    { tag: [tags.comment, tags.lineComment, tags.blockComment], color: p.punctuation, fontStyle: 'italic' },
    { tag: [tags.typeName, tags.operatorKeyword, tags.special(tags.name)], color: p.key }
  ])
  return [
    EditorView.theme({ '&': { backgroundColor: p.background, color: p.text }, '.cm-content': { caretColor: p.text }, '.cm-placeholder': { color: p.punctuation } }, { dark }),
    syntaxHighlighting(style)
  ]
}
