// The EU DCC payload, schema 1.3.x (eu-dcc-schema DCC.combined-schema.json): the holder's names,
// date of birth, and exactly one vaccination, test or recovery entry. Field names are the schema's.

/** Names: fn/gn in the holder's own script, fnt/gnt ICAO 9303 transliterations (^[A-Z<]*$, ≤ 80). */
export interface DccName {
  /** Surname(s) as written in the holder's script, ≤ 80. */
  readonly fn?: string
  /** Standardised surname(s), ICAO 9303. */
  readonly fnt?: string
  /** Forename(s) as written in the holder's script, ≤ 80. */
  readonly gn?: string
  /** Standardised forename(s), ICAO 9303. */
  readonly gnt?: string
}

export interface VaccinationEntry {
  /** Disease or agent targeted: '840539006' (COVID-19). */
  readonly tg: string
  /** Vaccine or prophylaxis (vaccine-prophylaxis value set). */
  readonly vp: string
  /** Vaccine medicinal product (vaccine-medicinal-product value set). */
  readonly mp: string
  /** Marketing authorisation holder or manufacturer (vaccine-mah-manf value set). */
  readonly ma: string
  /** Dose number, ≥ 1. */
  readonly dn: number
  /** Total doses in the series, ≥ 1. */
  readonly sd: number
  /** Date of vaccination, YYYY-MM-DD. */
  readonly dt: string
  /** Country of vaccination (ISO 3166-1 alpha-2 where possible). */
  readonly co: string
  /** Certificate issuer, ≤ 80. */
  readonly is: string
  /** Unique certificate identifier (UVCI), ≤ 80. */
  readonly ci: string
}

export interface TestEntry {
  readonly tg: string
  /** Type of test (test-type value set). */
  readonly tt: string
  /** NAA test name, ≤ 80. */
  readonly nm?: string
  /** RAT device identifier (EU common list). */
  readonly ma?: string
  /** Date and time of sample collection, RFC 3339 with offset. */
  readonly sc: string
  /** Test result (test-result value set). */
  readonly tr: string
  /** Testing centre, ≤ 80. */
  readonly tc?: string
  readonly co: string
  readonly is: string
  readonly ci: string
}

export interface RecoveryEntry {
  readonly tg: string
  /** Date of the first positive NAA test, YYYY-MM-DD. */
  readonly fr: string
  readonly co: string
  readonly is: string
  /** Certificate valid from, YYYY-MM-DD. */
  readonly df: string
  /** Certificate valid until, YYYY-MM-DD. */
  readonly du: string
  readonly ci: string
}

interface DccBase {
  /** Schema version, e.g. '1.3.0'. */
  readonly ver: string
  readonly nam: DccName
  /** Date of birth: YYYY-MM-DD, YYYY-MM, YYYY (1900–2099) or empty. */
  readonly dob: string
}

export interface VaccinationDcc extends DccBase {
  readonly v: readonly [VaccinationEntry]
}
export interface TestDcc extends DccBase {
  readonly t: readonly [TestEntry]
}
export interface RecoveryDcc extends DccBase {
  readonly r: readonly [RecoveryEntry]
}

export type DccPayload = VaccinationDcc | TestDcc | RecoveryDcc

/** One schema violation: a JSON pointer-like path ('/v/0/dn') and what is wrong there. */
export interface DccSchemaError {
  path: string
  message: string
}

export interface DccValidation {
  valid: boolean
  errors: DccSchemaError[]
}
