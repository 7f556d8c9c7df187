/** Input types that take free text: keys typed there are the user's text, not shortcuts. */
const TEXT_TYPES = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', 'datetime-local', 'time', 'month', 'week'])

/** Whether keys typed at `target` are text (a text field, a text area, a select, an editor), not shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLInputElement) return TEXT_TYPES.has(target.type)
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}
