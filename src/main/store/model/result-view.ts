import { isPythonJson } from '../../../shared/python-json'
import type { ResultView } from '../../../shared/task'

// How a stored result is shown: a preview of its first bytes, whether it is JSON (Python's too), or ciphertext.

export const PREVIEW_BYTES = 2048

export function viewResult(store: { dialect: { resultIsCiphertext: boolean } }, value: unknown): ResultView {
  if (value === null || value === undefined) return { kind: 'none' }
  if (Buffer.isBuffer(value)) {
    return { kind: 'binary', bytes: value.length, preview: value.subarray(0, 64).toString('hex') }
  }
  const text = String(value)
  if (text === '') return { kind: 'none' }
  if (store.dialect.resultIsCiphertext)
    return { kind: 'encrypted', bytes: Buffer.byteLength(text), preview: text.slice(0, 120) }
  // What the seed's json.loads reads is JSON here too, NaN and Infinity included (Python's json.dumps writes them).
  if (isPythonJson(text)) return { kind: 'json', text }
  return { kind: 'malformed', text: text.length > PREVIEW_BYTES * 512 ? text.slice(0, PREVIEW_BYTES * 512) : text }
}
