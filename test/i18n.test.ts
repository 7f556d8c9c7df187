import { ESLint } from 'eslint'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n, localesFromEnv, resolveLanguage } from '../src/shared/i18n'
import { en } from '../src/shared/i18n/en'
import { zhCN } from '../src/shared/i18n/zh-CN'

const ROOT = join(import.meta.dirname, '..')
const PLURAL = /_(zero|one|two|few|many|other)$/

/** Every leaf key of a catalog, with plural variants folded into their base key. */
function keys(catalog: object, prefix = ''): Set<string> {
  const out = new Set<string>()
  for (const [k, v] of Object.entries(catalog)) {
    const name = prefix + k
    if (typeof v === 'object' && v !== null) for (const child of keys(v, `${name}.`)) out.add(child)
    else out.add(name.replace(PLURAL, ''))
  }
  return out
}

function leaves(catalog: object, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[prefix + k, String(v)] as [string, string]]))
}

describe('catalogs', () => {
  it('English and Simplified Chinese have the same keys', () => {
    expect([...keys(zhCN)].sort()).toEqual([...keys(en)].sort())
  })

  it('every English plural has its _other form in both languages', () => {
    const pluralBases = leaves(en).filter(([k]) => k.endsWith('_one')).map(([k]) => k.replace(/_one$/, ''))
    expect(pluralBases.length).toBeGreaterThan(5)
    const zh = new Map(leaves(zhCN))
    const enMap = new Map(leaves(en))
    for (const base of pluralBases) {
      expect(enMap.has(`${base}_other`), base).toBe(true)
      expect(zh.has(`${base}_other`), base).toBe(true)
    }
  })

  it('each Chinese message uses the same placeholders as its English one, and is translated', () => {
    const enMap = new Map(leaves(en).map(([k, v]) => [k.replace(PLURAL, ''), v]))
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()
    // Names, codes and symbols read the same in both languages.
    const same = new Set(['common.dash', 'language.en', 'language.zh-CN', 'overview.backend', 'about.backend', 'about.sqlite', 'detail.sha256', 'detail.id', 'grid.id', 'shortcuts.keys.enter', 'shortcuts.keys.delete', 'shortcuts.keys.esc', 'cli.columns.sha256', 'header.postgres', 'overview.serverValue', 'sql.tab', 'sql.nullValue'])
    for (const [key, text] of leaves(zhCN)) {
      const base = key.replace(PLURAL, '')
      const english = enMap.get(base)!
      expect(placeholders(text), key).toEqual(placeholders(english))
      if (!same.has(base)) expect(text, key).not.toBe(english)
    }
  })
})

describe('choosing the language', () => {
  it('follows the choice, else the first supported system locale, else English', () => {
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN')
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en')
    expect(resolveLanguage('system', ['zh-TW', 'en'])).toBe('zh-CN')
    expect(resolveLanguage('system', ['de-DE', 'en-GB', 'zh-CN'])).toBe('en')
    expect(resolveLanguage('system', ['fr-FR'])).toBe('en')
    expect(resolveLanguage(undefined, [])).toBe('en')
  })

  it('reads POSIX locale variables like the C library', () => {
    expect(localesFromEnv({ LANG: 'zh_CN.UTF-8' })).toEqual(['zh_CN'])
    expect(resolveLanguage('system', localesFromEnv({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }))).toBe('zh-CN')
    expect(localesFromEnv({ LANG: 'C', LC_ALL: 'POSIX' })).toEqual([])
  })

  it('formats numbers and plurals for the language', () => {
    expect(createI18n('en').t('toolbar.total', { count: 1 })).toBe('1 task')
    expect(createI18n('en').t('toolbar.total', { count: 12345 })).toBe('12,345 tasks')
    expect(createI18n('zh-CN').t('toolbar.total', { count: 12345 })).toBe('12,345 个任务')
    expect(createI18n('zh-CN').t('actions.run', { verb: '删除', count: 2 })).toBe('删除 2 个任务')
  })
})

describe('no UI string is left untranslated', () => {
  const eslint = new ESLint({ cwd: ROOT })

  it('the lint rule finds literal text in JSX (the check can fail)', async () => {
    const [result] = await eslint.lintText('export function Probe() {\n  return <button aria-label="Close">Delete all</button>\n}\n', { filePath: join(ROOT, 'src/renderer/src/Probe.tsx') })
    const found = result!.messages.filter((m) => m.ruleId === 'i18next/no-literal-string')
    expect(found).toHaveLength(2)
  })

  it('the renderer has none', async () => {
    const results = await eslint.lintFiles(['src/renderer/**/*.tsx'])
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => `${r.filePath}:${m.line} ${m.message}`))
    expect(results.length).toBeGreaterThan(20)
    expect(found).toEqual([])
  })
})
