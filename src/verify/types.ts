// What the verifier answers and what it needs. A VerificationResult is plain JSON: the API returns it
// as is and the CLI prints it.
import type { CertificateType } from '../hcert/certificate-type.ts'
import type { RevocationHashType, RevocationInput } from '../revocation/hashes.ts'
import type { RevocationList } from '../revocation/list.ts'
import type { RuleOutcome, RuleSet } from '../rules/types.ts'
import type { KeyResolver } from '../hcert/trusted-key.ts'
import type { VerificationStatus } from './status.ts'

/** The largest QR picture the verifier reads (API uploads and the CLI alike). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024

/** Answers the hash type under which a certificate is revoked, or undefined when it is not. */
export type RevocationLookup = (input: RevocationInput) => Promise<RevocationHashType | undefined>

export interface VerifyDeps {
  readonly keys: KeyResolver
  /** Revocation lists (the bridge's own merged with configured ones), or any asynchronous lookup. */
  readonly revocation?: RevocationList | RevocationLookup
  /** Business rules and value sets; evaluated when options.country is given. */
  readonly rules?: RuleSet
  /** The current time; the validation clock unless options.at is given. */
  readonly now: Date
}

export interface VerifyOptions {
  /** Arrival country (ISO 3166-1 alpha-2) whose Acceptance rules apply. */
  readonly country?: string
  /** Validation clock (default deps.now). */
  readonly at?: Date
  /** Validate the payload against the EU DCC schema (default true). */
  readonly schema?: boolean
}

export interface IssuerInfo {
  /** CWT issuer (claim 1), when present. */
  readonly iss?: string
  /** Key identifier from the COSE header, base64. */
  readonly kid?: string
  /** The trust list the verifying DSC came from (e.g. 'DE', 'CH', 'certbridge'); absent when unverified. */
  readonly source?: string
  /** Country of the verifying DSC; absent when unverified or unknown. */
  readonly country?: string
}

export interface RevocationCheck {
  /** False when no revocation list was configured or the lookup was not reached. */
  readonly checked: boolean
  /** The hash types computed and looked up for this certificate. */
  readonly hashTypes: readonly RevocationHashType[]
  /** The hash type under which the certificate is listed, when revoked. */
  readonly revokedBy?: RevocationHashType
}

export interface RulesCheck {
  readonly country: string
  readonly passed: boolean
  readonly results: readonly RuleOutcome[]
}

export interface VerificationResult {
  readonly status: VerificationStatus
  /** One line of plain English for the status (see status.ts). */
  readonly statusText: string
  /** The failing check's own message when it says more than the status (never personal data). */
  readonly detail?: string
  /** True only when the signature verified against a trusted key; the payload is otherwise untrusted. */
  readonly verified: boolean
  /** The validation clock used, ISO 8601. */
  readonly clock: string
  readonly payload?: unknown
  readonly type?: CertificateType
  readonly issuer?: IssuerInfo
  /** CWT issued-at and expiry, ISO 8601. */
  readonly iat?: string
  readonly exp?: string
  readonly revocation?: RevocationCheck
  readonly rules?: RulesCheck
}
