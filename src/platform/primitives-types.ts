// What every set of crypto and compression primitives implements (primitives-node.ts, primitives-web.ts)
// and what callers read from it: one home, below both implementations and the chooser (primitives.ts),
// so that the implementations never import the module that chooses between them.
import type { CoseAlgorithm, Signer } from './signer.ts'

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
