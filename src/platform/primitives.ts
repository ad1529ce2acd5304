// The swappable crypto and compression primitives: ES256 signing, signature verification, deflate and
// inflate, SHA-256 and HMAC-SHA-256. Two implementations share this interface: primitives-node.ts (node:crypto + node:zlib, also
// available on Workers with nodejs_compat) and primitives-web.ts (crypto.subtle + pako, any runtime).
// The default is the node one, the faster in `npm run bench` (see the README); a runtime without
// node:crypto calls usePrimitives(webPrimitives) once at start-up.
import type { Signer } from './signer.ts'
import type { Digest, HmacSha256, Primitives } from './primitives-types.ts'
import { nodePrimitives } from '../runtime/node/primitives.ts'
import { webHashing } from './primitives-web.ts'

export type { Digest, Hashing, HmacSha256, Primitives } from './primitives-types.ts'
export { InflateLimitError } from './primitives-types.ts'

let chosen: Primitives | undefined

export function primitives(): Primitives {
  return chosen ?? nodePrimitives
}

/** Replaces the primitives for the whole process (e.g. webPrimitives on a runtime without node:crypto). */
export function usePrimitives(next: Primitives): void {
  chosen = next
}

export function createEs256Signer(options: { privateKeyPem: string; kid: Uint8Array }): Signer {
  return primitives().createEs256Signer(options)
}

/** SHA-256 with the active primitives. */
export function sha256(data: Uint8Array): Digest {
  return (primitives().sha256 ?? webHashing.sha256)(data)
}

/** HMAC-SHA-256 under `key` with the active primitives; the function keeps them even if they are replaced later. */
export function createHmacSha256(key: Uint8Array): HmacSha256 {
  return (primitives().createHmacSha256 ?? webHashing.createHmacSha256)(key)
}
