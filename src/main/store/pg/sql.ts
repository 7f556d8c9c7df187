import type pg from 'pg'
import type { SqlFragment } from '../model/sql-fragment'
import { sqlState } from './errors'

// The filter compiler (model/where.ts) is shared by both engines and writes SQLite's `?` placeholders; PostgreSQL numbers
// them. The PostgreSQL store writes no `?` of its own (its regular expressions avoid it), so each `?` is a parameter.

/** Joins fragments and numbers their placeholders: sql`...` pieces in order, parameters in the same order. */
export function numbered(parts: (string | SqlFragment)[]): { text: string; values: unknown[] } {
  let text = ''
  const values: unknown[] = []
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part
      continue
    }
    let i = 0
    text += part.sql.replace(/\?/g, () => `$${values.length + ++i}`)
    if (i !== part.params.length) throw new Error(`placeholder count ${i} ≠ ${part.params.length} in ${part.sql}`)
    values.push(...part.params)
  }
  return { text, values }
}

export const frag = (sql: string, ...params: unknown[]): SqlFragment => ({ sql, params })

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export async function rows<T = Record<string, unknown>>(on: Queryable, parts: (string | SqlFragment)[]): Promise<T[]> {
  const q = numbered(parts)
  return (await on.query(q.text, q.values)).rows as T[]
}

/**
 * Runs `fn` in a read-only transaction whose statements the server stops after `ms`; null when it did (the caller
 * then answers partially). The timeout is the server's, so a slow statement never holds a connection or a snapshot.
 */
export async function withinBudget<T>(store: { pool: pg.Pool }, ms: number, fn: (client: pg.PoolClient) => Promise<T>): Promise<T | null> {
  const client = await store.pool.connect()
  try {
    await client.query('BEGIN READ ONLY')
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(ms))}`)
    const value = await fn(client)
    await client.query('COMMIT')
    return value
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (sqlState(e) === '57014') return null
    throw e
  } finally {
    client.release()
  }
}

/** The key as a row value for a window bound: (id) or (client_id, sha256, type). */
export function keyBound(d: { keyRow: string }, op: '>' | '<=', key: unknown[]): SqlFragment {
  return frag(`${d.keyRow} ${op} (${key.map(() => '?').join(', ')})`, ...key)
}
