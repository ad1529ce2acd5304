import { CertbridgeError, type CertbridgeErrorOptions } from '../../src/platform/errors.ts'
import type { NormalizedHolder } from '../../src/dcc/record.ts'

/** Stable codes of everything an adapter (or the SDK around it) can refuse. */
export const ADAPTER_CODES = [
  'LINK_UNSUPPORTED', // not a link of any registered adapter, or a link form this adapter does not handle
  'LINK_FORGED', // imitates an adapter's link (look-alike host, userinfo, port, scheme, punycode, ...)
  'LINK_MALFORMED', // an adapter's link or QR text with a broken field (wrong length, bad date, ...)
  'RECORD_NOT_FOUND',
  'RECORD_INVALID', // found, but the national system says it is not valid
  'RECORD_EXPIRED',
  'RECORD_REVOKED',
  'RECORD_INCOMPLETE', // the event data needed for a DCC is missing (e.g. no record source configured)
  'TYPE_NOT_CONVERTIBLE', // temporary, medical exemption, antibody: no EU DCC equivalent
  'HOLDER_MISMATCH',
  'RECORD_INCONSISTENT', // the national check and the record source disagree (product, result, holder)
  'PRODUCT_UNMAPPED',
  'UPSTREAM_UNAVAILABLE', // 5xx, connection refused or reset, circuit open
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_INVALID', // non-JSON, wrong shape, oversized, redirect
  'UPSTREAM_FORBIDDEN_HOST', // a request outside the adapter's declared origins (a bug, never sent)
] as const

export type AdapterErrorCode = (typeof ADAPTER_CODES)[number]

/** `retryAfter` (seconds after which a retry may succeed: upstream failures, open circuit) comes from the base. */
export interface AdapterErrorOptions extends CertbridgeErrorOptions {
  /**
   * The national record the error is about (see NormalizedRecord.sourceRef). Sensitive: used only to
   * revoke what was derived from a record found revoked or expired upstream; never in messages or logs.
   */
  readonly sourceRef?: string
  /**
   * The registered holder of the record the refusal is about, when the adapter read it. The bridge
   * tells the record's state (expired, revoked, product not convertible, ...) only to a requester
   * who binds to this holder; everyone else gets one uniform refusal. Personal data: never in
   * messages or logs, and not enumerable, so no serialisation of the error carries it.
   */
  readonly holder?: NormalizedHolder
}

export class AdapterError extends CertbridgeError<AdapterErrorCode> {
  readonly sourceRef?: string
  readonly holder?: NormalizedHolder

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(code, message, options)
    if (options.sourceRef !== undefined) Object.defineProperty(this, 'sourceRef', { value: options.sourceRef, enumerable: false })
    if (options.holder !== undefined) Object.defineProperty(this, 'holder', { value: options.holder, enumerable: false })
  }
}

/**
 * Runs `step` (mapping a record's event, checking its status) and attaches `holder` to any
 * AdapterError it throws, so that the bridge can tell the refusal to the bound holder alone.
 */
export function withHolder<T>(holder: NormalizedHolder, step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof AdapterError && error.holder === undefined) {
      throw new AdapterError(error.code, error.message, {
        cause: error.cause,
        ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
        ...(error.sourceRef !== undefined ? { sourceRef: error.sourceRef } : {}),
        holder,
      })
    }
    throw error
  }
}
