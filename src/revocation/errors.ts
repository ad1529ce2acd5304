// Typed errors of revocation: reading revocation lists and computing a certificate's revocation
// hashes. Messages name the list's source and the field, never a hash or an identifier.
import { CertbridgeError } from '../platform/errors.ts'

export const REVOCATION_CODES = [
  /** A revocation list does not have one of the shapes list.ts reads. */
  'REVOCATION_LIST_INVALID',
  /** A revocation list could not be fetched or read. */
  'REVOCATION_LIST_UNAVAILABLE',
  /** A revocation hash type was asked for without the part of the certificate it hashes. */
  'REVOCATION_INPUT_MISSING',
] as const

export type RevocationErrorCode = (typeof REVOCATION_CODES)[number]

export class RevocationError<Code extends RevocationErrorCode = RevocationErrorCode> extends CertbridgeError<Code> {}
