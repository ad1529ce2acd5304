// The EU DCC payload (schema 1.3.0) from an adapter's normalized record: the names as bound to the
// holder (fn/gn in the holder's script, fnt/gnt by ICAO 9303), the date of birth, and the one event
// with EU value-set codes, the issuer and the UVCI. The result is checked against the schema before it
// is returned, so nothing invalid reaches the signer.
import type { NormalizedRecord, RecoveryEvent, VaccinationEvent } from './record.ts'
import { DccError } from './errors.ts'
import { codePointLength } from './formats.ts'
import { cyrillicLanguageOf, transliterate, type CyrillicLanguage } from './icao.ts'
import { recoveryWindow } from './recovery-window.ts'
import { validateDcc } from './schema.ts'
import { testEntry } from './test-entry.ts'
import type { DccName, DccPayload, RecoveryEntry, VaccinationEntry } from './types.ts'
import { DISEASE_AGENT, MANUFACTURERS, PROPHYLAXIS, vaccineProduct } from './valuesets.ts'

export const DCC_VERSION = '1.3.0'

export interface BuildPayloadInput {
  readonly record: NormalizedRecord
  /**
   * The registered names (fn/gn), in the holder's own script; `latin` is the register's passport
   * spelling (A–Z, space, hyphen), printed as fnt/gnt instead of a transliteration when present.
   */
  readonly names: {
    readonly familyName: string
    readonly givenName: string
    readonly latin?: { readonly familyName: string; readonly givenName: string }
  }
  /** Certificate issuer (is), at most 80 characters. */
  readonly issuer: string
  /** The certificate's UVCI (ci), see deriveUvci. */
  readonly uvci: string
}

export function buildPayload(input: BuildPayloadInput): DccPayload {
  const { record, issuer, uvci } = input
  const base = { ver: DCC_VERSION, nam: names(input.names, cyrillicLanguageOf(record.country)), dob: record.holder.identity.dateOfBirth }
  const event = record.event
  let payload: DccPayload
  switch (event.type) {
    case 'vaccination':
      payload = { ...base, v: [vaccination(event, issuer, uvci)] }
      break
    case 'recovery':
      payload = { ...base, r: [recovery(event, issuer, uvci)] }
      break
    case 'test':
      payload = { ...base, t: [testEntry(event, issuer, uvci)] }
      break
    default:
      throw new DccError('DCC_PAYLOAD', 'The record holds an event type the DCC does not know.')
  }
  const result = validateDcc(payload)
  if (!result.valid) {
    const paths = result.errors.map((error) => error.path || '/').join(', ')
    throw new DccError('DCC_PAYLOAD', `The record does not make a valid EU DCC (${paths}).`)
  }
  return payload
}

function names(bound: BuildPayloadInput['names'], language: CyrillicLanguage): DccName {
  const familyName = bound.familyName.trim()
  const givenName = bound.givenName.trim()
  const nam: { fn?: string; fnt?: string; gn?: string; gnt?: string } = {}
  if (familyName) {
    nam.fn = checkedName(familyName)
    nam.fnt = bound.latin ? passportSpelling(bound.latin.familyName) : checkedTransliteration(familyName, language)
  }
  if (givenName) {
    nam.gn = checkedName(givenName)
    nam.gnt = bound.latin ? passportSpelling(bound.latin.givenName) : checkedTransliteration(givenName, language)
  }
  if (nam.fnt === undefined && nam.gnt === undefined)
    throw new DccError('DCC_NAME', 'The holder has neither a family name nor a given name.')
  return nam
}

/** A passport's Latin spelling in the ICAO 9303 field form: spaces and hyphens become '<'. */
function passportSpelling(name: string): string {
  const field = name.trim().toUpperCase().replace(/[ -]+/g, '<')
  if (!/^[A-Z<]{1,80}$/.test(field)) throw new DccError('DCC_NAME', "The register's passport spelling is not in the ICAO 9303 charset.")
  return field
}

function checkedName(name: string): string {
  if (codePointLength(name) > 80) throw new DccError('DCC_NAME', 'A name is longer than the 80 characters a DCC holds.')
  return name
}

function checkedTransliteration(name: string, language: CyrillicLanguage): string {
  const standard = transliterate(name, { language })
  if (standard === '') throw new DccError('DCC_NAME', 'A name has no letters that ICAO 9303 transliteration can write.')
  return standard
}

function vaccination(event: VaccinationEvent, issuer: string, uvci: string): VaccinationEntry {
  const product = vaccineProduct(event.product)
  if (!product) throw new DccError('DCC_PAYLOAD', 'The vaccine product is not in the EU value set.')
  if (event.manufacturer !== product.ma) {
    throw new DccError('DCC_PAYLOAD', 'The vaccine manufacturer is not the one the EU encoding instructions give for the product.')
  }
  if (PROPHYLAXIS[event.prophylaxis] === undefined || MANUFACTURERS[event.manufacturer] === undefined) {
    throw new DccError('DCC_PAYLOAD', 'The vaccine prophylaxis or manufacturer is not in the EU value sets.')
  }
  return {
    tg: DISEASE_AGENT.COVID_19,
    vp: event.prophylaxis,
    mp: event.product,
    ma: event.manufacturer,
    dn: event.doseNumber,
    sd: event.totalDoses,
    dt: event.date,
    co: event.country,
    is: issuer,
    ci: uvci,
  }
}

/** The EU window (recovery-window.ts): df from fr + 11 days, du at most fr + 180 days. */
function recovery(event: RecoveryEvent, issuer: string, uvci: string): RecoveryEntry {
  const { df, du } = recoveryWindow(event)
  return { tg: DISEASE_AGENT.COVID_19, fr: event.firstPositive, co: event.country, is: issuer, df, du, ci: uvci }
}
