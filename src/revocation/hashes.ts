// The EU DCC revocation hashes (eHealth Network, DCC revocation, 2022). Each is SHA-256 over:
//   UCI             the certificate identifier `ci`, UTF-8, exactly as in the payload (with its URN prefix)
//   COUNTRYCODEUCI  the CWT issuer country (claim 1) followed by `ci`, UTF-8
//   SIGNATURE       the COSE_Sign1 signature bytes; for ES256 only the first half (r), for RSA the whole
// truncated to the first 16 bytes (128 bits) and written in standard base64.
import { RevocationError } from './errors.ts'
import { toBase64 } from '../platform/bytes.ts'
import { sha256 } from '../platform/primitives.ts'

export type RevocationHashType = 'UCI' | 'COUNTRYCODEUCI' | 'SIGNATURE'
export const revocationHashTypes: readonly RevocationHashType[] = ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE']

const truncatedBytes = 16

async function truncatedSha256(data: Uint8Array): Promise<Uint8Array> {
  return (await sha256(data)).slice(0, truncatedBytes)
}

/** The 16 raw bytes of a revocation hash, for callers that index by bytes (e.g. the gateway's x/y chunks). */
export async function revocationHashBytes(type: RevocationHashType, input: RevocationInput): Promise<Uint8Array> {
  switch (type) {
    case 'UCI':
      return truncatedSha256(new TextEncoder().encode(required(input.uvci, 'uvci')))
    case 'COUNTRYCODEUCI':
      return truncatedSha256(new TextEncoder().encode(required(input.country, 'country') + required(input.uvci, 'uvci')))
    case 'SIGNATURE': {
      const signature = required(input.signature, 'signature')
      // ES256 signatures are raw r‖s: only r identifies the signature (s can be flipped to n − s).
      const signed = (input.algorithm ?? -7) === -7 ? signature.subarray(0, signature.length >> 1) : signature
      return truncatedSha256(signed)
    }
  }
}

export interface RevocationInput {
  /** The certificate identifier `ci` (UVCI), as in the payload. */
  readonly uvci?: string
  /** The CWT issuer (claim 1), ISO 3166-1 alpha-2. */
  readonly country?: string
  /** The COSE_Sign1 signature bytes (raw r‖s for ES256). */
  readonly signature?: Uint8Array
  /** The COSE algorithm of the signature: -7 (ES256, the default) or -37 (PS256). */
  readonly algorithm?: -7 | -37
}

export interface RevocationHashes {
  readonly uci: string
  readonly countryCodeUci: string
  readonly signature: string
}

/** All three hashes of one certificate, base64. */
export async function revocationHashes(input: {
  uvci: string
  country: string
  signature: Uint8Array
  algorithm?: -7 | -37
}): Promise<RevocationHashes> {
  const [uci, countryCodeUci, signature] = await Promise.all(revocationHashTypes.map((type) => revocationHashBytes(type, input)))
  return { uci: toBase64(uci!), countryCodeUci: toBase64(countryCodeUci!), signature: toBase64(signature!) }
}

/** One hash, base64. */
export async function revocationHash(type: RevocationHashType, input: RevocationInput): Promise<string> {
  return toBase64(await revocationHashBytes(type, input))
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new RevocationError('REVOCATION_INPUT_MISSING', `This revocation hash type needs the ${name}.`)
  return value
}
