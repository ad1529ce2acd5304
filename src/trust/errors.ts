// Typed errors of trust: reading trust lists and their signers, importing signing certificates, and
// onboarding. Each class below narrows the family to the codes it raises; the key store has its own
// family (keystore-types.ts). Messages name the list, file or field, never key material.
import { CertbridgeError } from '../platform/errors.ts'

export const TRUST_CODES = [
  /** A trust list (or its JSON-LD) does not have a shape this reader knows. */
  'TRUST_LIST_INVALID',
  /** A trust list could not be fetched or read. */
  'TRUST_LIST_UNAVAILABLE',
  /** A trust list's signature or proof does not verify. */
  'TRUST_LIST_SIGNATURE',
  /** A trust-list signer (JWK, JWK set, DID document) is not an EC P-256 public key. */
  'TRUST_LIST_SIGNER_INVALID',
  /** A Document Signer Certificate cannot be imported. */
  'TRUST_CERT_INVALID',
  /** Onboarding: a certificate, key or CMS that cannot be read or does not verify. */
  'ONBOARD_INVALID',
  'ONBOARD_EXISTS',
  'ONBOARD_NOT_FOUND',
  'ONBOARD_QA_FAILED',
] as const

export type TrustErrorCode = (typeof TRUST_CODES)[number]

export class TrustError<Code extends TrustErrorCode = TrustErrorCode> extends CertbridgeError<Code> {}
