import type { MenuItemConstructorOptions } from 'electron'
import type { TFunction } from 'i18next'
import { basename } from 'node:path'
import { isPgUrl } from './store/pg/url'

export interface MenuActions {
  open(readOnly: boolean): void
  openPath(path: string): void
  create(): void
  /** Opens the page's Connect to PostgreSQL dialog. */
  connect(): void
  /** Opens the page's Copy dialog (the open database's tasks into another). */
  copy(): void
  close(): void
  about(): void
}

/** The application menu as data (Electron builds it); File holds what the app does with databases. */
export function menuTemplate(recent: readonly string[], actions: MenuActions, platform: NodeJS.Platform, t: TFunction, open = false): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.open'), accelerator: 'CmdOrCtrl+O', click: () => actions.open(false) },
      { label: t('menu.openReadOnly'), accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.open(true) },
      {
        label: t('menu.openRecent'),
        enabled: recent.length > 0,
        submenu: recent.map((p) => ({ label: isPgUrl(p) ? p : `${basename(p)} — ${p}`, click: () => actions.openPath(p) }))
      },
      { label: t('menu.new'), accelerator: 'CmdOrCtrl+N', click: () => actions.create() },
      { label: t('menu.connect'), click: () => actions.connect() },
      { label: t('menu.copy'), enabled: open, click: () => actions.copy() },
      { type: 'separator' },
      { label: t('menu.close'), accelerator: 'CmdOrCtrl+W', click: () => actions.close() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' }
    ]
  }
  const template: MenuItemConstructorOptions[] = [
    file,
    { role: 'editMenu' },
    { label: t('menu.view'), submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'help', submenu: [{ label: t('menu.about'), click: () => actions.about() }] }
  ]
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...template] : template
}
