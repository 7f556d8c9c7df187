import type { Progress } from '../../shared/results'
import { cliLocale } from './i18n'

/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal or output is JSON. */
export function progressBar(stream: NodeJS.WriteStream, enabled: boolean, label: string) {
  const active = enabled && stream.isTTY === true
  let last = 0
  return {
    update({ done, total }: Progress) {
      if (!active) return
      const now = Date.now()
      if (now - last < 100 && done < total) return
      last = now
      const ratio = total > 0 ? Math.min(1, done / total) : 1
      const width = 30
      const filled = Math.round(ratio * width)
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done.toLocaleString(cliLocale())}/${total.toLocaleString(cliLocale())}`)
    },
    end() {
      if (active) stream.write('\n')
    }
  }
}
