// fast-check arbitraries that mutate real inputs: bytes (flip, set, insert, delete, truncate, repeat),
// text (the same, with characters that matter to URL, base45 and QR parsers), and JSON values (replace,
// delete or retype one node). Each mutation is a small, shrinkable list of edits.
import fc from 'fast-check'

type Edit = readonly [op: number, at: number, value: number]

const edits = (max: number) => fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat(), fc.nat({ max: 0xffff })), { minLength: 1, maxLength: max })

function applyBytes(base: Uint8Array, list: readonly Edit[]): Uint8Array {
  let bytes = Array.from(base)
  for (const [op, at, value] of list) {
    const i = bytes.length === 0 ? 0 : at % bytes.length
    if (op === 0) bytes[i] = (bytes[i] ?? 0) ^ (1 << (value % 8))
    else if (op === 1) bytes[i] = value & 0xff
    else if (op === 2) bytes.splice(i, 0, value & 0xff)
    else if (op === 3) bytes.splice(i, 1 + (value % 8))
    else if (op === 4) bytes = bytes.slice(0, i)
    else bytes.splice(i, 0, ...bytes.slice(i, i + 1 + (value % 16)))
  }
  return Uint8Array.from(bytes)
}

/** One of `bases`, with 1 to `max` byte edits. */
export function mutatedBytes(bases: readonly Uint8Array[], max = 8): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat({ max: bases.length - 1 }), edits(max)).map(([i, list]) => applyBytes(bases[i]!, list))
}

/** Characters that parsers of links, base45 and QR texts treat specially. */
const SPECIAL = [
  ...'@\\/%?#:.|<>&=;+ \t\r\n\u0000-_~*$:0123456789ABCDEFabcdefXYZ',
  '\u00a0',
  '\u200b',
  '\uff0e',
  '\u0430',
  '\u0435',
  '\ud800',
  '\udfff',
  '\u{1f600}',
  'xn--',
  '%2e',
  '%40',
  '//',
  '..',
  'https://',
  'evil.example',
]

function applyText(base: string, list: readonly Edit[]): string {
  let chars = Array.from(base)
  for (const [op, at, value] of list) {
    const i = chars.length === 0 ? 0 : at % chars.length
    const piece = value % 3 === 0 ? String.fromCharCode(value) : SPECIAL[value % SPECIAL.length]!
    if (op === 0 || op === 1) chars[i] = piece
    else if (op === 2) chars.splice(i, 0, piece)
    else if (op === 3) chars.splice(i, 1 + (value % 8))
    else if (op === 4) chars = chars.slice(0, i)
    else chars.splice(i, 0, ...chars.slice(i, i + 1 + (value % 16)))
  }
  return chars.join('')
}

/** One of `bases`, with 1 to `max` character edits. */
export function mutatedText(bases: readonly string[], max = 6): fc.Arbitrary<string> {
  return fc.tuple(fc.nat({ max: bases.length - 1 }), edits(max)).map(([i, list]) => applyText(bases[i]!, list))
}

/** Every node path of a JSON value, in document order. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (out.length > 5_000) return out
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out)
  return out
}

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, '', 0, -1, 1e308, -0, true, [], {}, 'x'.repeat(10_000), '\ud800', '__proto__', 'constructor', 'MIIB', 'AAAA'),
)

function applyJson(base: unknown, edit: readonly [at: number, op: number, replacement: unknown]): unknown {
  const copy = structuredClone(base) as unknown
  const all = paths(copy)
  const [at, op, replacement] = edit
  const path = all[at % all.length]!
  if (path.length === 0) return op === 0 ? replacement : copy
  let parent = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const key = path[path.length - 1]!
  if (op === 1) {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  } else if (op === 2) parent[key] = JSON.stringify(parent[key]) ?? null
  else if (op === 3) parent[key] = [parent[key]]
  else parent[key] = replacement
  return copy
}

/** One of `bases` (JSON values), with 1 to `max` node edits. */
export function mutatedJson(bases: readonly unknown[], max = 3): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat({ max: bases.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), odd), { minLength: 1, maxLength: max }))
    .map(([i, list]) => list.reduce<unknown>((value, edit) => applyJson(value, edit), bases[i]))
}

/** Random text: UTF-16 strings, any code points (lone surrogates included), printable ASCII. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
)
