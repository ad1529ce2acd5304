// The shapes acceptance.ts and acceptance-timeline.ts share: a certificate as the rules read it, and
// a window of time in which a country accepts it. Apart, so that the timeline needs nothing else of
// acceptance.ts.

export interface AcceptanceCertificate {
  /** The DCC JSON (claim -260/1). */
  readonly payload: unknown
  /** The CWT iss: its Invalidation rules apply too. */
  readonly issuerCountry?: string
  readonly iat?: Date
  readonly exp?: Date
  /** Base64 kid, for rules that read it. */
  readonly kid?: string
}

export interface AcceptanceWindow {
  /** First instant accepted (ISO 8601), or null when accepted since before every rule and date. */
  readonly from: string | null
  /** Last instant accepted (ISO 8601), or null when no rule or date ends it. */
  readonly until: string | null
}
