// The verification status taxonomy: every answer of the verifier is exactly one of these, with one
// line of plain English each. The codec's codes (HCERT_*) name the first check that failed; the
// others come after a certificate has passed every codec and trust check. This table is the single
// source for the API's OpenAPI description, the CLI and the README.
import type { HcertErrorCode } from '../hcert/errors.ts'

export type VerificationStatus = 'VALID' | 'REVOKED' | 'RULES_FAILED' | 'REVOCATION_UNAVAILABLE' | HcertErrorCode

const hcertStatuses = {
  HCERT_PREFIX: 'The text does not start with "HC1:", so it is not an EU Digital COVID Certificate.',
  HCERT_TOO_LARGE: 'The certificate is larger than any real certificate (text, compressed data or nesting); it was not read.',
  HCERT_BASE45: 'The text after "HC1:" is not valid base45: it was damaged or mistyped.',
  HCERT_ZLIB: 'The certificate data is not a valid zlib stream: it was damaged.',
  HCERT_CBOR: 'The certificate data is not well-formed CBOR.',
  HCERT_COSE: 'The certificate is not a well-formed COSE_Sign1 signed message.',
  HCERT_CWT: 'The signed claims are malformed or incomplete (issuer, dates or the DCC payload).',
  HCERT_ALGORITHM: 'The certificate is signed with an algorithm other than ES256 or PS256.',
  HCERT_KID_UNKNOWN: 'No trusted signing certificate has this key identifier: the issuer is unknown to the configured trust lists.',
  HCERT_SIGNATURE: 'The signature does not verify with any trusted key of this key identifier: the certificate was altered or forged.',
  HCERT_KEY_USAGE: 'The signing certificate is not allowed to sign this type of certificate (vaccination, test or recovery).',
  HCERT_EXPIRED: 'The certificate has expired at the validation clock, or expires after its signing certificate.',
  HCERT_NOT_YET_VALID: 'The certificate is not valid yet at the validation clock, or was issued before its signing certificate.',
  HCERT_SCHEMA: 'The decoded payload does not match the EU DCC schema.',
} as const satisfies Record<HcertErrorCode, string>

/** Every status with its one-line meaning, in the order the pipeline checks them. */
export const STATUSES: Readonly<Record<VerificationStatus, string>> = {
  VALID: 'The certificate is authentic, within its validity, not revoked, and passes the business rules that were asked for.',
  ...hcertStatuses,
  REVOCATION_UNAVAILABLE: 'The certificate is authentic and within its validity, but the revocation lists could not be consulted.',
  REVOKED: 'The certificate is authentic but its issuer has revoked it.',
  RULES_FAILED:
    'The certificate is authentic and not revoked, but at least one business rule of the arrival or issuing country does not pass.',
}

export const VERIFICATION_STATUSES = Object.keys(STATUSES) as [VerificationStatus, ...VerificationStatus[]]

export function isVerificationStatus(value: unknown): value is VerificationStatus {
  return typeof value === 'string' && Object.hasOwn(STATUSES, value)
}

export function statusText(status: VerificationStatus): string {
  return STATUSES[status]
}

/** The taxonomy as a Markdown list (`- \`CODE\`: text`), for the OpenAPI description and the README. */
export function statusMarkdown(): string {
  return VERIFICATION_STATUSES.map((status) => `- \`${status}\`: ${STATUSES[status]}`).join('\n')
}
