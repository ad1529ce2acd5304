// The swappable crypto and compression primitives: ES256 signing, signature verification, deflate and
// inflate, SHA-256 and HMAC-SHA-256. Two implementations share this interface (primitives-types.ts):
// the web one here (crypto.subtle + pako, any runtime) and the node one of the Node edge
// (src/runtime/node/primitives.ts: node:crypto + node:zlib, also available on Workers with nodejs_compat).
// The default is the web one, since this floor imports no runtime; each edge installs its own at
// start (usePrimitives): Node the node one, the faster in `npm run bench` (see the README), Workers a
// mix measured inside workerd. The CLI and the Node tests install the node one too.
import type { Signer } from './signer.ts'
import type { Digest, HmacSha256, Primitives } from './primitives-types.ts'
import { webHashing, webPrimitives } from './primitives-web.ts'

export type { Digest, Hashing, HmacSha256, Primitives } from './primitives-types.ts'
export { InflateLimitError } from './primitives-types.ts'

let chosen: Primitives = webPrimitives

export function primitives(): Primitives {
  return chosen
}

/** Replaces the primitives for the whole process (an edge at start: the node ones on Node). */
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
