import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/**
 * The import graph of a source tree, read with TypeScript's own pre-processor (every `import`, `export … from` and
 * dynamic import, type-only ones included: a type import is still a dependency a reader follows). Only files inside
 * the tree are nodes; packages and node: modules are not.
 */
export function importGraph(root: string, aliases: Record<string, string> = {}): Map<string, string[]> {
  const files = sourceFiles(root)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map(({ fileName }) => resolveImport(file, fileName, aliases))
      .filter((t): t is string => t !== null && files.includes(t))
    graph.set(rel(root, file), [...new Set(targets.map((t) => rel(root, t)))])
  }
  return graph
}

/** Every circle of imports, each once, as the files in order (the first repeated at the end). */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = []
  const seen = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const circle = [...stack.slice(stack.indexOf(next)), next]
        const id = [...circle.slice(0, -1)].sort().join(' ')
        if (!seen.has(id)) {
          circles.push(circle)
          seen.add(id)
        }
      } else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return circles
}

/** The longest chain of imports that stays among the files `inside` picks (the graph must have no circle there). */
export function deepestChain(graph: Map<string, string[]>, inside: (file: string) => boolean): string[] {
  const memo = new Map<string, string[]>()
  const longest = (node: string): string[] => {
    const known = memo.get(node)
    if (known) return known
    memo.set(node, [node]) // guards a circle: it counts once
    let best: string[] = []
    for (const next of graph.get(node) ?? []) if (inside(next)) {
      const chain = longest(next)
      if (chain.length > best.length) best = chain
    }
    const chain = [node, ...best]
    memo.set(node, chain)
    return chain
  }
  let best: string[] = []
  for (const node of graph.keys()) if (inside(node)) {
    const chain = longest(node)
    if (chain.length > best.length) best = chain
  }
  return best
}

export function sourceFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(resolve(path))
    }
  }
  walk(root)
  return out
}

function resolveImport(from: string, spec: string, aliases: Record<string, string>): string | null {
  let base: string | null = null
  if (spec.startsWith('.')) base = resolve(dirname(from), spec)
  for (const [alias, dir] of Object.entries(aliases)) if (spec.startsWith(`${alias}/`)) base = resolve(dir, spec.slice(alias.length + 1))
  if (!base) return null
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const path = base + ext
    if (existsSync(path) && statSync(path).isFile()) return path
  }
  return null
}

const rel = (root: string, file: string) => relative(root, file).split('\\').join('/')
