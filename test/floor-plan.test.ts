import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { deepestChain, importCircles, importGraph, sourceFiles } from './import-graph'
import { tempDir } from './helpers'

// The floor plan, checked: no import circles, a store no deeper than nine files, SQLite and PostgreSQL as peers over
// one model, the contract and the renderer free of the main process, and small files (issue 27's measures).

const SRC = resolve('src')
const ALIASES = { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
const graph = importGraph(SRC, ALIASES)
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => [from, to] as const))
const inStore = (f: string) => f.startsWith('main/store/')

describe('the floor plan', () => {
  it('has no circle of imports anywhere in src/', () => {
    expect(importCircles(graph).map((c) => c.join(' → '))).toEqual([])
  })

  it('keeps the store shallow: its deepest chain of imports is at most 9 files', () => {
    const chain = deepestChain(graph, inStore)
    expect(chain.length, chain.join(' → ')).toBeLessThanOrEqual(9)
  })

  it('keeps SQLite and PostgreSQL as peers over one model: neither imports the other, the model imports neither', () => {
    const crossing = edges.filter(
      ([from, to]) =>
        (from.startsWith('main/store/sqlite/') && to.startsWith('main/store/pg/')) ||
        (from.startsWith('main/store/pg/') && to.startsWith('main/store/sqlite/')) ||
        (from.startsWith('main/store/model/') && /^main\/store\/(sqlite|pg)\//.test(to))
    )
    expect(crossing.map((e) => e.join(' → '))).toEqual([])
  })

  it('keeps the shared code and the renderer free of the main process', () => {
    const upward = edges.filter(([from, to]) => (from.startsWith('shared/') || from.startsWith('renderer/')) && to.startsWith('main/'))
    expect(upward.map((e) => e.join(' → '))).toEqual([])
  })

  it('gives the renderer and the shared code no Node module or database driver', () => {
    const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'pg', 'electron'])
    const reached = sourceFiles(SRC)
      .filter((f) => /[/\\]src[/\\](renderer|shared)[/\\]/.test(f))
      .flatMap((f) => ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles.filter((i) => node.has(i.fileName)).map((i) => `${f}: ${i.fileName}`))
    expect(reached).toEqual([])
  })

  it('has no file in src/ over 350 lines', () => {
    const long = sourceFiles(SRC)
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 350)
    expect(long).toEqual([])
  })
})

describe('the checks above can fail', () => {
  it('a circle, a deep chain and an upward import are found in a small tree', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'a'))
    writeFileSync(join(dir, 'a', 'one.ts'), "import { two } from './two'\nexport const one = two")
    writeFileSync(join(dir, 'a', 'two.ts'), "import type { one } from './one'\nimport { three } from '../three'\nexport const two: typeof one = three")
    writeFileSync(join(dir, 'three.ts'), 'export const three = 3')
    const g = importGraph(dir)
    expect(importCircles(g)).toEqual([['a/one.ts', 'a/two.ts', 'a/one.ts']])
    expect(deepestChain(g, () => true)).toHaveLength(3)
    expect(g.get('a/two.ts')).toEqual(['a/one.ts', 'three.ts'])
  })
})
