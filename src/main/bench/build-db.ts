import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { DIALECTS } from '../store/dialect'
import { SEED_TABLE_SQL } from '../store/seed'

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
