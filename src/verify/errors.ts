// Typed refusals of verification. A certificate that does not verify is an answer (a status), not an
// error; these are requests verification cannot answer, and an HC1 the bridge will not convert.
import { CertbridgeError } from '../platform/errors.ts'

export const VERIFY_CODES = [
  /** The validation clock asked for is not a date. */
  'VERIFY_CLOCK_INVALID',
  /** An arrival country was asked for, but no business rules are loaded. */
  'RULES_NOT_CONFIGURED',
  /** An EU DCC given to be converted did not verify (already-eu-dcc.ts). */
  'EU_DCC_UNVERIFIED',
] as const

export type VerifyErrorCode = (typeof VERIFY_CODES)[number]

export class VerifyError<Code extends VerifyErrorCode = VerifyErrorCode> extends CertbridgeError<Code> {}
