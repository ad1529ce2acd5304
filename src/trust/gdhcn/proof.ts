// The GDHCN trust-list proof: JsonWebSignature2020 with a detached JWS (`<header>..<signature>`,
// header {"b64":false,"crit":["b64"],"alg":"ES256"}). The signing input is the ASCII of
// `<header>.` followed by SHA-256(URDNA2015(proof options)) and SHA-256(URDNA2015(document without
// proof)); the signature is ECDSA P-256 over SHA-256 of that input, DER-encoded. signDidDocument
// writes the same proof (the sandbox's "WHO" and the tests use it).
import { fromBase64, toBase64Url } from '../../platform/bytes.ts'
import { loadX509 } from '../x509.ts'
import { canonize } from './canonize.ts'
import type { TrustListSigner } from './signers.ts'

export type SignatureStatus = 'valid' | 'invalid' | 'absent'

export interface ProofCheck {
  readonly status: SignatureStatus
  /** Why the proof is invalid or absent, in a few words. */
  readonly reason?: string
  /** Canonicalization and verification time, in milliseconds. */
  readonly canonicalizeMs: number
  readonly verifyMs: number
}

const HEADER = { b64: false, crit: ['b64'], alg: 'ES256' }
const P256 = { name: 'ECDSA', namedCurve: 'P-256' }
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const encoder = new TextEncoder()
const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))

/** What is signed: `<header>.` ‖ SHA-256(canonical proof options) ‖ SHA-256(canonical document). */
async function signingInput(document: Record<string, unknown>, options: Record<string, unknown>, header: string): Promise<Uint8Array> {
  const { proof: _proof, ...unsigned } = document
  const [optionsHash, documentHash] = [
    await sha256(await canonize({ '@context': document['@context'], ...options })),
    await sha256(await canonize(unsigned)),
  ]
  const prefix = encoder.encode(`${header}.`)
  const input = new Uint8Array(prefix.length + 64)
  input.set(prefix, 0)
  input.set(optionsHash, prefix.length)
  input.set(documentHash, prefix.length + 32)
  return input
}

function headerOk(encoded: string): boolean {
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(fromBase64(encoded)))
    return (
      isRecord(header) &&
      header.alg === HEADER.alg &&
      header.b64 === false &&
      Array.isArray(header.crit) &&
      header.crit.length === 1 &&
      header.crit[0] === 'b64'
    )
  } catch {
    return false
  }
}

/** Checks the document's proof against the signers; with no signer given, nothing is checked ('absent'). */
export async function verifyProof(document: unknown, signers: readonly TrustListSigner[]): Promise<ProofCheck> {
  const none = { canonicalizeMs: 0, verifyMs: 0 }
  if (!isRecord(document) || document.proof === undefined) return { status: 'absent', reason: 'the list has no proof', ...none }
  if (signers.length === 0) return { status: 'absent', reason: 'no trust-list signer is configured', ...none }
  const proof = document.proof
  if (!isRecord(proof) || proof.type !== 'JsonWebSignature2020' || typeof proof.jws !== 'string')
    return { status: 'invalid', reason: 'the proof is not a JsonWebSignature2020', ...none }
  if (proof.proofPurpose !== undefined && proof.proofPurpose !== 'assertionMethod')
    return { status: 'invalid', reason: 'the proof is not for assertionMethod', ...none }
  const parts = proof.jws.split('.')
  if (parts.length !== 3 || parts[1] !== '' || !headerOk(parts[0]!))
    return { status: 'invalid', reason: 'the jws is not a detached ES256 JWS with b64:false', ...none }
  const method = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined
  const candidates = signers.filter(
    (s) => s.id === undefined || (method !== undefined && (s.id === method || s.id === method.split('#')[0])),
  )
  if (candidates.length === 0) return { status: 'invalid', reason: `no configured signer is ${method ?? 'named by the proof'}`, ...none }

  const x509 = await loadX509() // loaded before the clock starts: its first import is not verification time
  const started = performance.now()
  const { jws: _jws, ...options } = proof
  const input = await signingInput(document, options, parts[0]!)
  const canonicalizeMs = performance.now() - started
  let signature: ArrayBuffer | null = null
  try {
    signature = new x509.AsnEcSignatureFormatter().toWebSignature(P256, fromBase64(parts[2]!) as Uint8Array<ArrayBuffer>)
  } catch {
    signature = null
  }
  if (!signature)
    return {
      status: 'invalid',
      reason: 'the signature is not a DER ECDSA signature',
      canonicalizeMs,
      verifyMs: performance.now() - started - canonicalizeMs,
    }
  for (const signer of candidates) {
    if (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, signer.key, signature, input as Uint8Array<ArrayBuffer>)) {
      return { status: 'valid', canonicalizeMs, verifyMs: performance.now() - started - canonicalizeMs }
    }
  }
  return {
    status: 'invalid',
    reason: 'the signature does not verify with the configured signers',
    canonicalizeMs,
    verifyMs: performance.now() - started - canonicalizeMs,
  }
}

/** Adds a proof signed with `privateKey` (ECDSA P-256) to a copy of the document (any old proof is replaced). */
export async function signDidDocument(
  document: Record<string, unknown>,
  privateKey: CryptoKey,
  options: { verificationMethod: string; created: Date; nonce?: string },
): Promise<Record<string, unknown>> {
  const { proof: _old, ...unsigned } = document
  const header = toBase64Url(encoder.encode(JSON.stringify(HEADER)))
  const proofOptions: Record<string, unknown> = {
    type: 'JsonWebSignature2020',
    created: options.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    nonce: options.nonce ?? toBase64Url(crypto.getRandomValues(new Uint8Array(24))),
    proofPurpose: 'assertionMethod',
    verificationMethod: options.verificationMethod,
  }
  const input = await signingInput(unsigned, proofOptions, header)
  const raw = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, input as Uint8Array<ArrayBuffer>)
  const x509 = await loadX509()
  const der = new x509.AsnEcSignatureFormatter().toAsnSignature(P256, raw)
  if (!der) throw new TypeError('ECDSA signature cannot be DER-encoded')
  return { ...unsigned, proof: { ...proofOptions, jws: `${header}..${toBase64Url(new Uint8Array(der))}` } }
}
