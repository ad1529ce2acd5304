// QA of the codes: the entry's value-set codes (tg; mp, ma, vp and their agreement per the EU vaccine
// encoding instructions; tt, tr; co), deprecated codes, the issuer text, the CWT iss against the
// country list and the folder's claim, and the UVCI's syntax, country and Luhn mod 38 check character.
import { COUNTRY_CODES, DISEASE_AGENTS, MANUFACTURERS, PROPHYLAXIS, TEST_RESULTS, TEST_TYPES, vaccineProduct } from '../dcc/valuesets.ts'
import { uvciCheckCharacter } from '../dcc/uvci.ts'
import { check } from './catalogue.ts'
import { safe } from './schema.ts'
import type { CheckResult, Claims } from './types.ts'

/** The generic vp every product may carry (encoding instructions: "sct-codes"). */
const GENERIC_VACCINE = '28531000087107'
const DEPRECATED_VP = 'J07BX03'
/** URN:UVCI: is optional; version and country may be joined (01DE/…) or separated by ':' or '/'. */
const UVCI = /^(?:URN:UVCI:)?(\d{2})[:/]?([A-Z]{2})[:/]([A-Z0-9/:]+?)(?:#([A-Z0-9/:]))?$/

export interface Entry {
  readonly group: 'v' | 't' | 'r'
  readonly fields: Readonly<Record<string, unknown>>
}

/** The single v/t/r entry of a payload, when there is one. */
export function entryOf(payload: unknown): Entry | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  for (const group of ['v', 't', 'r'] as const) {
    const list = (payload as Record<string, unknown>)[group]
    if (Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null) return { group, fields: list[0] as Record<string, unknown> }
  }
  return undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

function codeCheck(code: string, field: string, value: unknown, set: Readonly<Record<string, string>> | ReadonlySet<string>): CheckResult {
  const known = typeof value === 'string' && (set instanceof Set ? set.has(value) : Object.hasOwn(set, value))
  return check(
    code,
    known,
    known ? `${field} ${String(value)}` : `${field} ${typeof value === 'string' ? `"${safe(value)}"` : 'missing'} is not in the value set`,
  )
}

export function valueSetChecks(payload: unknown, iss: string | undefined, claims: Claims): CheckResult[] {
  const checks: CheckResult[] = []
  const entry = entryOf(payload)
  if (entry) {
    const f = entry.fields
    checks.push(codeCheck('VS_DISEASE', 'tg', f.tg, DISEASE_AGENTS))
    if (entry.group === 'v') checks.push(...vaccineChecks(f))
    if (entry.group === 't')
      checks.push(codeCheck('VS_TEST_TYPE', 'tt', f.tt, TEST_TYPES), codeCheck('VS_TEST_RESULT', 'tr', f.tr, TEST_RESULTS))
    checks.push(codeCheck('VS_COUNTRY', 'co', f.co, COUNTRY_CODES))
    const issuer = text(f.is)?.trim()
    checks.push(check('VS_ISSUER', Boolean(issuer), issuer ? 'is names the issuer' : 'is is missing or blank'))
    checks.push(...uvciChecks(text(f.ci), iss))
  }
  const issKnown = iss !== undefined && COUNTRY_CODES.has(iss)
  checks.push(
    check(
      'ISS_COUNTRY',
      issKnown,
      issKnown ? `iss ${iss}` : iss === undefined ? 'the CWT has no iss' : `iss ${safe(iss)} is not a country code`,
    ),
  )
  if (claims.country !== undefined) {
    const same = iss === claims.country
    checks.push(
      check(
        'ISS_CLAIMED_COUNTRY',
        same,
        same ? `iss ${iss} as claimed` : `iss ${iss === undefined ? 'missing' : safe(iss)}, the folder claims ${safe(claims.country)}`,
      ),
    )
  }
  return checks
}

function vaccineChecks(f: Readonly<Record<string, unknown>>): CheckResult[] {
  const mp = text(f.mp)
  const ma = text(f.ma)
  const vp = text(f.vp)
  const product = mp === undefined ? undefined : vaccineProduct(mp)
  const checks = [
    check(
      'VS_VACCINE_PRODUCT',
      product !== undefined,
      product ? `mp ${product.mp} (${product.display})` : `mp ${mp === undefined ? 'missing' : safe(mp)} is not in the value set`,
    ),
    codeCheck('VS_MANUFACTURER', 'ma', ma, MANUFACTURERS),
    codeCheck('VS_PROPHYLAXIS', 'vp', vp, PROPHYLAXIS),
  ]
  if (product && ma !== undefined && vp !== undefined && Object.hasOwn(MANUFACTURERS, ma) && Object.hasOwn(PROPHYLAXIS, vp)) {
    const wrong = [
      ...(ma !== product.ma ? [`ma ${ma} (expected ${product.ma})`] : []),
      ...(vp !== product.vp && vp !== GENERIC_VACCINE && vp !== DEPRECATED_VP
        ? [`vp ${vp} (expected ${product.vp} or ${GENERIC_VACCINE})`]
        : []),
    ]
    checks.push(
      check(
        'VS_PRODUCT_CONSISTENT',
        wrong.length === 0,
        wrong.length === 0 ? `${product.display}: ma and vp as instructed` : `${product.display} with ${wrong.join(', ')}`,
      ),
    )
  }
  const deprecated = [...(vp === DEPRECATED_VP ? [`vp ${DEPRECATED_VP}`] : []), ...(product?.deprecated ? [`mp ${product.mp}`] : [])]
  checks.push(
    check(
      'VS_DEPRECATED',
      deprecated.length === 0,
      deprecated.length === 0 ? 'no deprecated code' : `deprecated: ${deprecated.join(', ')}`,
    ),
  )
  return checks
}

function uvciChecks(ci: string | undefined, iss: string | undefined): CheckResult[] {
  // Letters are read case-insensitively (some issuers write lowercase UVCIs; the message says so).
  const match = ci === undefined ? null : UVCI.exec(ci.toUpperCase())
  if (!ci || !match) return [check('UVCI_SYNTAX', false, ci ? 'ci is not a UVCI (URN:UVCI:01:CC:…)' : 'ci is missing')]
  const lower = ci !== ci.toUpperCase()
  const checks = [
    check(
      'UVCI_SYNTAX',
      ci.length <= 80,
      ci.length > 80
        ? 'the UVCI is longer than 80 characters'
        : lower
          ? 'UVCI syntax, with lowercase letters (the guidelines use A-Z)'
          : 'UVCI syntax',
    ),
  ]
  const country = match[2]!
  const countryOk = iss === undefined || country === iss
  checks.push(check('UVCI_COUNTRY', countryOk, countryOk ? `UVCI country ${country}` : `UVCI country ${country}, iss ${safe(iss ?? '')}`))
  const given = match[4]
  const expected = uvciCheckCharacter(ci.toUpperCase().slice(0, ci.length - (given === undefined ? 0 : 2)))
  checks.push(
    check(
      'UVCI_CHECKSUM',
      given !== undefined && given === expected,
      given === undefined ? 'no check character' : given === expected ? 'check character right' : 'the check character is wrong',
    ),
  )
  return checks
}
