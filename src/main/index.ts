import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess } from 'electron'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ipcEvent } from '../shared/channels'
import { chooseDatabase, secondInstancePath } from './db-choice'
import { createDispatcher, type Dispatch, type HandlerContext } from './handlers'
import { createI18n, resolveLanguage } from '../shared/i18n'
import { registerIpc } from './ipc'
import { menuTemplate } from './menu'
import { isPgUrl, redactUrls } from './store/pg/url'
import { electronNativeBinding } from './native-binding'
import { GrantedPaths } from './path-policy'
import { appRoot, builtPaths } from './paths'
import { decideNavigation, decideWindowOpen, isTrustedSender, windowOptions } from './security'
import { pooledHost } from './store/host'
import { SqlConsole } from './console/console-host'
import { electronConsoleSpawner } from './console/electron-spawn'
import { settingsFileIn } from './settings/location'
import { SettingsStore } from './settings/settings-store'

// Electron main: lifecycle, window, menu and the wiring between them. The logic lives in the pure modules it imports.

// One instance at a time: a second launch hands its --db to the first (see 'second-instance') and leaves.
if (!app.requestSingleInstanceLock()) app.exit(0)

const root = appRoot()
const paths = builtPaths(root)
const appPage = pathToFileURL(join(paths.renderer, 'index.html')).href
// electron-vite's dev server, in development only: in an installed app an environment variable must not make another
// origin a trusted sender of IPC calls.
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
// A checkout keeps an Electron build of better-sqlite3 apart from the Node build that tests and the CLI use; an
// installed app carries it as a resource (electron-builder.json, extraResources).
const electronBinding = app.isPackaged ? join(process.resourcesPath, 'better_sqlite3.node') : electronNativeBinding(root, process.versions.electron ?? 'none')
const store = pooledHost(paths.worker, electronBinding ? { nativeBinding: electronBinding } : {})

const settings = new SettingsStore(settingsFileIn(app.getPath('userData')))
const readRecent = () => settings.state().settings.recentFiles

let win: BrowserWindow | null = null
/** Whether a database is open (the File menu's Copy needs one). */
let databaseOpen = false

/** A File menu item that opens one of the page's dialogs (Connect, Copy): the page owns its forms. */
function uiCommand(command: 'connect' | 'copy', url?: string): void {
  win?.webContents.send(ipcEvent('ui.command'), { command, ...(url ? { url } : {}) })
}
// Menus and native dialogs speak the app's language (the settings' choice, else the system's).
const t = () => createI18n(resolveLanguage(settings.state().settings.language, app.getPreferredSystemLanguages())).t

// The renderer may name only files main handed out: picked in its dialogs, given on its command line, or in the
// recent list and cleanup rules of the settings it owns (path-policy.ts).
// A PostgreSQL URL the page names that main did not hand out is confirmed here, natively, naming where it goes: the
// page cannot answer this dialog for the user.
const grants = new GrantedPaths(async (endpoint, use) => {
  const tr = t()
  const options = {
    type: 'question' as const,
    buttons: [tr(use === 'copy' ? 'menu.confirmCopyButton' : 'menu.confirmConnectButton'), tr('menu.confirmCancel')],
    defaultId: 1,
    cancelId: 1,
    message: tr(use === 'copy' ? 'menu.confirmCopyMessage' : 'menu.confirmConnectMessage', { host: endpoint.host, port: endpoint.port }),
    detail: tr('menu.confirmConnectDetail', { database: endpoint.database, user: endpoint.user, table: endpoint.table })
  }
  const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)
  return r.response === 0
})

async function pickFile(mode: 'open' | 'new' | 'export', suggestedName?: string): Promise<string | null> {
  const path = await showPicker(mode, suggestedName)
  return path === null ? null : grants.grant(path, mode === 'export' ? 'export' : mode === 'new' ? 'create' : 'open')
}

async function showPicker(mode: 'open' | 'new' | 'export', suggestedName?: string): Promise<string | null> {
  const tr = t()
  const filters = [{ name: tr('menu.sqliteFiles'), extensions: ['db', 'sqlite', 'sqlite3'] }, { name: tr('menu.allFiles'), extensions: ['*'] }]
  if (mode === 'export') {
    const r = win ? await dialog.showSaveDialog(win, { title: tr('menu.exportTitle'), defaultPath: suggestedName ?? 'tasks.csv' }) : null
    return r && !r.canceled && r.filePath ? r.filePath : null
  }
  if (mode === 'new') {
    const r = win ? await dialog.showSaveDialog(win, { title: tr('menu.newTitle'), defaultPath: 'tasks.db', filters }) : null
    return r && !r.canceled && r.filePath ? r.filePath : null
  }
  const r = win ? await dialog.showOpenDialog(win, { title: tr('menu.openTitle'), properties: ['openFile'], filters }) : null
  return r && !r.canceled && r.filePaths[0] ? r.filePaths[0] : null
}

