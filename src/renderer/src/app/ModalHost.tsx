import type { ReactNode } from 'react'
import type { AppInfo, DbInfo, Output } from '@shared/contract'
import type { TaskFilter } from '@shared/filter'
import type { TaskDetail } from '@shared/task'
import { ActionDialog, type ActionSpec } from '../features/actions/ActionDialog'
import { CleanupDialog, ClearClientDialog, StuckDialog } from '../features/actions/CleanupDialog'
import { CopyDialog } from '../features/actions/CopyDialog'
import { ExportDialog } from '../features/actions/ExportDialog'
import { MaintenanceDialog } from '../features/actions/MaintenanceDialog'
import { EditTaskDialog } from '../features/edit/EditTaskDialog'
import { NewTaskDialog } from '../features/edit/NewTaskDialog'
import { AboutDialog } from '../features/help/AboutDialog'
import { ShortcutsDialog } from '../features/help/ShortcutsDialog'
import { ConnectDialog } from '../features/open/ConnectDialog'
import type { Schedule } from '../features/schedule/use-scheduled-cleanup'
import { SettingsDialog } from '../features/settings/SettingsDialog'

/** The one dialog open at a time over the main view (none: null). */
export type Modal =
  | { kind: 'action'; spec: ActionSpec }
  | { kind: 'export' }
  | { kind: 'cleanup' }
  | { kind: 'stuck' }
  | { kind: 'clear-client' }
  | { kind: 'vacuum' }
  | { kind: 'indexes' }
  | { kind: 'shortcuts' }
  | { kind: 'about' }
  | { kind: 'settings' }
  | { kind: 'edit'; task: TaskDetail }
  | { kind: 'new-task'; source?: TaskDetail }
  | { kind: 'connect'; url?: string }
  | { kind: 'copy' }
  | null

/** What the dialogs need from the view they open over. */
export interface ModalContext {
  db: DbInfo | null
  app: AppInfo | undefined
  readOnly: boolean
  backend: boolean
  dark: boolean
  threshold: number
  filter: TaskFilter
  total: number | null
  stats: Output<'db.stats'> | undefined
  clients: string[]
  schedule: Schedule
  refresh: () => void
  /** A bulk action changed tasks: the selection is gone with them. */
  clearSelection: () => void
  showTask: (key: string) => void
}

export function ModalHost({ modal, onClose, context: c }: { modal: Modal; onClose: () => void; context: ModalContext }): ReactNode {
  if (!modal) return null
  switch (modal.kind) {
    case 'action':
      return <ActionDialog spec={modal.spec} threshold={c.threshold} onClose={onClose} onChanged={() => (c.clearSelection(), c.refresh())} />
    case 'edit':
      return <EditTaskDialog task={modal.task} dark={c.dark} onClose={onClose} onSaved={c.refresh} />
    case 'new-task':
      return (
        <NewTaskDialog
          source={modal.source}
          onClose={onClose}
          onCreated={(key) => {
            onClose()
            c.refresh()
            c.showTask(key)
          }}
        />
      )
    case 'cleanup':
      return <CleanupDialog backend={c.backend} rule={c.schedule.entry.rule} threshold={c.threshold} onClose={onClose} onChanged={c.refresh} />
    case 'stuck':
      return <StuckDialog threshold={c.threshold} onClose={onClose} onChanged={c.refresh} />
    case 'clear-client':
      return <ClearClientDialog clients={c.clients} threshold={c.threshold} onClose={onClose} onChanged={c.refresh} />
    case 'settings':
      return <SettingsDialog db={c.db} readOnly={c.readOnly} schedule={c.schedule} onClose={onClose} />
    case 'vacuum':
    case 'indexes':
      return <MaintenanceDialog kind={modal.kind} stats={c.stats} onClose={onClose} onChanged={c.refresh} />
    case 'shortcuts':
      return <ShortcutsDialog onClose={onClose} />
    case 'about':
      return <AboutDialog app={c.app} stats={c.db ? c.stats : undefined} onClose={onClose} />
    case 'export':
      return <ExportDialog filter={c.filter} total={c.total} app={c.app} onClose={onClose} />
    case 'connect':
      return <ConnectDialog url={modal.url} readOnly={c.app?.readOnly === true} onClose={onClose} />
    case 'copy':
      return c.db ? <CopyDialog from={c.db.path} kind={c.db.kind} onClose={onClose} /> : null
  }
}
