// What a command line prints comes from the database: ids, types, statuses, errors, client ids, whatever a writer
// stored. Printed raw, control characters are commands to the terminal (OSC 52 writes the clipboard, OSC 0 the window
// title, CSI sequences move the cursor and erase rows). So C0 and C1 controls are shown escaped; line feeds and tabs,
// which the app's own tables use, stay.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0')

/** Text for a terminal: every control character but line feed and tab written as \xNN. */
export function visibleText(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${hex(c)}`)
}

/** A JSON document for a terminal or a pipe: DEL and the C1 controls (which JSON.stringify leaves raw) as \u00NN escapes, which mean the same inside strings. */
export function terminalJson(json: string): string {
  // eslint-disable-next-line no-control-regex -- as above
  return json.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : `\\u00${hex(c)}`))
}
