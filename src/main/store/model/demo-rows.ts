import { randomBytes } from 'node:crypto'
import { pythonDumps } from '../../../shared/python-json'
import type { SchemaKind } from '../../../shared/task'
import { nowSeconds } from './time'
import { toUtcText } from './dialect'

// Realistic demo data for local debugging, screenshots and tests: plausible proportions of types and statuses,
// spread over a period with more recent work, nested JSON with Chinese text, and error results with codes.

/** Small deterministic PRNG (mulberry32) so a seeded demo is reproducible in tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rand: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0)
  let x = rand() * total
  for (const [v, w] of weighted) {
    x -= w
    if (x < 0) return v
  }
  return weighted[weighted.length - 1]![0]
}

function hex(rand: () => number, chars: number): string {
  let s = ''
  while (s.length < chars) s += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0')
  return s.slice(0, chars)
}

const ERRORS = [
  ['OCR_FAILURE', 'OCR 识别失败：图像过于模糊'],
  ['LLM_FAILURE', 'LLM request failed: upstream timeout after 60s'],
  ['PROCESSING_TIMEOUT', '处理超时'],
  ['PROCESSING_ERROR', 'Unexpected error while parsing page 3'],
  ['DOC_PROMPT_CONSTRUCTION_FAILED', '文档提示词构建失败']
] as const

const TITLES = ['增值税发票', '购销合同', 'Lease agreement', '体检报告', 'Invoice #2024-118', '入职登记表', '报销单']

function seedResult(rand: () => number, type: string): unknown {
  if (type === 'document')
    return {
      title: TITLES[Math.floor(rand() * TITLES.length)],
      text: '本文件为示例文本，包含中文与 English mixed content.',
      key_points: ['金额：¥' + (rand() * 10000).toFixed(2), '日期：2024-05-0' + (1 + Math.floor(rand() * 9))],
      pages: 1 + Math.floor(rand() * 12),
      confidence: Math.round(rand() * 1000) / 1000
    }
  if (type === 'form')
    return {
      fields: [
        { name: '姓名', value: '张三', confidence: 0.98 },
        { name: '电话', value: '138' + hex(rand, 8).replace(/[a-f]/g, '7').slice(0, 8), confidence: 0.91 },
        { name: 'Address', value: '上海市浦东新区世纪大道 100 号', confidence: 0.87 }
      ],
      meta: { detected_language: 'zh-CN', blank_fields: Math.floor(rand() * 3) }
    }
  return {
    filled_fields: { 姓名: '李四', 日期: '2024-06-01', 签名: null },
    unfilled: ['备注'],
    output: { format: 'pdf', pages: 2 }
  }
}

export interface DemoOptions {
  count: number
  days?: number
  seed?: number
  now?: number
}

/**
 * The demo's rows, one per call, as lists of values in the format's column order (dialect.ts, FORMAT_COLUMNS): the
 * same generator for every engine, so both engines' demo data look alike.
 */
export function demoRows(kind: SchemaKind, { days, seed = Date.now(), now = nowSeconds() }: Omit<DemoOptions, 'count'>): () => unknown[] {
  return kind === 'seed' ? seedRows(days ?? 30, seed, now) : backendRows(days ?? 2, seed, now)
}

/** Seed-format tasks created over the last `days` days. */
function seedRows(days: number, seed: number, now: number): () => unknown[] {
  const rand = prng(seed)
  const span = days * 86_400
  return () => {
    // Square of a uniform skews creation towards recent times, as a live system's backlog is.
    const age = Math.floor(span * rand() * rand())
    const created = now - age
    const type = pick(rand, [['document', 5], ['form', 3], ['form_filling', 2]] as const)
    const fresh = age < 600
    const status = fresh
      ? pick(rand, [['pending', 5], ['processing', 3], ['completed', 2]] as const)
      : pick(rand, [['completed', 90], ['error', 8], ['processing', 1], ['pending', 1]] as const)
    const updated = status === 'pending' ? null : Math.min(now, created + 1 + Math.floor(rand() * 90))
    let result: string | null = null
    if (status === 'completed') result = pythonDumps(seedResult(rand, type))
    if (status === 'error') {
      const [code, message] = ERRORS[Math.floor(rand() * ERRORS.length)]!
      result = rand() < 0.8 ? pythonDumps({ error: { code, message } }) : pythonDumps({ error: message })
    }
    const id = `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`
    return [id, type, status, result, created, updated]
  }
}

/** Backend-format tasks: clients, sha256 keys, ciphertext-like results, error codes, access times. */
function backendRows(days: number, seed: number, now: number): () => unknown[] {
  const rand = prng(seed)
  const clients = Array.from({ length: 12 }, (_, i) => `client-${(i + 1).toString().padStart(2, '0')}-${hex(rand, 6)}`)
  const span = days * 86_400
  const payload = randomBytes(4096).toString('base64')
  return () => {
    const age = Math.floor(span * rand() * rand())
    const created = now - age
    const status = age < 300 ? pick(rand, [['processing', 6], ['completed', 4]] as const) : pick(rand, [['completed', 88], ['error', 10], ['processing', 2]] as const)
    const accessed = Math.min(now, created + Math.floor(rand() * Math.max(1, age)))
    const code = ERRORS[Math.floor(rand() * ERRORS.length)]![0]
    const cipherLength = 64 + 4 * Math.floor(rand() * 400)
    const start = Math.floor(rand() * (payload.length - cipherLength))
    return [
      clients[Math.floor(rand() * rand() * clients.length)],
      hex(rand, 64),
      pick(rand, [['doc', 5], ['form', 3], ['fill', 2]] as const),
      status,
      status === 'completed' ? payload.slice(start, start + cipherLength) : null,
      status === 'error' ? code : null,
      toUtcText(created),
      toUtcText(accessed)
    ]
  }
}
