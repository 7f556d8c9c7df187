import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// `serve --open` must not put the token on a command line, where every local user can read it (ps, /proc/*/cmdline).
// Jupyter's way: write a page that redirects to the tokenized URL into a file only this user can read, and open that.

/** The page that sends the browser on to `url`. */
export function redirectPage(url: string): string {
  const json = JSON.stringify(url).replace(/</g, '\\u003c')
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  return `<!doctype html>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${attr}">
<title>DocuSnap Task Admin</title>
<script>location.replace(${json})</script>
<p>Opening <a href="${attr}">DocuSnap Task Admin</a>…</p>
`
}

/** Writes the redirect page in a private folder (0700, the file 0600); returns its path and how to remove it. */
export function writeRedirect(url: string, base: string = tmpdir()): { file: string; remove(): void } {
  const dir = mkdtempSync(join(base, 'docusnap-open-'))
  const file = join(dir, 'open.html')
  writeFileSync(file, redirectPage(url), { mode: 0o600 })
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The command that opens a file in the default browser, with the file's URL (no token in it) as its argument. */
export function openCommand(file: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  const target = pathToFileURL(file).href
  if (platform === 'darwin') return { command: 'open', args: [target] }
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', target] }
  return { command: 'xdg-open', args: [target] }
}

/** Opens the served URL in the browser through a private redirect file, removed a minute later or at `stop`. */
export function openBrowser(url: string): () => void {
  const redirect = writeRedirect(url)
  const { command, args } = openCommand(redirect.file)
  const child = spawn(command, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
  const timer = setTimeout(redirect.remove, 60_000)
  timer.unref()
  return () => {
    clearTimeout(timer)
    redirect.remove()
  }
}
