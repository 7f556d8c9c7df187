import { useTranslation } from 'react-i18next'
import type { Catalog } from '@shared/i18n/en'
import { Dialog } from '../../components/Dialog'
import { Kbd } from '../../components/ui'

type KeyName = keyof Catalog['shortcuts']['keys']
type What = Exclude<keyof Catalog['shortcuts'], 'keys' | 'title'>

/** Keys are literal characters or named keys (translated: "Space" reads 空格 in Chinese). */
export const SHORTCUTS: [(string | { name: KeyName })[], What][] = [
  [['/'], 'search'],
  [['↑', '↓'], 'move'],
  [[{ name: 'pageUp' }, { name: 'pageDown' }], 'page'],
  [[{ name: 'home' }, { name: 'end' }], 'ends'],
  [[{ name: 'enter' }], 'open'],
  [[{ name: 'space' }], 'select'],
  [['Ctrl', 'A'], 'selectAll'],
  [[{ name: 'delete' }], 'delete'],
  [[{ name: 'esc' }], 'escape'],
  [['r'], 'refresh'],
  [['?'], 'help']
]

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {keys.map((k) => {
                  const label = typeof k === 'string' ? k : t(`shortcuts.keys.${k.name}`)
                  return <Kbd key={label}>{label}</Kbd>
                })}
              </td>
              <td className="py-1.5">{t(`shortcuts.${what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
