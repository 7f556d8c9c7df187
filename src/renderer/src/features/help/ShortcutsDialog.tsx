import { Dialog } from '../../components/Dialog'
import { Kbd } from '../../components/ui'

export const SHORTCUTS: [string[], string][] = [
  [['/'], 'Search task ids'],
  [['↑', '↓'], 'Move in the list (also k / j)'],
  [['Enter'], 'Open the task'],
  [['Space'], 'Select or unselect the task (Shift for a range)'],
  [['Delete'], 'Delete the selected tasks (asks first)'],
  [['Esc'], 'Close the panel or dialog'],
  [['r'], 'Refresh now'],
  [['?'], 'This list']
]

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {keys.map((k) => (
                  <Kbd key={k}>{k}</Kbd>
                ))}
              </td>
              <td className="py-1.5">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
