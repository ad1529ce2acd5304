// The one table from stable error codes to HTTP statuses. Domain errors know nothing of HTTP.
const statuses: Readonly<Record<string, number>> = {
  // bad input
  BAD_REQUEST: 400,
  LINK_UNSUPPORTED: 400,
  LINK_FORGED: 400,
  LINK_MALFORMED: 400,
  CONSENT_REQUIRED: 400,
  UNAUTHORIZED: 401,
  HOLDER_MISMATCH: 403,
  HOLDER_NAME_INVALID: 400,
  // one answer for every refusal about a record until the requester binds to its holder
  NO_MATCHING_CERTIFICATE: 404,
  HOLDER_LOCKED: 429,
  NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IDEMPOTENCY_CONFLICT: 409,
  CERTIFICATE_REVOKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // not convertible
  RECORD_INVALID: 422,
  RECORD_INCONSISTENT: 422,
  RECORD_EXPIRED: 422,
  RECORD_REVOKED: 422,
  RECORD_INCOMPLETE: 422,
  TYPE_NOT_CONVERTIBLE: 422,
  PRODUCT_UNMAPPED: 422,
  PAYLOAD_INVALID: 422,
  DCC_PAYLOAD: 422,
  DCC_NAME: 422,
  EU_DCC_UNVERIFIED: 422,
  RATE_LIMITED: 429,
  // upstream
  UPSTREAM_INVALID: 502,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_FORBIDDEN_HOST: 502,
  QR_DECODER_UNAVAILABLE: 503,
  QR_IMAGE_TOO_LARGE: 413,
  QR_DECODE_LIMIT: 422,
}

/** HTTP status for a code; codec errors (HCERT_*) on input are bad requests; anything unknown is 500. */
export function statusForCode(code: string): number {
  const status = statuses[code]
  if (status !== undefined) return status
  if (code.startsWith('HCERT_') || code.startsWith('QR_')) return 400
  return 500
}
