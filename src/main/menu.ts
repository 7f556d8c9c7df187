import type { MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'

export interface MenuActions {
  open(readOnly: boolean): void
  openPath(path: string): void
  create(): void
  close(): void
  about(): void
}

/** The application menu as data (Electron builds it); File holds what the app does with databases. */
export function menuTemplate(recent: readonly string[], actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open(false) },
      { label: 'Open Read-only…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.open(true) },
      {
        label: 'Open Recent',
        enabled: recent.length > 0,
        submenu: recent.map((p) => ({ label: `${basename(p)} — ${p}`, click: () => actions.openPath(p) }))
      },
      { label: 'New…', accelerator: 'CmdOrCtrl+N', click: () => actions.create() },
      { type: 'separator' },
      { label: 'Close Database', accelerator: 'CmdOrCtrl+W', click: () => actions.close() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' }
    ]
  }
  const template: MenuItemConstructorOptions[] = [
    file,
    { role: 'editMenu' },
    { label: '&View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'help', submenu: [{ label: 'About DocuSnap Task Admin', click: () => actions.about() }] }
  ]
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...template] : template
}
