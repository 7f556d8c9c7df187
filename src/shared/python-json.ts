// The seed stores results with Python's json.dumps(result, ensure_ascii=False). To write byte-identical rows we
// format JSON exactly as Python does: ", " and ": " separators, non-ASCII kept, floats in repr() form.
// Input given as JSON text is re-read with number lexemes kept, because Python keeps 1.0 a float and 10**20 exact.

export class PythonJsonError extends Error {}

type PyValue =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'list'; v: PyValue[] }
  | { t: 'dict'; v: Map<string, PyValue> }

/** Python's repr() of a float. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return 'Infinity'
  if (x === -Infinity) return '-Infinity'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  // Shortest round-trip digits and the decimal exponent, from JS's own shortest representation.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string]
  const digits = mantissa.replace('.', '')
  const exp = Number(expText) // x = d.ddd * 10^exp
  const sign = x < 0 ? '-' : ''
  const decpt = exp + 1
  if (decpt > 16 || decpt <= -4) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const e = Math.abs(exp).toString().padStart(2, '0')
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
}

function dumpString(s: string): string {
  // JSON.stringify escapes exactly Python's set with ensure_ascii=False: " \ and controls below 0x20, lowercase hex.
  return JSON.stringify(s)
}

function dump(v: PyValue): string {
  switch (v.t) {
    case 'null':
      return 'null'
    case 'bool':
      return v.v ? 'true' : 'false'
    case 'int':
      return v.v.toString()
    case 'float':
      return pythonFloatRepr(v.v)
    case 'str':
      return dumpString(v.v)
    case 'list':
      return `[${v.v.map(dump).join(', ')}]`
    case 'dict':
      return `{${[...v.v].map(([k, x]) => `${dumpString(k)}: ${dump(x)}`).join(', ')}}`
  }
}

/** Python's truthiness: None, False, 0, 0.0, "", [] and {} are falsy (NaN is truthy). */
function truthy(v: PyValue): boolean {
  switch (v.t) {
    case 'null':
      return false
    case 'bool':
      return v.v
    case 'int':
      return v.v !== 0n
    case 'float':
      return v.v !== 0
    case 'str':
      return v.v.length > 0
    case 'list':
      return v.v.length > 0
    case 'dict':
      return v.v.size > 0
  }
}

function fromJs(value: unknown, depth = 0): PyValue {
  if (depth > 1000) throw new PythonJsonError('result nests too deeply')
  if (value === null || value === undefined) return { t: 'null' }
  if (typeof value === 'boolean') return { t: 'bool', v: value }
  if (typeof value === 'bigint') return { t: 'int', v: value }
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? { t: 'int', v: BigInt(value) } : { t: 'float', v: value }
  if (typeof value === 'string') return { t: 'str', v: value }
  if (Array.isArray(value)) return { t: 'list', v: value.map((x) => fromJs(x, depth + 1)) }
  if (typeof value === 'object') {
    const map = new Map<string, PyValue>()
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) map.set(k, fromJs(x, depth + 1))
    return { t: 'dict', v: map }
  }
  throw new PythonJsonError(`cannot store a ${typeof value} as JSON`)
}

/** Parses JSON text as Python's json.loads does (numbers keep int/float identity; NaN and Infinity accepted). */
function parse(text: string): PyValue {
  let i = 0
  const fail = (what: string): never => {
    throw new PythonJsonError(`${what} at position ${i}`)
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const value = (depth: number): PyValue => {
    if (depth > 1000) fail('nesting too deep')
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const map = new Map<string, PyValue>()
      ws()
      if (text[i] === '}') {
        i++
        return { t: 'dict', v: map }
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('expected a property name')
        const key = str()
        ws()
        if (text[i] !== ':') fail("expected ':'")
        i++
        map.set(key, value(depth + 1))
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return { t: 'dict', v: map }
        }
        fail("expected ',' or '}'")
      }
    }
    if (c === '[') {
      i++
      const list: PyValue[] = []
      ws()
      if (text[i] === ']') {
        i++
        return { t: 'list', v: list }
      }
      for (;;) {
        list.push(value(depth + 1))
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return { t: 'list', v: list }
        }
        fail("expected ',' or ']'")
      }
    }
    if (c === '"') return { t: 'str', v: str() }
    for (const [word, v] of [
      ['null', { t: 'null' }],
      ['true', { t: 'bool', v: true }],
      ['false', { t: 'bool', v: false }],
      ['NaN', { t: 'float', v: NaN }],
      ['Infinity', { t: 'float', v: Infinity }],
      ['-Infinity', { t: 'float', v: -Infinity }]
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return v as PyValue
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400))
    if (!m) return fail('unexpected character')
    i += m[0].length
    if (m[1] === undefined && m[2] === undefined) return { t: 'int', v: BigInt(m[0]) }
    return { t: 'float', v: Number(m[0]) }
  }
  const str = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text.charCodeAt(i) < 0x20) fail('control character in string')
      i++
    }
    if (i >= text.length) fail('unterminated string')
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const v = value(0)
  ws()
  if (i !== text.length) fail('extra data')
  return v
}

