import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { DIALECTS } from '../src/main/store/model/dialect'
import { BACKEND_INDEX_SQL, BACKEND_TABLE_SQL } from '../src/main/store/sqlite/backend-schema'
import { SEED_TABLE_SQL } from '../src/main/store/sqlite/seed'

/**
 * A seed-format database of `rows` tasks created at a steady rate over the last 30 days (in rowid order, as a live
 * backend appends them), built in SQL (ten times faster than
 * the demo generator, which matters at 10 M rows): realistic sizes, JSON results with Chinese text, error codes.
 * Reused when it already exists, since building 10 M rows takes minutes.
 */
export function buildBenchDb(path: string, rows: number, now: number, log: (s: string) => void): void {
  if (existsSync(path)) return
  const tmp = `${path}.building`
  rmSync(tmp, { force: true })
  const db = new Database(tmp)
  db.exec(SEED_TABLE_SQL)
  const insert = db.prepare(`WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?)
    INSERT INTO tasks (id, type, status, result, created_at, updated_at)
    SELECT printf('%08x-%04x-4%03x-a%03x-%012x', x, abs(random()) % 65536, abs(random()) % 4096, abs(random()) % 4096, abs(random()) % 281474976710656),
      CASE abs(random()) % 10 WHEN 0 THEN 'form_filling' WHEN 1 THEN 'form_filling' WHEN 2 THEN 'form' WHEN 3 THEN 'form' WHEN 4 THEN 'form' ELSE 'document' END,
      s,
      CASE s
        WHEN 'completed' THEN printf('{"title": "增值税发票 %d", "text": "识别文本 sample text %d, 金额 ¥%d.%02d", "key_points": ["日期: 2024-05-%02d", "页数: %d"], "confidence": 0.%03d}', x, x, x % 9973, x % 100, 1 + x % 28, 1 + x % 12, x % 1000)
        WHEN 'error' THEN printf('{"error": {"code": "%s", "message": "处理失败 %d"}}', CASE x % 5 WHEN 0 THEN 'OCR_FAILURE' WHEN 1 THEN 'LLM_FAILURE' WHEN 2 THEN 'PROCESSING_TIMEOUT' WHEN 3 THEN 'PROCESSING_ERROR' ELSE 'DOC_PROMPT_CONSTRUCTION_FAILED' END, x)
      END,
      created,
      CASE WHEN s = 'pending' THEN NULL ELSE created + abs(random()) % 90 END
    FROM (SELECT x, CASE WHEN r < 90 THEN 'completed' WHEN r < 98 THEN 'error' WHEN r < 99 THEN 'processing' ELSE 'pending' END AS s,
                 ? - ? + (x * ?) / ? - abs(random()) % 5 AS created
          FROM (SELECT x, abs(random()) % 100 AS r FROM c))`)
  const batch = 200_000
  for (let start = 1; start <= rows; start += batch) {
    const end = Math.min(rows, start + batch - 1)
    // Tasks are appended as they are created, so rowid order follows created_at (with a few seconds of jitter).
    db.transaction(() => insert.run(start, end, now, 30 * 86_400, 30 * 86_400, rows))()
    log(`  ${end.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} rows`)
  }
  log('  indexes…')
  for (const index of DIALECTS.seed.suggestedIndexes) db.exec(index.sql)
  db.close()
  renameSync(tmp, path)
}

/**
 * The file shapes users have, beside the flattering one above (`sequential`):
 * - `random-ids`: the seed module as used — uuid4 ids, rows appended in time order, only the primary key (init_db).
 * - `random-order`: uuid4 ids and rows in no time order (imported, merged or backfilled files), only the primary key.
 * - `backend`: DocuSnap-Backend's table and its one index; key (client_id, sha256, type) with random sha256, rows
 *   appended in creation order, last_accessed anywhere between creation and now (every poll moves it).
 */
