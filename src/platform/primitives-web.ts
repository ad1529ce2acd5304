// Primitives on Web APIs only: crypto.subtle and pako. Works on every runtime; slower than node:crypto
// and node:zlib on Node (see `npm run bench`).
import { Deflate, Inflate } from 'pako'
import type { Hashing, Primitives } from './primitives-types.ts'
import { InflateLimitError } from './primitives-types.ts'
import { fromBase64 } from './bytes.ts'
import type { CoseAlgorithm, Signer } from './signer.ts'

/** The DER of a PEM block, whatever its label (importKey tells a wrong key type). */
function pemToDer(pem: string): Uint8Array {
  return fromBase64(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, ''))
}

function createEs256Signer({ privateKeyPem, kid }: { privateKeyPem: string; kid: Uint8Array }): Signer {
  const key = crypto.subtle.importKey(
    'pkcs8',
    pemToDer(privateKeyPem) as Uint8Array<ArrayBuffer>,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  )
  return {
    kid,
    algorithm: -7,
    sign: async (data) =>
      new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await key, data as Uint8Array<ArrayBuffer>)),
  }
}

function inflate(data: Uint8Array, maxBytes: number): Uint8Array {
  const inflater = new Inflate()
  const chunks: Uint8Array[] = []
  let total = 0
  inflater.onData = (chunk) => {
    total += chunk.length
    if (total > maxBytes) throw new InflateLimitError('inflated size over limit')
    chunks.push(chunk)
  }
  inflater.push(data, true)
  if (inflater.err) throw new Error(`inflate failed (${inflater.err})`)
  if (!inflater.ended) throw new Error('truncated zlib stream')
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** crypto.subtle hashing: every call is an asynchronous WebCrypto job; the HMAC key is imported once. */
export const webHashing: Hashing = {
  sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
  createHmacSha256(key) {
    const imported = crypto.subtle.importKey('raw', key.slice(), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    imported.catch(() => {}) // the first call reports a failure; none goes unhandled in between
    return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', await imported, data as Uint8Array<ArrayBuffer>))
  },
}

export const webPrimitives: Primitives = {
  name: 'web',
  deflate(data, level = 9) {
    const deflater = new Deflate({ level: level as 9 })
    deflater.push(data, true)
    if (deflater.err) throw new Error(`deflate failed (${deflater.err})`)
    return deflater.result
  },
  inflate,
  async verify(algorithm: CoseAlgorithm, key, signature, data) {
    if (algorithm === -7) {
      if (signature.length !== 64) return false
      return crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      )
    }
    return crypto.subtle.verify(
      { name: 'RSA-PSS', saltLength: 32 },
      key,
      signature as Uint8Array<ArrayBuffer>,
      data as Uint8Array<ArrayBuffer>,
    )
  },
  createEs256Signer,
  ...webHashing,
}
