/** Serve mode: starts the browser's download of a URL (a one-use nonce in it), as a link the user clicked would. */
export function startDownload(url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = ''
  document.body.append(a)
  a.click()
  a.remove()
}
