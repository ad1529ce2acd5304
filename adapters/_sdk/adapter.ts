import type { NormalizedRecord } from '../../src/dcc/record.ts'

/** One setting an adapter reads, from `CERTBRIDGE_<ADAPTER_ID>_<NAME>` (Node) or a Workers var/secret. */
export interface AdapterSetting {
  /** e.g. 'BASE_URL', 'RECORD_SOURCE_URL', 'RECORD_SOURCE_TOKEN' */
  readonly name: string
  readonly description: string
  /** Secrets are never logged or echoed; on Workers they are set with `wrangler secret put`. */
  readonly secret?: boolean
  /** Production refuses to start without it (sandbox mode fills it in). */
  readonly required?: boolean
  /** Used when unset, e.g. the real national host. */
  readonly default?: string
}

export type AdapterConfig = Readonly<Record<string, string | undefined>>

export interface AdapterContext {
  /** Guarded: only this adapter's origins, per-request deadline, no redirects, size cap. */
  readonly fetch: typeof fetch
  readonly now: () => Date
  /** Aborted when the request's deadline passes. */
  readonly signal: AbortSignal
  /** This adapter's settings only. */
  readonly config: AdapterConfig
  /** Bodies longer than this many bytes are refused (requestJson reads no more); default 256 KiB. */
  readonly maxBodyBytes?: number
}

export interface NormalizeContext {
  readonly now: () => Date
  readonly config: AdapterConfig
}

/** A typed reference extracted from QR text; `kind` names the link form (e.g. 'v2'), shown to the user. */
export interface AdapterLink {
  readonly kind: string
}

export interface CountryAdapter<Link extends AdapterLink = AdapterLink, Raw = unknown> {
  /** 'ru-gosuslugi' */
  readonly id: string
  /** ISO 3166-1 alpha-2 of the issuing country. */
  readonly country: string
  /** Human-readable name, e.g. 'Russia: Gosuslugi'. */
  readonly title: string
  readonly settings: readonly AdapterSetting[]
  /** The only origins (scheme://host[:port]) it may fetch under this configuration. */
  origins(config: AdapterConfig): readonly string[]
  /**
   * Pure. Returns the link, or null when the text is not this adapter's. Throws AdapterError
   * LINK_FORGED for imitations of its links and LINK_UNSUPPORTED / LINK_MALFORMED for its own
   * links in a form it cannot handle. Never does I/O.
   */
  match(input: string): Link | null
  /**
   * Pure. The national record the link designates, in the same form as the record's `sourceRef`,
   * when the link itself names it (a certificate number, a QID); undefined when only the look-up can
   * tell (an opaque uuid). The bridge counts attempts per record under its keyed hash, so every link
   * form and QR variant of one record shares one budget from the first request on.
   */
  recordRef?(link: Link): string | undefined
  /** I/O only: calls the national check API and record source through ctx.fetch. */
  retrieve(link: Link, ctx: AdapterContext): Promise<Raw>
  /** Pure: validates status, expiry and type; maps products; returns the closed, minimal record. */
  normalize(raw: Raw, ctx: NormalizeContext): NormalizedRecord
}
