// What a verifier needs to know of a signer, whatever trust list or certificate it came from.
// A DSC from a gateway/DE/AT/SE list carries its X.509 certificate; a key from the CH list is a bare
// public key (no validity dates, usage letters instead of extended key usage OIDs). The codec checks
// signatures against these keys, so the shape lives here; src/trust builds them from its lists.
import type { CertificateType } from './certificate-type.ts'

export interface TrustedKey {
  /** First 8 bytes of SHA-256 of the DSC's DER (or as published by the list for bare keys). */
  readonly kid: Uint8Array
  /** ISO 3166-1 alpha-2 of the issuing country, when known. */
  readonly country?: string
  /** Imported for verification with crypto.subtle: ECDSA P-256 (ES256) or RSA-PSS (PS256). */
  readonly publicKey: CryptoKey
  /** COSE algorithms the key can verify: -7 (ES256), -37 (PS256). */
  readonly algorithm: -7 | -37
  /** DSC validity; undefined for bare keys. */
  readonly notBefore?: Date
  readonly notAfter?: Date
  /** Types this key may sign, from its extended key usage; undefined means every type (no usage restriction). */
  readonly allowedTypes?: ReadonlySet<CertificateType>
  /** Which trust list the key came from, e.g. 'DE', 'AT', 'CH', 'SE', 'certbridge', 'vector'. */
  readonly source: string
  /** The DSC's DER, when the key came from a certificate. */
  readonly der?: Uint8Array
}

/** Looks up every trusted key whose kid equals the given one (kids may collide). */
export type KeyResolver = (kid: Uint8Array) => readonly TrustedKey[] | Promise<readonly TrustedKey[]>
