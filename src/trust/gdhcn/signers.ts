// Trust-list signers: the keys that may sign GDHCN trust lists (the WHO's), read from a bare JWK,
// a JWK set, or a DID document whose verificationMethod entries carry a publicKeyJwk. Only EC P-256
// public keys are taken; anything else is refused with a coded error. Reading them from a file or
// URL is the loader's job (../load.ts).
import { TrustError } from '../errors.ts'

export class TrustSignerError extends TrustError<'TRUST_LIST_SIGNER_INVALID'> {}

export interface TrustListSigner {
  /** The DID (or DID URL) of the key when known; a bare JWK matches any proof. */
  readonly id?: string
  readonly key: CryptoKey
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

async function importJwk(jwk: Record<string, unknown>): Promise<CryptoKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TrustSignerError('TRUST_LIST_SIGNER_INVALID', 'a trust-list signer must be an EC P-256 public key')
  }
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      true,
      ['verify'],
    )
  } catch (error) {
    throw new TrustSignerError('TRUST_LIST_SIGNER_INVALID', 'a trust-list signer key cannot be imported', { cause: error })
  }
}

/** The signer keys in a JWK, a JWKS ({keys:[…]}) or a DID document. */
export async function readTrustListSigners(json: unknown): Promise<TrustListSigner[]> {
  if (!isRecord(json)) throw new TrustSignerError('TRUST_LIST_SIGNER_INVALID', 'a trust-list signer is a JWK or a DID document')
  if (typeof json.kty === 'string') return [{ key: await importJwk(json) }]
  if (Array.isArray(json.keys)) return Promise.all(json.keys.filter(isRecord).map(async (jwk) => ({ key: await importJwk(jwk) })))
  if (Array.isArray(json.verificationMethod)) {
    const signers: TrustListSigner[] = []
    for (const method of json.verificationMethod) {
      if (!isRecord(method) || !isRecord(method.publicKeyJwk)) continue
      const id = typeof method.id === 'string' ? method.id : typeof json.id === 'string' ? json.id : undefined
      signers.push({ ...(id ? { id } : {}), key: await importJwk(method.publicKeyJwk) })
    }
    if (signers.length > 0) return signers
  }
  throw new TrustSignerError('TRUST_LIST_SIGNER_INVALID', 'no EC P-256 public key found in the trust-list signer document')
}
