import type { BrowserWindowConstructorOptions } from 'electron'

// The window's security settings and guards, as pure functions so tests can assert them without Electron.

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'DocuSnap Task Admin',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}

/** The renderer's Content-Security-Policy (also in index.html's meta tag): our own code only, no inline script. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ')
// (frame-ancestors cannot be set from a meta tag; serve mode sends it as a header, and Electron windows are never framed.)

/**
 * Whether a URL is the app's own page: the built index.html (file://) or, in development, the dev server's origin.
 * Anything else is foreign, whatever its path looks like.
 */
export function isAppUrl(url: string, appPage: string, devServer?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (devServer) {
    try {
      if (u.origin === new URL(devServer).origin) return true
    } catch {
      // ignore a malformed dev server URL
    }
  }
  const page = new URL(appPage)
  // A file: URL with a host (file://attacker/C:/…/index.html, a UNC path on Windows) names another machine's file,
  // whatever its path: only the empty host is this machine (the URL parser already turns localhost into it).
  return u.protocol === 'file:' && page.protocol === 'file:' && u.host === '' && page.host === '' && decodeURIComponent(u.pathname) === decodeURIComponent(page.pathname)
}

/** Links the user clicks that should open in the system browser (never inside the app). */
export function isExternalLink(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
}

export type NavigationDecision = { allow: true } | { allow: false; openExternally: boolean }

/** will-navigate: stay on the app page; http(s) links go to the system browser; everything else is dropped. */
export function decideNavigation(url: string, appPage: string, devServer?: string): NavigationDecision {
  if (isAppUrl(url, appPage, devServer)) return { allow: true }
  return { allow: false, openExternally: isExternalLink(url) }
}

/** window.open is always denied; http(s) targets open in the system browser instead. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isExternalLink(url) }
}

/** IPC senders must be the app's own top-level page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, appPage: string, devServer?: string): boolean {
  if (!frame || frame.parent) return false
  return isAppUrl(frame.url, appPage, devServer)
}
