// Keyed hashes (HMAC-SHA-256 under the deployment's secret key) for everything the bridge must
// recognise again without storing it: source records, events, idempotency keys, links. Each use has
// its own purpose label, so a hash made for one purpose never matches another. The HMAC comes from the
// codec's primitives: synchronous node:crypto by default, crypto.subtle where that is chosen.
import { toBase64Url } from '../platform/bytes.ts'
import { createHmacSha256 } from '../platform/primitives.ts'

const encoder = new TextEncoder()

export interface KeyedHasher {
  hash(purpose: string, data: string): Promise<string>
}

export async function createKeyedHasher(key: Uint8Array): Promise<KeyedHasher> {
  if (key.length < 32) throw new Error('the keyed-hash key must have at least 32 bytes')
  const hmac = createHmacSha256(key)
  return {
    async hash(purpose, data) {
      return toBase64Url(await hmac(encoder.encode(`${purpose}\u0000${data}`)))
    },
  }
}

/** JSON with sorted keys: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}
