import { AppError } from '../../../shared/errors'

// The SQL console's first line of defence, before a statement reaches the engine: one statement, a read by its first
// word, no data-changing word anywhere outside strings and comments, and no function that acts outside the database
// (ends sessions, reads or writes server files, opens other connections). The engines hold the second line: a
// read-only connection with query_only and better-sqlite3's `readonly` (SQLite), a READ ONLY transaction (PostgreSQL).
// Refusing too much is safe; a read that is refused can be written another way.

export type SqlDialect = 'sqlite' | 'postgres'

type Token = { kind: 'word' | 'quoted' | 'string' | 'number' | 'punct'; text: string; at: number }

/** Splits SQL into tokens, dropping comments; strings and quoted names are kept whole (their words are not keywords). */
export function tokenize(sql: string, dialect: SqlDialect): Token[] {
  const out: Token[] = []
  let i = 0
  const n = sql.length
  const fail = (what: string) => {
    throw new AppError('SQL_REFUSED', `The statement has ${what} that is never closed; nothing was run.`)
  }
  while (i < n) {
    const c = sql[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? n : end + 1
    } else if (c === '/' && sql[i + 1] === '*') {
      // PostgreSQL nests block comments; SQLite does not (and does not need closing one at the end).
      let depth = 1
      let j = i + 2
      while (j < n && depth > 0) {
        if (dialect === 'postgres' && sql[j] === '/' && sql[j + 1] === '*') {
          depth++
          j += 2
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--
          j += 2
        } else j++
      }
      if (depth > 0 && dialect === 'postgres') fail('a comment')
      i = j
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'" && dialect === 'postgres')) {
      const escapes = c !== "'"
      let j = escapes ? i + 2 : i + 1
      let text = ''
      for (;;) {
        if (j >= n) fail('a string')
        const d = sql[j]!
        if (escapes && d === '\\') {
          text += sql[j + 1] ?? ''
          j += 2
        } else if (d === "'" && sql[j + 1] === "'") {
          text += "'"
          j += 2
        } else if (d === "'") {
          j++
          break
        } else {
          text += d
          j++
        }
      }
      out.push({ kind: 'string', text, at: i })
      i = j
    } else if (c === '$' && dialect === 'postgres' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 66))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))![0]
      const end = sql.indexOf(tag, i + tag.length)
      if (end < 0) fail('a $-quoted string')
      out.push({ kind: 'string', text: sql.slice(i + tag.length, end), at: i })
      i = end + tag.length
    } else if (c === '"' || c === '`' || (c === '[' && dialect === 'sqlite')) {
      const close = c === '[' ? ']' : c
      let j = i + 1
      let text = ''
      for (;;) {
        if (j >= n) fail('a quoted name')
        if (sql[j] === close && close !== ']' && sql[j + 1] === close) {
          text += close
          j += 2
        } else if (sql[j] === close) {
          j++
          break
        } else text += sql[j++]
      }
      out.push({ kind: 'quoted', text: text.toLowerCase(), at: i })
      i = j
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++
      out.push({ kind: 'word', text: sql.slice(i, j).toLowerCase(), at: i })
      i = j
    } else if (/[0-9.]/.test(c) && /[0-9]/.test(sql[i + 1] ?? c)) {
      let j = i + 1
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++
      out.push({ kind: 'number', text: sql.slice(i, j), at: i })
      i = j
    } else {
      out.push({ kind: 'punct', text: c, at: i })
      i++
    }
  }
  return out
}

/** What each engine's console runs: a statement that starts with one of these words. */
const FIRST_WORDS: Record<SqlDialect, ReadonlySet<string>> = {
  sqlite: new Set(['select', 'with', 'values', 'explain', 'pragma']),
  postgres: new Set(['select', 'with', 'values', 'table', 'explain', 'show'])
}

