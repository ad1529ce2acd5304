// The trust checks after the signature: key usage of the DSC against the certificate type, and the
// time rules (DSC notBefore ≤ iat, iat not in the future beyond a skew, clock ≤ exp, exp ≤ DSC notAfter).
import type { CertificateType } from './certificate-type.ts'
import type { TrustedKey } from './trusted-key.ts'
import { HcertError } from './errors.ts'

/** Allowed clock skew for iat in the future (seconds). */
export const DEFAULT_SKEW_SECONDS = 300

export function checkKeyUsage(key: TrustedKey, type: CertificateType | undefined): void {
  if (!key.allowedTypes) return
  if (type === undefined || !key.allowedTypes.has(type)) {
    throw new HcertError('HCERT_KEY_USAGE', `the signing certificate may not sign ${type ?? 'this'} certificates`)
  }
}

export interface Times {
  readonly iat: number | undefined
  readonly exp: number | undefined
}

/** Expiry of the certificate at `now`; exp is required. */
export function checkExpiry(times: Times, now: Date, skewSeconds = DEFAULT_SKEW_SECONDS): void {
  const clock = now.getTime() / 1000
  if (times.exp === undefined) throw new HcertError('HCERT_CWT', 'exp claim missing')
  if (clock > times.exp) throw new HcertError('HCERT_EXPIRED', 'certificate expired')
  if (times.iat !== undefined && times.iat > clock + skewSeconds)
    throw new HcertError('HCERT_NOT_YET_VALID', 'certificate issued in the future')
}

/** The certificate must lie within its DSC's validity (bare keys have none). */
export function checkDscValidity(times: Times, key: TrustedKey): void {
  if (key.notBefore && times.iat !== undefined && times.iat * 1000 < key.notBefore.getTime()) {
    throw new HcertError('HCERT_NOT_YET_VALID', 'certificate issued before its signing certificate became valid')
  }
  if (key.notAfter && times.exp !== undefined && times.exp * 1000 > key.notAfter.getTime()) {
    throw new HcertError('HCERT_EXPIRED', 'certificate expires after its signing certificate')
  }
}
