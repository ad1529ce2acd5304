// The swappable crypto and compression primitives: ES256 signing, signature verification, deflate and
// inflate, SHA-256 and HMAC-SHA-256. Two implementations share this interface: primitives-node.ts (node:crypto + node:zlib, also
// available on Workers with nodejs_compat) and primitives-web.ts (crypto.subtle + pako, any runtime).
// The default is the node one, the faster in `npm run bench` (see the README); a runtime without
// node:crypto calls usePrimitives(webPrimitives) once at start-up.
import type { CoseAlgorithm, Signer } from './signer.ts'
import { nodePrimitives } from './primitives-node.ts'
import { webHashing } from './primitives-web.ts'

/** A digest: synchronous where the runtime allows it (node:crypto), a promise otherwise (crypto.subtle). */
export type Digest = Uint8Array | Promise<Uint8Array>

/** HMAC-SHA-256 under one key, prepared once (raw bytes kept, or a CryptoKey imported once). */
export type HmacSha256 = (data: Uint8Array) => Digest

export interface Hashing {
  /** SHA-256 of `data` (32 bytes). */
  sha256(data: Uint8Array): Digest
  /** HMAC-SHA-256 (RFC 2104) under `key`, any length; the key is copied, so later changes to it do not count. */
  createHmacSha256(key: Uint8Array): HmacSha256
}

/**
 * The hashing members are optional so that a Primitives written without them still works: the
 * sha256 and createHmacSha256 functions below then use crypto.subtle (webHashing).
 */
export interface Primitives extends Partial<Hashing> {
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

// Read lazily: primitives-node.ts imports this module, so nodePrimitives may not exist yet when this
// module's body runs (if primitives-node.ts was imported first).
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
