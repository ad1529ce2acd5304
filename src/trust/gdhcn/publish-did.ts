// The bridge's own keys as a GDHCN trust-list DID document (embedded shape): one JsonWebKey2020 per
// published DSC, its publicKeyJwk carrying the DCC kid and x5c = [DSC, SCA], tagged with the DCC
// domain, our participant code (alpha-3) and the DSC key usage. It is unsigned here; the sandbox's
// emulated network signs documents of the same shape (proof.ts).
import { url as didContext } from './contexts/did-v1.ts'
import { url as jwsContext } from './contexts/jws-2020-v1.ts'
import { url as tngContext } from './contexts/tng-v1-dev.ts'

export interface PublishedJwk {
  readonly kty: string
  readonly crv?: string
  readonly x?: string
  readonly y?: string
  readonly kid: string
  readonly x5c: readonly string[]
}

export interface DidVerificationMethod {
  readonly id: string
  readonly type: 'JsonWebKey2020'
  readonly controller: string
  readonly publicKeyJwk: { kty: string; kid: string; x5c: string[]; crv?: string; x?: string; y?: string }
  readonly domain: { code: string }
  readonly participant: { code: string }
  readonly keyusage: { code: string }
}

export interface DidTrustListDocument {
  readonly '@context': string[]
  readonly id: string
  readonly controller: string
  readonly verificationMethod: DidVerificationMethod[]
}

/** The contexts of the DEV lists: the only TNG context kept (contexts/), so our verifier reads it. */
export const TRUST_LIST_CONTEXTS = [didContext, jwsContext, tngContext]

/** A DID trust list of the given keys, each with its certificate chain in x5c. */
export function didTrustList(
  keys: readonly PublishedJwk[],
  options: { did: string; participant: string; controller?: string },
): DidTrustListDocument {
  const controller = options.controller ?? options.did
  return {
    '@context': [...TRUST_LIST_CONTEXTS],
    id: options.did,
    controller,
    verificationMethod: keys.map((key) => ({
      id: `${options.did}#${key.kid}`,
      type: 'JsonWebKey2020',
      controller,
      publicKeyJwk: {
        kty: key.kty,
        kid: key.kid,
        x5c: [...key.x5c],
        ...(key.crv ? { crv: key.crv } : {}),
        ...(key.x ? { x: key.x } : {}),
        ...(key.y ? { y: key.y } : {}),
      },
      domain: { code: '#DCC' },
      participant: { code: `#${options.participant}` },
      keyusage: { code: '#DSC' },
    })),
  }
}
