import type { TaskPage } from '../../../shared/results'
import type { Dialect } from './dialect'

// A search result's snippet: the text around the first match in the task's searched column, read for the page's rows
// only. The rule is here; each engine runs the statement in its own spelling (instr/max, strpos/greatest).

const SNIPPET_BEFORE = 40
const SNIPPET_LENGTH = 140

/** The snippet of `column` around the first match of the one parameter (`?`) in it, case-insensitively. */
export function snippetExpr(column: string, engine: 'sqlite' | 'postgres'): string {
  const [find, atLeast] = engine === 'sqlite' ? ['instr', 'max'] : ['strpos', 'greatest']
  return `substr(${column}, ${atLeast}(1, ${find}(lower(${column}), lower(?)) - ${SNIPPET_BEFORE}), ${SNIPPET_LENGTH})`
}

/** The page's tasks with the snippets read for them (rows of key columns and `snippet`); none found is null. */
export function withFoundSnippets(d: Pick<Dialect, 'keyOf'>, page: TaskPage, found: Record<string, unknown>[]): TaskPage {
  const snippets = new Map(found.map((r) => [d.keyOf(r), typeof r.snippet === 'string' ? r.snippet : null]))
  return { ...page, tasks: page.tasks.map((t) => ({ ...t, snippet: snippets.get(t.key) ?? null })) }
}
