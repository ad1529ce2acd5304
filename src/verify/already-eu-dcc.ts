// The `eu-dcc` behaviour of issuance: a QR text that is already an EU DCC ("HC1:", e.g. Vietnam's
// vaccine passport or Ukraine's Diia certificate) is not re-issued. It is verified against the
// configured trust lists. Only one that verifies (authentic, within its validity, not revoked) is
// answered "already EU-compatible, needs no conversion" (ALREADY_EU_DCC); any other is refused with
// EU_DCC_UNVERIFIED, which says plainly that it could not be verified and why (its status from the
// verification taxonomy, src/verify/status.ts), never that it needs no conversion.
import { VerifyError } from './errors.ts'
import { HC1_PREFIX } from '../hcert/prefix.ts'
import type { VerificationStatus } from './status.ts'
import type { VerificationResult, VerifyDeps, VerifyOptions } from './types.ts'
import { verifyCertificate } from './verify.ts'

export const ALREADY_EU_DCC_MESSAGE = 'This certificate is already an EU Digital COVID Certificate; it needs no conversion.'

export interface AlreadyEuDcc {
  readonly outcome: 'ALREADY_EU_DCC'
  readonly message: typeof ALREADY_EU_DCC_MESSAGE
  readonly verification: VerificationResult
}

/**
 * The statuses of an authentic certificate that is usable as it stands: valid, valid with the
 * revocation lists out of reach, or valid but failing an arrival country's rules (when asked for).
 */
const USABLE: ReadonlySet<VerificationStatus> = new Set<VerificationStatus>(['VALID', 'REVOCATION_UNAVAILABLE', 'RULES_FAILED'])

/** An HC1 input that did not verify: its verification status says why. */
export class EuDccUnverifiedError extends VerifyError<'EU_DCC_UNVERIFIED'> {
  readonly verificationStatus: VerificationStatus

  constructor(result: Pick<VerificationResult, 'status' | 'statusText' | 'detail'>) {
    const why = result.detail ? `${result.status}, ${result.detail}` : result.status
    super(
      'EU_DCC_UNVERIFIED',
      `This is an EU Digital COVID Certificate, but it could not be verified (${why}): ${result.statusText} It was not converted.`,
    )
    this.verificationStatus = result.status
  }
}

/** True when the QR text is an EU DCC (starts with "HC1:" after surrounding whitespace). */
export function isEuDccText(text: string): boolean {
  return text.trimStart().startsWith(HC1_PREFIX)
}

/** ALREADY_EU_DCC for a certificate that verifies; throws EuDccUnverifiedError for any other. */
export async function alreadyEuDcc(hc1: string, deps: VerifyDeps, options: VerifyOptions = {}): Promise<AlreadyEuDcc> {
  const verification = await verifyCertificate({ hc1 }, deps, options)
  if (!verification.verified || !USABLE.has(verification.status)) throw new EuDccUnverifiedError(verification)
  return { outcome: 'ALREADY_EU_DCC', message: ALREADY_EU_DCC_MESSAGE, verification }
}