/** json.dumps(value, ensure_ascii=False) for a JS value. */
export function pythonDumps(value: unknown): string {
  return dump(fromJs(value))
}

/** json.dumps(json.loads(text), ensure_ascii=False), and whether Python would see the value as truthy. */
export function pythonReformat(text: string): { json: string; truthy: boolean } {
  const v = parse(text)
  return { json: dump(v), truthy: truthy(v) }
}

/** Python truthiness of a JS value. */
export function pythonTruthy(value: unknown): boolean {
  return truthy(fromJs(value))
}

/** The JSON path of a node, as people write it: $.a.b[2], $["odd key"]. */
const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`

function toJs(v: PyValue): unknown {
  switch (v.t) {
    case 'null':
      return null
    case 'int':
      return Number(v.v)
    case 'list':
      return v.v.map(toJs)
    case 'dict': {
      // A null-prototype object: a key named __proto__ in a stored result is data, not a prototype.
      const o = Object.create(null) as Record<string, unknown>
      for (const [k, x] of v.v) o[k] = toJs(x)
      return o
    }
    default:
      return v.v
  }
}

/**
 * json.loads as the seed's get_task_result runs it: standard JSON plus Python's NaN, Infinity and -Infinity (which
 * json.dumps writes by default), as JS numbers. Throws PythonJsonError where Python would raise.
 */
export function pythonLoads(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return toJs(parse(text))
  }
}

/** Whether json.loads would read the text. */
export function isPythonJson(text: string): boolean {
  try {
    pythonLoads(text)
    return true
  } catch {
    return false
  }
}

/**
 * Stored result text as standard JSON for machine output. Standard JSON has no NaN or Infinity: where Python wrote
 * them they become null, and `nonFinite` lists where they were and what they were ({"$.scores[1]": "NaN"}).
 * Text that is standard JSON already comes back unchanged, digits and spacing as stored.
 */
export function standardJson(text: string): { json: string; nonFinite: Record<string, string> } {
  try {
    JSON.parse(text)
    return { json: text, nonFinite: {} }
  } catch {
    // not standard JSON: read it as Python does
  }
  const nonFinite: Record<string, string> = {}
  const strip = (v: PyValue, path: string): PyValue => {
    if (v.t === 'float' && !Number.isFinite(v.v)) {
      nonFinite[path] = pythonFloatRepr(v.v)
      return { t: 'null' }
    }
    if (v.t === 'list') return { t: 'list', v: v.v.map((x, i) => strip(x, childPath(path, i))) }
    if (v.t === 'dict') return { t: 'dict', v: new Map([...v.v].map(([k, x]) => [k, strip(x, childPath(path, k))])) }
    return v
  }
  return { json: dump(strip(parse(text), '$')), nonFinite }
}

/**
 * json.dumps(json.loads(text), indent=2, ensure_ascii=False): for reading and editing. Numbers keep their Python form
 * (1.0 stays 1.0, NaN stays NaN); saving re-formats compactly, as the seed stores results.
 */
export function pythonPretty(text: string, indent = 2): string {
  const pad = (n: number) => ' '.repeat(n * indent)
  const pretty = (v: PyValue, depth: number): string => {
    if (v.t === 'list') return v.v.length ? `[\n${v.v.map((x) => pad(depth + 1) + pretty(x, depth + 1)).join(',\n')}\n${pad(depth)}]` : '[]'
    if (v.t === 'dict')
      return v.v.size ? `{\n${[...v.v].map(([k, x]) => `${pad(depth + 1)}${dumpString(k)}: ${pretty(x, depth + 1)}`).join(',\n')}\n${pad(depth)}}` : '{}'
    return dump(v)
  }
  return pretty(parse(text), 0)
}

/** Where json.loads stops reading `text`, for an editor's error marker: the character position, or null if it reads. */
export function pythonJsonError(text: string): { position: number; message: string } | null {
  try {
    parse(text)
    return null
  } catch (e) {
    const message = (e as Error).message
    const m = / at position (\d+)$/.exec(message)
    return { position: m ? Number(m[1]) : 0, message }
  }
}