export type BenchShape = 'sequential' | 'random-ids' | 'random-order' | 'backend'
export const BENCH_SHAPES: readonly BenchShape[] = ['sequential', 'random-ids', 'random-order', 'backend']

const UUID4 = `printf('%s-%s-4%s-a%s-%s', substr(h, 1, 8), substr(h, 9, 4), substr(h, 14, 3), substr(h, 18, 3), substr(h, 21, 12))`

export function buildShapedDb(path: string, shape: BenchShape, rows: number, now: number, log: (s: string) => void): void {
  if (shape === 'sequential') return buildBenchDb(path, rows, now, log)
  if (existsSync(path)) return
  const tmp = `${path}.building`
  rmSync(tmp, { force: true })
  const db = new Database(tmp)
  const span = 30 * 86_400
  let insert: Database.Statement
  if (shape === 'backend') {
    db.exec(BACKEND_TABLE_SQL)
    db.exec(BACKEND_INDEX_SQL)
    insert = db.prepare(`WITH RECURSIVE c(x) AS (SELECT @start UNION ALL SELECT x + 1 FROM c WHERE x < @end)
      INSERT INTO tasks (client_id, sha256, type, status, result, error_detail, created_at, last_accessed)
      SELECT printf('client-%02d', abs(random()) % 50), lower(hex(randomblob(32))), CASE abs(random()) % 3 WHEN 0 THEN 'doc' WHEN 1 THEN 'form' ELSE 'form_filling' END,
        s, CASE WHEN s = 'completed' THEN 'gAAAAAB' || hex(randomblob(150)) END, CASE WHEN s = 'error' THEN 'OCR_FAILURE' END,
        strftime('%Y-%m-%d %H:%M:%S', created, 'unixepoch'), strftime('%Y-%m-%d %H:%M:%S', created + abs(random()) % (@now - created + 1), 'unixepoch')
      FROM (SELECT x, CASE WHEN r < 90 THEN 'completed' WHEN r < 98 THEN 'error' ELSE 'processing' END AS s, @now - @span + (x * @span) / @rows AS created
            FROM (SELECT x, abs(random()) % 100 AS r FROM c))`)
  } else {
    db.exec(SEED_TABLE_SQL)
    const created = shape === 'random-ids' ? '@now - @span + (x * @span) / @rows - abs(random()) % 5' : '@now - @span + abs(random()) % @span'
    insert = db.prepare(`WITH RECURSIVE c(x) AS (SELECT @start UNION ALL SELECT x + 1 FROM c WHERE x < @end)
      INSERT INTO tasks (id, type, status, result, created_at, updated_at)
      SELECT ${UUID4}, CASE abs(random()) % 3 WHEN 0 THEN 'document' WHEN 1 THEN 'form' ELSE 'form_filling' END, s,
        CASE s WHEN 'completed' THEN printf('{"title": "增值税发票 %d", "text": "识别文本 sample text %d, 金额 ¥%d.%02d", "key_points": ["日期: 2024-05-%02d"], "confidence": 0.%03d}', x, x, x % 9973, x % 100, 1 + x % 28, x % 1000)
          WHEN 'error' THEN printf('{"error": {"code": "OCR_FAILURE", "message": "处理失败 %d"}}', x) END,
        created, CASE WHEN s = 'pending' THEN NULL ELSE created + abs(random()) % 90 END
      FROM (SELECT x, lower(hex(randomblob(16))) AS h, CASE WHEN r < 90 THEN 'completed' WHEN r < 98 THEN 'error' WHEN r < 99 THEN 'processing' ELSE 'pending' END AS s, ${created} AS created
            FROM (SELECT x, abs(random()) % 100 AS r FROM c))`)
  }
  const batch = 200_000
  for (let start = 1; start <= rows; start += batch) {
    const end = Math.min(rows, start + batch - 1)
    db.transaction(() => insert.run({ start, end, now, span, rows }))()
    log(`  ${shape}: ${end.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} rows`)
  }
  db.close()
  renameSync(tmp, path)
}
