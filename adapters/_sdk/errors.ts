import { CertbridgeError } from '../../src/errors.ts'

/** Stable codes of everything an adapter (or the SDK around it) can refuse. */
export type AdapterErrorCode =
  | 'LINK_UNSUPPORTED' // not a link of any registered adapter, or a link form this adapter does not handle
  | 'LINK_FORGED' // imitates an adapter's link (look-alike host, userinfo, port, scheme, punycode, ...)
  | 'LINK_MALFORMED' // an adapter's link or QR text with a broken field (wrong length, bad date, ...)
  | 'RECORD_NOT_FOUND'
  | 'RECORD_INVALID' // found, but the national system says it is not valid
  | 'RECORD_EXPIRED'
  | 'RECORD_REVOKED'
  | 'RECORD_INCOMPLETE' // the event data needed for a DCC is missing (e.g. no record source configured)
  | 'TYPE_NOT_CONVERTIBLE' // temporary, medical exemption, antibody: no EU DCC equivalent
  | 'HOLDER_MISMATCH'
  | 'PRODUCT_UNMAPPED'
  | 'UPSTREAM_UNAVAILABLE' // 5xx, connection refused or reset, circuit open
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_INVALID' // non-JSON, wrong shape, oversized, redirect
  | 'UPSTREAM_FORBIDDEN_HOST' // a request outside the adapter's declared origins (a bug, never sent)

export interface AdapterErrorOptions extends ErrorOptions {
  /** Seconds after which a retry may succeed (upstream failures, open circuit). */
  readonly retryAfter?: number
  /**
   * The national record the error is about (see NormalizedRecord.sourceRef). Sensitive: used only to
   * revoke what was derived from a record found revoked or expired upstream; never in messages or logs.
   */
  readonly sourceRef?: string
}

export class AdapterError extends CertbridgeError<AdapterErrorCode> {
  readonly retryAfter?: number
  readonly sourceRef?: string

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(code, message, options)
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter
    if (options.sourceRef !== undefined) Object.defineProperty(this, 'sourceRef', { value: options.sourceRef, enumerable: false })
  }
}
