// Typed errors of the HCERT codec: one stable code per pipeline stage or check. Messages name the
// stage and the reason only; they never carry payload contents, keys or input text.
import { CertbridgeError } from '../platform/errors.ts'

/** What decoding and checking someone's HC1 can find wrong: one code per pipeline stage or check. */
export const HCERT_CODES = [
  'HCERT_PREFIX',
  'HCERT_BASE45',
  'HCERT_ZLIB',
  'HCERT_CBOR',
  'HCERT_COSE',
  'HCERT_CWT',
  'HCERT_KID_UNKNOWN',
  'HCERT_SIGNATURE',
  'HCERT_KEY_USAGE',
  'HCERT_EXPIRED',
  'HCERT_NOT_YET_VALID',
  'HCERT_SCHEMA',
  'HCERT_ALGORITHM',
  'HCERT_TOO_LARGE',
] as const

export type HcertErrorCode = (typeof HCERT_CODES)[number]

export class HcertError extends CertbridgeError<HcertErrorCode> {}

/**
 * Encoding our own HC1 failed (dates out of order, a signer that returns no raw r‖s): the fault of
 * the caller or the signing key, never of a certificate someone showed, so not an HCERT_* check.
 */
export const HCERT_ENCODE_CODES = ['HCERT_ENCODE'] as const

export type HcertEncodeErrorCode = (typeof HCERT_ENCODE_CODES)[number]

export class HcertEncodeError extends CertbridgeError<HcertEncodeErrorCode> {}

/** Runs `fn`, turning anything it throws that is not already an HcertError into one with `code`. */
export function stage<T>(code: HcertErrorCode, message: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof HcertError) throw error
    throw new HcertError(code, message, { cause: error })
  }
}