/** Why a statement that starts with this word is refused, where a general "not a read" would not say enough. */
const FIRST_WORD_WHY: Record<string, string> = {
  attach: 'ATTACH would open another database file through this connection',
  detach: 'DETACH changes what the connection has open',
  vacuum: 'VACUUM rewrites the database (and VACUUM INTO writes a new file)',
  copy: 'COPY writes tables or server files, or runs programs on the server (COPY … PROGRAM)',
  do: 'DO runs a procedural block, which can do anything the connection may',
  call: 'CALL runs a procedure, which can change data',
  begin: 'transactions are the console’s own: each query runs in one that is rolled back',
  set: 'SET changes the session’s settings',
  lock: 'LOCK would make the backend wait',
  listen: 'LISTEN keeps a channel open past the query',
  notify: 'NOTIFY sends to other sessions',
  prepare: 'a prepared statement outlives the query',
  execute: 'EXECUTE runs a prepared statement the console has not checked',
  declare: 'a cursor outlives the query',
  reindex: 'REINDEX rewrites indexes',
  analyze: 'ANALYZE writes statistics into the database'
}

/** Words that change data or the schema wherever they appear as a keyword (inside a CTE, after EXPLAIN ANALYZE…). */
const WRITING_WORDS = new Set(['insert', 'update', 'delete', 'merge', 'upsert', 'truncate', 'create', 'drop', 'alter', 'grant', 'revoke', 'attach', 'detach', 'vacuum', 'reindex', 'copy'])

/** Functions with effects outside the query: refused on either engine, by name, even schema-qualified. */
const REFUSED_FUNCTIONS: Record<SqlDialect, { exact: ReadonlySet<string>; prefixes: readonly string[]; allowed?: ReadonlySet<string> }> = {
  sqlite: {
    exact: new Set(['load_extension', 'fts3_tokenizer', 'readfile', 'writefile', 'edit', 'zipfile', 'sqlar_compress', 'sqlar_uncompress']),
    prefixes: []
  },
  postgres: {
    exact: new Set([
      'pg_terminate_backend', 'pg_cancel_backend', 'pg_signal_backend', 'pg_reload_conf', 'pg_rotate_logfile', 'pg_promote', 'pg_switch_wal',
      'pg_stat_file', 'pg_notify', 'set_config', 'nextval', 'setval', 'ts_stat', 'ts_rewrite', 'pg_log_backend_memory_contexts',
      'pg_import_system_collations', 'pg_create_restore_point', 'txid_current', 'pg_current_xact_id', 'pg_export_snapshot'
    ]),
    prefixes: [
      'lo_', 'dblink', 'pg_read_', 'pg_ls_', 'pg_file_', 'pg_stat_reset', 'pg_advisory', 'pg_try_advisory', 'query_to_xml', 'cursor_to_xml',
      'pg_create_', 'pg_drop_', 'pg_replication_', 'pg_logical_', 'pg_wal_replay_', 'pg_backup_', 'pg_start_backup', 'pg_stop_backup',
      // Citus: these run commands on the workers through their own connections, or change the cluster's metadata.
      'run_command_on_', 'citus_', 'master_', 'worker_', 'create_distributed_', 'create_reference_', 'undistribute_', 'alter_distributed_',
      'rebalance_', 'isolate_tenant_', 'truncate_local_'
    ],
    allowed: new Set(['citus_version', 'citus_total_relation_size', 'citus_table_size', 'citus_relation_size', 'citus_get_active_worker_nodes', 'citus_shard_sizes', 'citus_backend_gpid'])
  }
}

/** SQLite PRAGMAs the console reads; any other, or any of these given a value, is refused. */
const READ_PRAGMAS = new Set([
  'table_info', 'table_xinfo', 'table_list', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'foreign_key_check', 'database_list',
  'collation_list', 'function_list', 'module_list', 'pragma_list', 'compile_options', 'page_count', 'page_size', 'freelist_count', 'journal_mode',
  'user_version', 'application_id', 'schema_version', 'data_version', 'encoding', 'auto_vacuum', 'integrity_check', 'quick_check', 'max_page_count'
])
/** Of those, the ones whose argument names a table or a limit rather than setting a value. */
const PRAGMAS_WITH_ARGUMENT = new Set(['table_info', 'table_xinfo', 'table_list', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'foreign_key_check', 'integrity_check', 'quick_check'])

const refuse = (why: string): never => {
  throw new AppError('SQL_REFUSED', `Refused: ${why}. The console only reads; nothing was run.`)
}

