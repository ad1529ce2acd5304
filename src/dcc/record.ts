// The closed, minimal record every adapter's `normalize` returns: what crosses the boundary.
// Nothing else leaves an adapter; the contract suite compares records with strict equality, so an
// extra field fails. Event fields are already EU value-set codes: mapping national products is the
// adapter's job, and an unknown product is refused with PRODUCT_UNMAPPED, never guessed.

/**
 * The holder's identity as the national register holds it, from the authenticated record source.
 * This, and only this, is what the DCC states (`fn`/`gn`, `fnt`/`gnt`, `dob`): the requester's claim
 * is used only to bind to it, never copied into the certificate.
 */
export interface RegisteredIdentity {
  /** In the national script, with diacritics (e.g. 'Фёдоров', 'Nguyễn'). */
  readonly familyName: string
  readonly givenName: string
  /** Where the register holds one (Russia); never printed in the DCC, used for binding only. */
  readonly patronymic?: string
  /**
   * The Latin spelling of the holder's foreign passport, where the register has it, in the ICAO 9303
   * charset (A–Z, space, hyphen): it becomes `fnt`/`gnt` as it stands, instead of a transliteration.
   */
  readonly latin?: { readonly familyName: string; readonly givenName: string }
  /** YYYY-MM-DD, or partial YYYY-MM / YYYY as the DCC schema allows. */
  readonly dateOfBirth: string
}

/**
 * What the public side shows of the holder (the check API's masks, the QR's own text). It proves
 * nothing on its own; the bridge checks that it describes the registered person, and refuses a
 * record whose public and registered data disagree.
 */
export interface ShownHolder {
  readonly name?: HolderName
  /** As shown: YYYY-MM-DD, partial, or with '*' for masked digits (e.g. '1965-**-**'). */
  readonly dateOfBirth?: string
  /** The document number as the source masks it (e.g. '92** ***118'): the claim must match it. */
  readonly documentMask?: string
}

export interface NormalizedHolder {
  readonly identity: RegisteredIdentity
  readonly shown: ShownHolder
}

export type HolderName =
  /** Masked word by word, first letter then one '*' per further letter: ['И****', 'И****', 'И*******']
   *  in the order family name, given name, patronymic; Latin masks beside when the source has them. */
  | { readonly form: 'masked'; readonly words: readonly string[]; readonly latinWords?: readonly string[] }
  /** In clear, family name first, as the public side prints it (e.g. the Vietnamese QR's 'NGUYEN VAN A'). */
  | { readonly form: 'clear'; readonly fullName: string }

export interface VaccinationEvent {
  readonly type: 'vaccination'
  /** EU value sets: medicinal product (mp), marketing authorisation holder (ma), prophylaxis (vp). */
  readonly product: string
  readonly manufacturer: string
  readonly prophylaxis: string
  readonly doseNumber: number
  readonly totalDoses: number
  /** YYYY-MM-DD */
  readonly date: string
  /** ISO 3166-1 alpha-2 where the dose was given. */
  readonly country: string
}

export interface RecoveryEvent {
  readonly type: 'recovery'
  /** YYYY-MM-DD of the first positive test. */
  readonly firstPositive: string
  /** YYYY-MM-DD, the recovery certificate's validity as the national record states it. */
  readonly validFrom: string
  readonly validUntil: string
  readonly country: string
}

export interface TestEvent {
  readonly type: 'test'
  /** EU value set test-type: 'LP6464-4' (NAAT/PCR) or 'LP217198-3' (rapid antigen). */
  readonly testType: string
  /** NAAT: the test's name (nm); RAT: the device identifier from the EU list (ma). */
  readonly testName?: string
  readonly device?: string
  /** ISO 8601 date-time with offset, e.g. '2021-10-01T08:30:00+03:00'. */
  readonly sampledAt: string
  /** EU value set test-result: '260415000' not detected, '260373001' detected. */
  readonly result: string
  /** Testing centre or facility (tc). */
  readonly centre: string
  readonly country: string
}

export type NormalizedEvent = VaccinationEvent | RecoveryEvent | TestEvent

export interface NormalizedRecord {
  /** ISO 3166-1 alpha-2 of the country whose system issued the national certificate. */
  readonly country: string
  /**
   * Identifies the national record (e.g. 'ru-gosuslugi:unrz:<id>'). Sensitive: it contains the
   * national identifier, so it is hashed with a key before anything stores it, and never logged or
   * shown. Same record → same sourceRef, whatever link form reached it.
   */
  readonly sourceRef: string
  readonly holder: NormalizedHolder
  readonly event: NormalizedEvent
  /** YYYY-MM-DD: the national certificate's own expiry, when it has one. */
  readonly expiresOn?: string
}

/** What the citizen says of themself when asking for a DCC. */
export interface HolderClaim {
  readonly familyName: string
  readonly givenName: string
  readonly patronymic?: string
  readonly dateOfBirth: string
  readonly documentNumber?: string
}
