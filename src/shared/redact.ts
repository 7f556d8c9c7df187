// Secrets that people put in the text they type, taken out of anything the app shows, logs or remembers: the password
// of any `scheme://user:password@` (postgres://, postgresql+psycopg2://, a URL pasted with a space before it…) and
// the `password` and `sslpassword` parameters libpq and psql accept in a URL's query string.

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s/]*@/gi
const QUERY_SECRET = /([?&](?:ssl)?password=)[^&#\s]*/gi

/** Any text with URLs in it, their passwords replaced (for messages that may quote what the user typed). */
export function redactSecrets(text: string): string {
  return text.replace(USERINFO, '$1@').replace(QUERY_SECRET, '$1***')
}