/**
 * Checks a statement for the console and returns it without a trailing semicolon; refuses (SQL_REFUSED, naming why)
 * anything that is not one read. Pure: the same answer for the same text, whatever is open.
 */
export function checkReadOnlySql(sql: string, dialect: SqlDialect): string {
  const tokens = tokenize(sql, dialect)
  if (tokens.length === 0) throw new AppError('SQL_REFUSED', 'There is no statement to run: type a SELECT.')
  const semicolons = tokens.filter((t) => t.kind === 'punct' && t.text === ';')
  const last = tokens[tokens.length - 1]!
  if (semicolons.length > 1 || (semicolons.length === 1 && semicolons[0] !== last)) refuse('several statements at once — run one statement at a time')
  const body = semicolons.length ? tokens.slice(0, -1) : tokens
  if (body.length === 0) throw new AppError('SQL_REFUSED', 'There is no statement to run: type a SELECT.')
  const first = body[0]!
  if (first.kind !== 'word' || !FIRST_WORDS[dialect].has(first.text)) {
    const word = first.text.toUpperCase()
    refuse(FIRST_WORD_WHY[first.text] ?? `${word} is not a read (the console runs ${[...FIRST_WORDS[dialect]].map((w) => w.toUpperCase()).join(', ')})`)
  }
  if (first.text === 'pragma') checkPragma(body)
  const fns = REFUSED_FUNCTIONS[dialect]
  body.forEach((t, i) => {
    const next = body[i + 1]
    const prev = body[i - 1]
    const called = next?.kind === 'punct' && next.text === '('
    if ((t.kind === 'word' || t.kind === 'quoted') && called) {
      const name = t.text
      const bad = fns.exact.has(name) || (fns.prefixes.some((p) => name.startsWith(p)) && !fns.allowed?.has(name))
      if (bad) refuse(`${name}() acts outside this query (it ${functionWhy(name)})`)
      return
    }
    if (t.kind !== 'word') return
    // A name after a dot is a column or table (t.update), not a keyword.
    if (prev?.kind === 'punct' && prev.text === '.') return
    if (WRITING_WORDS.has(t.text)) refuse(`${t.text.toUpperCase()} changes the database`)
    if (t.text === 'replace' && next?.text === 'into') refuse('REPLACE changes the database')
    if (t.text === 'into') refuse('SELECT … INTO writes a new table')
    if (t.text === 'for' && next && ['update', 'share', 'no', 'key'].includes(next.text)) refuse('FOR UPDATE / FOR SHARE locks rows, which would make the backend wait')
    if (t.text === 'load_extension') refuse('load_extension loads code into the app')
  })
  // Leading space is kept, so a position the server reports is a position in what the user typed.
  return sql.slice(0, semicolons.length ? last.at : sql.length).trimEnd()
}

function functionWhy(name: string): string {
  if (/^(pg_terminate|pg_cancel|pg_signal)/.test(name)) return 'ends or signals other sessions'
  if (/^(lo_|pg_read_|pg_ls_|pg_stat_file|pg_file_|readfile|writefile|edit)/.test(name)) return 'reads or writes files'
  if (/^(dblink|run_command_on_|query_to_xml|cursor_to_xml|ts_stat|ts_rewrite)/.test(name)) return 'runs another query the console cannot check'
  if (/^(load_extension|fts3_tokenizer)/.test(name)) return 'loads code into the app'
  if (/^(pg_advisory|pg_try_advisory)/.test(name)) return 'takes a lock the backend may wait for'
  return 'changes the server or the session'
}

function checkPragma(body: Token[]): void {
  // PRAGMA [schema.]name [= value | (value)]
  let i = 1
  if (body[i + 1]?.text === '.') i += 2
  const name = body[i]?.text ?? ''
  const rest = body.slice(i + 1)
  if (!READ_PRAGMAS.has(name)) refuse(`PRAGMA ${name} is not one the console reads (it may change a setting or the file)`)
  if (rest.some((t) => t.kind === 'punct' && t.text === '=')) refuse(`PRAGMA ${name} = … changes a setting`)
  if (rest.length > 0 && !PRAGMAS_WITH_ARGUMENT.has(name)) refuse(`PRAGMA ${name}(…) sets a value`)
}
