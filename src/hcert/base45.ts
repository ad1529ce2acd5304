// Base45 (RFC 9285), written here rather than taken from the npm `base45` package: that package
// decodes leniently (characters outside the alphabet become garbage values and triplets above 65535
// or a lone trailing character are not rejected), while RFC 9285 §4.3 requires a decoder to fail on
// both. Strictness matters: two different texts must never decode to the same certificate bytes.
import { HcertError } from './errors.ts'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i

const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0))
const latin1 = new TextDecoder('latin1')

export function encodeBase45(bytes: Uint8Array): string {
  const pairs = bytes.length - (bytes.length % 2)
  const out = new Uint8Array((pairs / 2) * 3 + (pairs < bytes.length ? 2 : 0))
  let o = 0
  for (let i = 0; i < pairs; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!
    const c = n % 45
    const d = ((n - c) / 45) % 45
    out[o++] = CODES[c]!
    out[o++] = CODES[d]!
    out[o++] = CODES[(n - c - d * 45) / 2025]!
  }
  if (pairs < bytes.length) {
    const n = bytes[pairs]!
    out[o++] = CODES[n % 45]!
    out[o] = CODES[Math.floor(n / 45)]!
  }
  return latin1.decode(out)
}

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index)
  const value = code < 128 ? VALUE[code]! : -1
  if (value < 0) throw new HcertError('HCERT_BASE45', `invalid base45 character at position ${index}`)
  return value
}

export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new HcertError('HCERT_BASE45', 'invalid base45 length')
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0))
  let o = 0
  let i = 0
  for (; i + 3 <= text.length; i += 3) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45 + valueAt(text, i + 2) * 2025
    if (n > 0xffff) throw new HcertError('HCERT_BASE45', `base45 triplet out of range at position ${i}`)
    out[o++] = n >> 8
    out[o++] = n & 0xff
  }
  if (i < text.length) {
    const n = valueAt(text, i) + valueAt(text, i + 1) * 45
    if (n > 0xff) throw new HcertError('HCERT_BASE45', `base45 pair out of range at position ${i}`)
    out[o] = n
  }
  return out
}
