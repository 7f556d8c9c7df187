import type { CopyRow, CopySide } from '../model/copy'
import { FORMAT_COLUMNS } from '../model/dialect'
import { closeStore } from './open'
import type { Store } from './store'
import { readOnlyError } from '../model/rules'

/** A SQLite store as one end of a copy (closing the side closes the store). */
export function sqliteSide(store: Store): CopySide {
  const cols = FORMAT_COLUMNS[store.dialect.kind]
  return {
    kind: store.dialect.kind,
    shown: store.path,
    resultIsJsonb: false,
    decodeTime: store.dialect.decodeTime,
    fractionalTimes: async () =>
      store.dialect.kind === 'seed' &&
      (store.db.prepare(`SELECT EXISTS (SELECT 1 FROM tasks WHERE (typeof(created_at) = 'real' AND created_at <> CAST(created_at AS INTEGER)) OR (typeof(updated_at) = 'real' AND updated_at <> CAST(updated_at AS INTEGER))) AS x`).get() as { x: number }).x === 1,
    count: async () => (store.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n,
    async *batches(size) {
      const page = store.db.prepare(`SELECT rowid AS _r, ${cols.join(', ')} FROM tasks WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      let after = Number.MIN_SAFE_INTEGER
      for (;;) {
        const rows = page.all(after, size) as CopyRow[]
        if (rows.length === 0) return
        after = Number(rows[rows.length - 1]!._r)
        yield rows
      }
    },
    async insert(rows) {
      if (store.readOnly) throw readOnlyError(store.path, 'nothing can be copied into it')
      const insert = store.db.prepare(`INSERT OR IGNORE INTO tasks (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      return store.db.transaction(() => rows.reduce((n, r) => n + insert.run(...cols.map((c) => r[c] ?? null)).changes, 0)).immediate()
    },
    close: async () => closeStore(store)
  }
}
