// What the SQL console answers, on every engine: results as cells a page can show without running any of it, the
// schema at hand, and plans. Cells are plain JSON: a page never receives a live object of the database.

/** A value of a result: null apart from the text "NULL", big integers as digits, long text cut, BLOBs described. */
export type ConsoleCell =
  | null
  | number
  | boolean
  | string
  | { t: 'int'; v: string }
  | { t: 'cut'; head: string; length: number }
  | { t: 'blob'; size: number; hex: string }

export interface ConsoleColumn {
  name: string
  /** The declared or server type (TEXT, INTEGER, jsonb, timestamptz…); for a SQLite expression, the first value's class. */
  type: string
}

/** Why a query ran with less time than the user gave it. */
export type LimitReason = 'journal-writer'

export interface ConsoleResult {
  columns: ConsoleColumn[]
  rows: ConsoleCell[][]
  /** More rows than were shown: export them to see all. */
  more: boolean
  ms: number
  /** The query did not finish: these are the rows it had when it was stopped. */
  stopped?: 'timeout' | 'cancelled'
  /** The time limit it ran with (ms), and why it was lowered, if it was. */
  limitMs: number
  limitReason?: LimitReason
}

export interface ConsoleSchemaTable {
  name: string
  kind: 'table' | 'view'
  columns: { name: string; type: string; primaryKey: boolean; notNull: boolean }[]
  indexes: { name: string; columns: string[]; unique: boolean }[]
}

export interface ConsoleSchema {
  engine: 'sqlite' | 'postgres'
  tables: ConsoleSchemaTable[]
}

/** SQLite's EXPLAIN QUERY PLAN as a tree (each node names its parent), PostgreSQL's EXPLAIN as its text. */
export type ConsolePlan = { kind: 'tree'; nodes: { id: number; parent: number; detail: string }[] } | { kind: 'text'; text: string }

/** How many rows the view shows; the rest are exported. */
export const CONSOLE_ROWS = 1000
/** The time limit of a query unless the user sets another (ms). */
export const CONSOLE_TIMEOUT_MS = 10_000
/** The limit on a rollback-journal file another process writes: what a writer with a 5 s busy timeout survives. */
export const CONSOLE_JOURNAL_WRITER_MS = 2_000
/** How much of a long text a cell carries (the detail view shows this much; an export has all). */
export const CONSOLE_CELL_CHARS = 100_000
/** Queries kept per database in the history. */
export const CONSOLE_HISTORY = 50
