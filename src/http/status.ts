// The one table from stable error codes to HTTP statuses. Domain errors know nothing of HTTP: each
// family lists its codes, `ErrorCode` is their union, and `STATUS` must give every one of them a
// status (`satisfies`), so a new code that nobody mapped fails the type check instead of becoming a
// 500 at run time. status.test.ts checks the same at run time, and that every family is listed here.
import { ADAPTER_CODES } from '../../adapters/_sdk/errors.ts'
import { SANDBOX_CODES } from '../../adapters/_sdk/sandbox.ts'
import { CONFIG_CODES } from '../config.ts'
import { DB_CODES } from '../db/errors.ts'
import { DCC_CODES } from '../dcc/errors.ts'
import { HCERT_CODES, HCERT_ENCODE_CODES } from '../hcert/errors.ts'
import { ISSUE_CODES } from '../issue/errors.ts'
import { QR_DECODE_CODES } from '../qr/decode-errors.ts'
import { QR_RENDER_CODES } from '../qr/render.ts'
import { REVOCATION_CODES } from '../revocation/errors.ts'
import { RULES_CODES } from '../rules/errors.ts'
import { TRUST_CODES } from '../trust/errors.ts'
import { KEYSTORE_CODES } from '../trust/keystore-types.ts'
import { VERIFY_CODES } from '../verify/errors.ts'
import { HTTP_CODES } from './errors.ts'

/** Every error family that can reach an HTTP answer, by name. (The CLI's and the tools' stay out.) */
export const ERROR_FAMILIES = {
  hcert: HCERT_CODES,
  hcertEncode: HCERT_ENCODE_CODES,
  dcc: DCC_CODES,
  trust: TRUST_CODES,
  keyStore: KEYSTORE_CODES,
  revocation: REVOCATION_CODES,
  rules: RULES_CODES,
  qrDecode: QR_DECODE_CODES,
  qrRender: QR_RENDER_CODES,
  adapter: ADAPTER_CODES,
  sandbox: SANDBOX_CODES,
  config: CONFIG_CODES,
  db: DB_CODES,
  issue: ISSUE_CODES,
  verify: VERIFY_CODES,
  http: HTTP_CODES,
} as const

export type ErrorCode = (typeof ERROR_FAMILIES)[keyof typeof ERROR_FAMILIES][number]

/** The statuses an answer may have; problem.ts has a title for each. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504

export const STATUS = {
  // The request itself is wrong.
  BAD_REQUEST: 400,
  LINK_UNSUPPORTED: 400,
  LINK_FORGED: 400,
  LINK_MALFORMED: 400,
  HOLDER_NAME_INVALID: 400,
  // Conditions of the request the server cannot meet: a clock that is no date, a country without rules.
  VERIFY_CLOCK_INVALID: 400,
  RULES_NOT_CONFIGURED: 400,
  // Someone's HC1 that does not decode (POST /v1/card.pdf and other readers of a given HC1).
  HCERT_PREFIX: 400,
  HCERT_BASE45: 400,
  HCERT_ZLIB: 400,
  HCERT_CBOR: 400,
  HCERT_COSE: 400,
  HCERT_CWT: 400,
  HCERT_KID_UNKNOWN: 400,
  HCERT_SIGNATURE: 400,
  HCERT_KEY_USAGE: 400,
  HCERT_EXPIRED: 400,
  HCERT_NOT_YET_VALID: 400,
  HCERT_SCHEMA: 400,
  HCERT_ALGORITHM: 400,
  HCERT_TOO_LARGE: 400,
  // Pictures that hold no readable QR code.
  QR_IMAGE_UNSUPPORTED: 400,
  QR_NOT_FOUND: 400,
  UNAUTHORIZED: 401,
  HOLDER_MISMATCH: 403,
  // One answer for every refusal about a record until the requester binds to its holder.
  NO_MATCHING_CERTIFICATE: 404,
  NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  CERTIFICATE_REVOKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  QR_IMAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // Not convertible.
  RECORD_INVALID: 422,
  RECORD_INCONSISTENT: 422,
  RECORD_EXPIRED: 422,
  RECORD_REVOKED: 422,
  RECORD_INCOMPLETE: 422,
  TYPE_NOT_CONVERTIBLE: 422,
  PRODUCT_UNMAPPED: 422,
  DCC_PAYLOAD: 422,
  DCC_NAME: 422,
  EU_DCC_UNVERIFIED: 422,
  QR_DECODE_LIMIT: 422,
  // Refused for a while: the error carries its Retry-After.
  RATE_LIMITED: 429,
  HOLDER_LOCKED: 429,
  // Our own fault: configuration, keys, lists and rules the server loaded, and signing or drawing
  // our own certificate (HCERT_ENCODE, QR_RENDER_*). The detail is safe to show; the log has the rest.
  INTERNAL: 500,
  HCERT_ENCODE: 500,
  QR_RENDER_TEXT: 500,
  QR_RENDER_OPTIONS: 500,
  DCC_UVCI: 500,
  CONFIG_INVALID: 500,
  CONFIG_MISSING: 500,
  SANDBOX_POPULATION_INVALID: 500,
  RULES_INVALID: 500,
  RULES_TOO_LARGE: 500,
  RULES_UNREADABLE: 500,
  RULES_CONTEXT_INVALID: 500,
  TRUST_LIST_INVALID: 500,
  TRUST_LIST_UNAVAILABLE: 500,
  TRUST_LIST_SIGNATURE: 500,
  TRUST_LIST_SIGNER_INVALID: 500,
  TRUST_CERT_INVALID: 500,
  ONBOARD_INVALID: 500,
  ONBOARD_EXISTS: 500,
  ONBOARD_NOT_FOUND: 500,
  ONBOARD_QA_FAILED: 500,
  KEYSTORE_INVALID: 500,
  KEYSTORE_CONFIG_INVALID: 500,
  KEYSTORE_NO_ACTIVE_DSC: 500,
  KEYSTORE_DSC_EXPIRED: 500,
  KEYSTORE_CSCA_EXPIRING: 500,
  KEYSTORE_EXISTS: 500,
  KEYSTORE_NOT_FOUND: 500,
  KEYSTORE_PERMISSIONS: 500,
  KEYSTORE_CA_REQUIRED: 500,
  KEYSTORE_CA_MISMATCH: 500,
  KEYSTORE_CA_KEY_ONLINE: 500,
  REVOCATION_LIST_INVALID: 500,
  REVOCATION_LIST_UNAVAILABLE: 500,
  REVOCATION_INPUT_MISSING: 500,
  // The national system failed (or an adapter asked outside its origins, which is never sent).
  UPSTREAM_INVALID: 502,
  UPSTREAM_FORBIDDEN_HOST: 502,
  UPSTREAM_UNAVAILABLE: 503,
  QR_DECODER_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
} as const satisfies Record<ErrorCode, ProblemStatus>

const codes: ReadonlySet<string> = new Set(Object.keys(STATUS))

/** Whether a code thrown at run time is one of the families' (a CertbridgeError's code is a string to the platform). */
export function isErrorCode(code: string): code is ErrorCode {
  return codes.has(code)
}

/** HTTP status for a code read as text (a test fixture, a fuzzed answer); a code of no family is a bug: 500. */
export function statusForCode(code: string): ProblemStatus {
  return isErrorCode(code) ? STATUS[code] : 500
}
