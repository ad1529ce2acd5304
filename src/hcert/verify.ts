// HC1 text → verified payload: decode, signature against the resolver's keys, key usage, times,
// and (optionally) the payload schema.
import type { CertificateType } from './certificate-type.ts'
import type { KeyResolver, TrustedKey } from './trusted-key.ts'
import { certificateType } from './certificate-type.ts'
import { DEFAULT_SKEW_SECONDS, checkDscValidity, checkExpiry, checkKeyUsage } from './checks.ts'
import type { DecodedHcert } from './decode.ts'
import { decodeHc1 } from './decode.ts'
import { checkSchema } from './schema.ts'
import { verifySignature } from './signature.ts'

export interface VerifyOptions {
  readonly keys: KeyResolver
  /** The validation clock. */
  readonly now: Date
  /** Validate the payload against the EU DCC schema (default true). */
  readonly checkSchema?: boolean
  /** Tolerated clock skew for iat in the future, seconds (default 300). */
  readonly skewSeconds?: number
}

export interface VerifiedHcert extends DecodedHcert {
  /** The trusted key whose signature verified. */
  readonly key: TrustedKey
  readonly type: CertificateType | undefined
}

/** Verifies an already decoded HCERT. */
export async function verifyDecoded(decoded: DecodedHcert, options: VerifyOptions): Promise<VerifiedHcert> {
  const key = await verifySignature(decoded, options.keys)
  const type = certificateType(decoded.payload)
  checkKeyUsage(key, type)
  checkExpiry(decoded, options.now, options.skewSeconds ?? DEFAULT_SKEW_SECONDS)
  checkDscValidity(decoded, key)
  if (options.checkSchema !== false) checkSchema(decoded.payload)
  return { ...decoded, key, type }
}

export async function verifyHc1(text: string, options: VerifyOptions): Promise<VerifiedHcert> {
  return verifyDecoded(decodeHc1(text), options)
}
