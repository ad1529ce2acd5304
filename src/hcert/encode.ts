// DCC payload → signed "HC1:" text: CWT → COSE_Sign1 (ES256, protected {1: -7, 4: kid}) → zlib →
// base45 → prefix. Nothing is set up per call beyond the bytes themselves.
import { encodeBase45 } from './base45.ts'
import { encodeCoseSign1, protectedHeaderBytes, sigStructure } from './cose.ts'
import { encodeCwt } from './cwt.ts'
import { HcertEncodeError } from './errors.ts'
import { addPrefix } from './prefix.ts'
import type { Signer } from '../platform/signer.ts'
import { deflateZlib } from './zlib.ts'

export interface EncodeOptions {
  readonly signer: Signer
  /** Issuing country, ISO 3166-1 alpha-2. */
  readonly iss: string
  /** Issued-at and expiry: a Date or seconds since the epoch. */
  readonly iat: Date | number
  readonly exp: Date | number
}

function toSeconds(value: Date | number): number {
  return typeof value === 'number' ? Math.floor(value) : Math.floor(value.getTime() / 1000)
}

const protectedCache = new WeakMap<Signer, Uint8Array>()

function protectedFor(signer: Signer): Uint8Array {
  let bytes = protectedCache.get(signer)
  if (!bytes) {
    bytes = protectedHeaderBytes(signer.algorithm, signer.kid)
    protectedCache.set(signer, bytes)
  }
  return bytes
}

/** The signed COSE_Sign1 bytes (before compression). */
export async function signCose(dcc: unknown, options: EncodeOptions): Promise<Uint8Array> {
  return (await signCoseParts(dcc, options)).cose
}

async function signCoseParts(dcc: unknown, options: EncodeOptions): Promise<{ cose: Uint8Array; signature: Uint8Array }> {
  const iat = toSeconds(options.iat)
  const exp = toSeconds(options.exp)
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || exp <= iat)
    throw new HcertEncodeError('HCERT_ENCODE', 'iat and exp must be dates with iat before exp')
  const payload = encodeCwt({ iss: options.iss, iat, exp, dcc })
  const protectedBytes = protectedFor(options.signer)
  const signature = await options.signer.sign(sigStructure(protectedBytes, payload))
  if (signature.length !== 64) throw new HcertEncodeError('HCERT_ENCODE', 'signer returned a signature that is not raw r‖s')
  return { cose: encodeCoseSign1(protectedBytes, payload, signature), signature }
}

export async function encodeHc1(dcc: unknown, options: EncodeOptions): Promise<string> {
  return (await issueHc1(dcc, options)).hc1
}

/** The HC1 text and its signature (raw r‖s), which the SIGNATURE revocation hash is made from. */
export async function issueHc1(dcc: unknown, options: EncodeOptions): Promise<{ hc1: string; signature: Uint8Array }> {
  const { cose, signature } = await signCoseParts(dcc, options)
  return { hc1: addPrefix(encodeBase45(deflateZlib(cose))), signature }
}
