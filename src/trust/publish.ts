// Our trust list, as verifiers fetch it: the DSCs to publish at a given time (the active one and
// retired ones still within their notAfter) in the EU gateway JSON shape, as a JWKS, and as a GDHCN
// DID trust list (gdhcn/publish-did.ts). All carry the DER, so a verifier learns validity and usage
// from the certificate itself.
import countries from 'i18n-iso-countries'
import { importDsc } from './dsc.ts'
import { didTrustList, type DidTrustListDocument } from './gdhcn/publish-did.ts'
import { fromBase64, toHex } from '../platform/bytes.ts'
import { publishedDscs, type KeyStore } from './keystore.ts'
import type { TrustedKey } from '../hcert/trusted-key.ts'

export interface GatewayTrustList {
  readonly certificates: {
    readonly certificateType: 'DSC'
    readonly country: string
    /** base64 of the 8-byte kid */
    readonly kid: string
    /** base64 DER */
    readonly rawData: string
    /** SHA-256 of the DER, lowercase hex */
    readonly thumbprint: string
    /** When the DSC was created (published), ISO 8601 */
    readonly timestamp: string
  }[]
}

export interface Jwk {
  readonly kty: 'EC'
  readonly crv: 'P-256'
  readonly x: string
  readonly y: string
  readonly kid: string
  readonly use: 'sig'
  readonly alg: 'ES256'
  /** base64 DER of the DSC, then of the CSCA that signed it */
  readonly x5c: string[]
}

export interface Jwks {
  readonly keys: Jwk[]
}

/** The source name of our own keys in trust stores. */
export const OWN_SOURCE = 'certbridge'

export async function gatewayTrustList(store: KeyStore, now: Date): Promise<GatewayTrustList> {
  const certificates = await Promise.all(
    publishedDscs(store, now).map(async (dsc) => ({
      certificateType: 'DSC' as const,
      country: store.country,
      kid: dsc.kid,
      rawData: dsc.certificate,
      thumbprint: toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(fromBase64(dsc.certificate))))),
      timestamp: dsc.createdAt,
    })),
  )
  return { certificates }
}

export async function jwks(store: KeyStore, now: Date): Promise<Jwks> {
  const keys = await Promise.all(
    publishedDscs(store, now).map(async (dsc): Promise<Jwk> => {
      const { publicKey } = await importDsc(dsc.certificate, { source: OWN_SOURCE })
      const { x, y } = await crypto.subtle.exportKey('jwk', publicKey)
      return {
        kty: 'EC',
        crv: 'P-256',
        x: x!,
        y: y!,
        kid: dsc.kid,
        use: 'sig',
        alg: 'ES256',
        x5c: [dsc.certificate, store.csca.certificate],
      }
    }),
  )
  return { keys }
}

/** The GDHCN participant code of an alpha-2 country: its alpha-3, or X + the code for test countries (XA → XXA). */
export function participantCode(country: string): string {
  const code = country.toUpperCase()
  return countries.alpha2ToAlpha3(code) ?? `X${code}`
}

/** Our keys as a GDHCN DID trust list (embedded shape, unsigned) under the given did:web. */
export async function didDocument(store: KeyStore, now: Date, did: string): Promise<DidTrustListDocument> {
  return didTrustList((await jwks(store, now)).keys, { did, participant: participantCode(store.country) })
}

/** Our published DSCs as trusted keys, for verifying what the bridge itself issued. */
export async function ownTrustedKeys(store: KeyStore, now: Date): Promise<TrustedKey[]> {
  return Promise.all(publishedDscs(store, now).map((dsc) => importDsc(dsc.certificate, { source: OWN_SOURCE, country: store.country })))
}
