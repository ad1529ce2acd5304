// The swappable crypto and compression primitives: ES256 signing, signature verification, deflate and
// inflate. Two implementations share this interface: primitives-node.ts (node:crypto + node:zlib, also
// available on Workers with nodejs_compat) and primitives-web.ts (crypto.subtle + pako, any runtime).
// The default is the node one, the faster in `npm run bench` (see the README); a runtime without
// node:crypto calls usePrimitives(webPrimitives) once at start-up.
import type { CoseAlgorithm, Signer } from './signer.ts'
import { nodePrimitives } from './primitives-node.ts'

export interface Primitives {
  readonly name: string
  /** zlib (RFC 1950) stream, at the highest compression level (9) unless told otherwise. */
  deflate(data: Uint8Array, level?: number): Uint8Array
  /** Inflates a zlib stream; throws if it is malformed or its output would exceed maxBytes. */
  inflate(data: Uint8Array, maxBytes: number): Uint8Array
  /** Verifies a COSE signature (ES256: raw r‖s, high-S accepted; PS256: PSS, SHA-256, salt 32). */
  verify(algorithm: CoseAlgorithm, key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>
  /** A signer over a PKCS#8 PEM P-256 private key; the key is parsed once, here. */
  createEs256Signer(options: { privateKeyPem: string; kid: Uint8Array }): Signer
}

/** Thrown by inflate implementations when the output would exceed the cap. */
export class InflateLimitError extends Error {}

let active: Primitives = nodePrimitives

export function primitives(): Primitives {
  return active
}

/** Replaces the primitives for the whole process (e.g. webPrimitives on a runtime without node:crypto). */
export function usePrimitives(next: Primitives): void {
  active = next
}

export function createEs256Signer(options: { privateKeyPem: string; kid: Uint8Array }): Signer {
  return active.createEs256Signer(options)
}