// The SQL console runs in a utility process of its own, so that a query can be stopped mid-statement (console/).
const sqlConsole = new SqlConsole(electronConsoleSpawner(utilityProcess, paths.console))
const context: HandlerContext = {
  carrier: 'electron',
  version: app.getVersion(),
  readOnly: false,
  pickFile,
  settings,
  paths: grants,
  sql: { console: sqlConsole, ...(electronBinding ? { nativeBinding: electronBinding } : {}) }
}
const dispatchToStore = createDispatcher(store, context)
// A language change (or a reset) shows in the menu at once.
const dispatch: Dispatch = async (channel, input) => {
  const reply = await dispatchToStore(channel, input)
  if (channel.startsWith('settings.')) buildMenu()
  return reply
}

async function openDatabase(path: string, options: { readOnly?: boolean; create?: boolean } = {}): Promise<void> {
  const reply = await dispatch('db.open', { path: grants.grant(path, options.create ? 'create' : 'open'), ...options })
  if (!reply.ok) {
    // The page shows it where the user picks another file (a dialog box would block the window behind it).
    // What the page shows: a PostgreSQL URL without its password.
    context.startupError = { path: redactUrls(path), message: reply.error.message }
    win?.webContents.send(ipcEvent('db.closed'), { reason: 'error', message: reply.error.message })
    return
  }
  context.startupError = undefined
  buildMenu()
}

function buildMenu(): void {
  const tr = t()
  const template = menuTemplate(
    readRecent(),
    {
      open: (readOnly) => void pickFile('open').then((p) => (p ? openDatabase(p, { readOnly }) : undefined)),
      // A PostgreSQL table from the recent list: the Connect dialog, filled in, asks for what the URL leaves out.
      openPath: (p) => (isPgUrl(p) ? uiCommand('connect', p) : void openDatabase(p)),
      connect: () => uiCommand('connect'),
      copy: () => uiCommand('copy'),
      create: () => void pickFile('new').then((p) => (p ? openDatabase(p, { create: true }) : undefined)),
      close: () => void dispatch('db.close', {}),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: tr('menu.about'),
          message: `${tr('app.name')} ${app.getVersion()}`,
          detail: tr('menu.aboutDetail', { electron: process.versions.electron, node: process.versions.node })
        })
    },
    process.platform,
    tr,
    databaseOpen
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function createWindow(): void {
  win = new BrowserWindow(windowOptions(paths.preload))
  const contents = win.webContents
  contents.on('will-navigate', (event, url) => {
    const d = decideNavigation(url, appPage, devServer)
    if (!d.allow) {
      event.preventDefault()
      if (d.openExternally) void shell.openExternal(url)
    }
  })
  contents.setWindowOpenHandler(({ url }) => {
    const d = decideWindowOpen(url)
    if (d.openExternally) void shell.openExternal(url)
    return { action: d.action }
  })
  win.once('ready-to-show', () => win?.show())
  win.on('closed', () => (win = null))
  if (devServer) void win.loadURL(devServer)
  else void win.loadFile(join(paths.renderer, 'index.html'))
}

store.onEvent((event, payload) => {
  if (event === 'db.opened') win?.setTitle(`DocuSnap Task Admin — ${(payload as { path: string }).path}`)
  if (event === 'db.closed') win?.setTitle('DocuSnap Task Admin')
  if (event === 'db.opened' || event === 'db.closed') {
    databaseOpen = event === 'db.opened'
    buildMenu()
  }
  win?.webContents.send(ipcEvent(event), payload)
})

app.on('second-instance', (_event, argv, workingDirectory) => {
  const path = secondInstancePath(argv, workingDirectory)
  if (path) void openDatabase(path)
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  registerIpc(ipcMain, dispatch, (frame) => isTrustedSender(frame, appPage, devServer))
  buildMenu()
  createWindow()
  const userData = app.getPath('userData')
  mkdirSync(userData, { recursive: true })
  const choice = chooseDatabase(process.argv, process.env, userData)
  await openDatabase(choice.path, { create: choice.create })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', (event) => {
  event.preventDefault()
  sqlConsole.close()
  void store.close().finally(() => app.exit(0))
})
