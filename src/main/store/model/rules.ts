import { AppError } from '../../../shared/errors'
import type { Target } from '../../../shared/results'
import type { SchemaKind } from '../../../shared/task'
import { nowSeconds } from './time'

// What may be done to which format, and what each maintenance rule selects — with the sentences that refuse the
// rest — in one place for every engine. `holder` is what the user opened: a SQLite file or a PostgreSQL table.

export type Holder = 'file' | 'table'

/** A change of a database opened read-only: refused before anything is read, naming what was asked. */
export function readOnlyError(shown: string, clause: string): AppError {
  return new AppError('READ_ONLY', `${shown} is open read-only; ${clause}.`)
}

export function requireWritable(store: { readOnly: boolean; path: string }, action: string): void {
  if (store.readOnly) throw readOnlyError(store.path, `${action} is not possible`)
}

/**
 * The bulk actions and the format each belongs to. DocuSnap-Backend answers a submission from its row whenever one
 * exists and keeps the submitted content only in an in-memory queue, so a row set back to `processing` is never worked
 * on again (its cleanup later marks it PROCESSING_TIMEOUT); its own way to retry is to forget the row (/clear).
 */
const ONLY_ON: Record<FormatAction, { format: SchemaKind; refusal: (holder: Holder) => string }> = {
  requeue: {
    format: 'seed',
    refusal: (h) =>
      `On DocuSnap-Backend ${h}s a task set back to processing is never worked on again (the backend keeps its input only in memory). ` +
      'Retry instead: it forgets the stored answer, so the client’s next submission is processed afresh.'
  },
  retry: {
    format: 'backend',
    refusal: (h) => `Retry by forgetting the stored answer is for DocuSnap-Backend ${h}s; this ${h} uses the seed format, where requeue sets tasks back to pending.`
  },
  markStuck: { format: 'backend', refusal: (h) => `Marking stuck work is DocuSnap-Backend maintenance; this ${h} uses the seed format.` },
  expire: { format: 'backend', refusal: (h) => `Expiry by last access is DocuSnap-Backend maintenance; this ${h} uses the seed format.` },
  edit: {
    format: 'seed',
    refusal: (h) => `is for seed-format ${h}s; DocuSnap-Backend's results are encrypted for its clients and are not edited here.`
  }
}
export type FormatAction = 'requeue' | 'retry' | 'markStuck' | 'expire' | 'edit'

/** Refuses an action the open format does not have (INVALID_INPUT, with the reason). `named` prefixes edit refusals. */
export function requireFormat(kind: SchemaKind, action: FormatAction, holder: Holder = 'file', named = ''): void {
  const rule = ONLY_ON[action]
  if (kind !== rule.format) throw new AppError('INVALID_INPUT', `${named ? `${named} ` : ''}${rule.refusal(holder)}`)
}

/** The seed's cleanup rule (created more than `days` ago). */
export function cleanupTarget(days: number): Target {
  return { filter: { olderThanDays: days } }
}

/** The backend's stuck-work rule for a cutoff: processing tasks created before it. */
export function stuckTarget(kind: SchemaKind, minutes: number, now = nowSeconds()): Target {
  requireFormat(kind, 'markStuck')
  return { filter: { statuses: ['processing'], createdTo: now - Math.round(minutes * 60) } }
}

/** The backend's expiry rule for a cutoff: tasks last accessed before now - minutes (NULL never expires, as in SQL). */
export function expiryTarget(kind: SchemaKind, minutes: number, now = nowSeconds()): Target {
  requireFormat(kind, 'expire')
  return { filter: { updatedTo: now - Math.round(minutes * 60) } }
}

/**
 * A cleanup as each format's own does it: the seed's by creation time; the backend's by last access, after marking
 * stuck work (when a timeout is given) as its cleanup does — run in that order by the session and the CLI.
 */
export function cleanupPlan(kind: SchemaKind, ageMinutes: number, timeoutMinutes: number | undefined, now = nowSeconds()): { stuck: Target | null; expire: Target } {
  if (timeoutMinutes !== undefined) requireFormat(kind, 'markStuck')
  return {
    stuck: timeoutMinutes !== undefined ? stuckTarget(kind, timeoutMinutes, now) : null,
    expire: kind === 'backend' ? expiryTarget(kind, ageMinutes, now) : cleanupTarget(ageMinutes / 1440)
  }
}
