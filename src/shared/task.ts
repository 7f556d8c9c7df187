// The logical task both table formats map to. `key` identifies a row for detail, selection and deletion: the seed's
// id, or the backend's (client_id, sha256, type) triple encoded as JSON.

export type SchemaKind = 'seed' | 'backend'

/** How a file's numeric times are read: the seed's Unix seconds, or milliseconds (a writer that stored Date.now()). */
export const TIME_UNITS = ['seconds', 'milliseconds'] as const
export type TimeUnit = (typeof TIME_UNITS)[number]

export const SORT_FIELDS = ['created_at', 'updated_at', 'id', 'type', 'status'] as const
export type SortField = (typeof SORT_FIELDS)[number]

export interface TaskRow {
  key: string
  id: string
  type: string
  status: string
  /** As stored: unix seconds (seed) or 'YYYY-MM-DD HH:MM:SS' UTC text (backend). */
  created_at: number | string | null
  updated_at: number | string | null
  /** Normalised to unix seconds for display and arithmetic; null when missing or unreadable. */
  created: number | null
  updated: number | null
  result_bytes: number
  /** Error code or message for error tasks, when one can be read cheaply. */
  error: string | null
  /** Text searches only: the searched text around the first match. */
  snippet?: string | null
  client_id?: string
  sha256?: string
  /** Backend schema only, as stored. */
  error_detail?: string | null
  last_accessed?: string | null
}

export type ResultView =
  | { kind: 'none' }
  | { kind: 'json'; text: string }
  | { kind: 'malformed'; text: string }
  | { kind: 'encrypted'; bytes: number; preview: string }
  | { kind: 'binary'; bytes: number; preview: string }

export interface TaskDetail extends TaskRow {
  result: ResultView
}

export interface SeedTaskStatus {
  status: string
  created_at: number
  updated_at: number | null
}

export interface SeedTaskResult extends SeedTaskStatus {
  result: unknown
}
