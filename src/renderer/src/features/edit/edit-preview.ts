import { pythonReformat } from '@shared/python-json'

// What saving an edit would change, before it is saved, with the seed's update_task_result semantics: the status
// always; the result only when the new one is truthy in Python's eyes (a falsy one — {}, [], "", 0, null — keeps the
// stored result). Pure, so the dialog and the tests agree on it.

export type ResultChange = { kind: 'unchanged' } | { kind: 'invalid'; message: string } | { kind: 'kept'; json: string } | { kind: 'replaced'; bytes: number }

export interface EditPreview {
  status: { from: string; to: string } | null
  result: ResultChange
}

export function editPreview(before: { status: string; resultText: string | null }, after: { status: string; resultText: string | null }): EditPreview {
  const status = before.status !== after.status ? { from: before.status, to: after.status } : null
  if (after.resultText === null) return { status, result: { kind: 'unchanged' } }
  let re: { json: string; truthy: boolean }
  try {
    re = pythonReformat(after.resultText)
  } catch (e) {
    return { status, result: { kind: 'invalid', message: (e as Error).message } }
  }
  if (!re.truthy) return { status, result: { kind: 'kept', json: re.json } }
  const stored = before.resultText === null ? null : safeReformat(before.resultText)
  if (stored === re.json) return { status, result: { kind: 'unchanged' } }
  return { status, result: { kind: 'replaced', bytes: new TextEncoder().encode(re.json).length } }
}

function safeReformat(text: string): string | null {
  try {
    return pythonReformat(text).json
  } catch {
    return null
  }
}
