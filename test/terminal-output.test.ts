import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/main/cli/run'
import { visibleText } from '../src/shared/terminal-text'
import { tempDir } from './helpers'

/* eslint-disable no-control-regex -- these tests look for control characters */

// Values from the database are data, never commands to the operator's terminal, and never JSON of their own
// (issue 24.8): a writer that stores escape sequences or a crafted created_at changes nothing the reader sees.

async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t), stderr: process.stderr, signal: new AbortController().signal } })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

const CLIPBOARD = '\u001b]52;c;ZXZpbA==\u0007'
const TITLE = '\u001b]0;owned\u0007'
const HIDE = '\u001b[1A\u001b[2K'
const C1 = '\u009b31m'

function hostileFile(): string {
  const db = join(tempDir(), 'tasks.db')
  const d = new Database(db)
  d.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, result TEXT, created_at INTEGER NOT NULL, updated_at INTEGER)')
  const insert = d.prepare('INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?)')
  insert.run(`a${CLIPBOARD}`, `doc${TITLE}`, `error${HIDE}`, `{"error": "E${C1}"}`, 1_700_000_000, null)
  // A text created_at that, spliced into JSON unquoted, would forge the status.
  insert.run('forged', 'document', 'error', '{"error": "x"}', '1, "status": "completed", "x": 0', null)
  d.close()
  return db
}

describe('what the command line prints of stored values', () => {
  it('shows control characters escaped in list, facets and status, and keeps line feeds of its own tables', async () => {
    const db = hostileFile()
    for (const args of [['list'], ['facets'], ['status', `a${CLIPBOARD}`]]) {
      const r = await cli([...args, '--db', db])
      expect(r.stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
      expect(r.stdout).toContain('\\x1b')
    }
    expect((await cli(['list', '--db', db])).stdout).toContain(`a\\x1b]52;c;ZXZpbA==\\x07`)
    expect(visibleText('a\nb\tc\rd\u009be')).toBe('a\nb\tc\\x0dd\\x9be')
  })

  it('--json output escapes them too, and the same values come back when parsed', async () => {
    const db = hostileFile()
    const r = await cli(['list', '--db', db, '--json'])
    expect(r.stdout).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
    const ids = (JSON.parse(r.stdout) as { tasks: { id: string; status: string }[] }).tasks.map((t) => t.id)
    expect(ids).toContain(`a${CLIPBOARD}`)
  })

  it('result --json writes every value through the serializer: a crafted created_at cannot forge the status', async () => {
    const db = hostileFile()
    const r = await cli(['result', 'forged', '--db', db, '--json'])
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>
    expect(parsed.status).toBe('error')
    expect(parsed.created_at).toBe('1, "status": "completed", "x": 0')
    expect(parsed).not.toHaveProperty('x')
  })
})
