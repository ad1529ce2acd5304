// Where a certificate is accepted, and when: the business rules of each arrival country evaluated
// over time, not only at one clock. Rules only change their answer when the validation clock crosses
// a rule's ValidFrom/ValidTo or a date of the certificate shifted by one of the rules' plusTime
// amounts (e.g. dt + 14 days), so the timeline is cut at those instants and probed once at each cut
// and once inside each gap. The answer per country: accepted at `at`, the acceptance windows (from =
// first instant accepted, until = last instant accepted, both inclusive; null = unbounded), and the
// rules that fail at `at` with their description in the asked language (English as the fallback,
// flagged) and the part of their logic that failed. Web APIs only: used by the CLI, the API and pages.
import { evaluate } from 'certlogic-js'
import { certificateType } from '../hcert/certificate-type.ts'
import { certLogicData, type CertLogicData, type RulesContext } from './evaluate.ts'
import { failingLogic } from './failing-logic.ts'
import { selectRules } from './select.ts'
import { contains, cutPoints, lifetime, windowsOf } from './acceptance-timeline.ts'
import type { OpenReason, Rule, RuleSet } from './types.ts'
import type { AcceptanceCertificate, AcceptanceWindow } from './acceptance-types.ts'

export type { AcceptanceCertificate, AcceptanceWindow } from './acceptance-types.ts'

export interface AcceptanceOptions {
  /** The instant `accepted` and `failing` answer for. */
  readonly at: Date
  /** Arrival countries (ISO alpha-2 or EU); default every country with Acceptance rules. */
  readonly countries?: readonly string[]
  /** Language of the rule descriptions (e.g. 'de'); English when absent or not provided. */
  readonly language?: string
}

export interface RuleDescriptionText {
  readonly text: string
  /** The language of `text`. */
  readonly language: string
  /** True when the asked language was not available and another one (English first) is given. */
  readonly fallback: boolean
}

export interface FailingRule {
  readonly identifier: string
  readonly version: string
  readonly type: Rule['Type']
  readonly country: string
  readonly description: RuleDescriptionText
  readonly result: 'FAIL' | 'OPEN'
  readonly reason?: OpenReason
  /** The sub-expression of the Logic that gave the failing answer, in a compact notation. */
  readonly failingLogic: string
}

export interface CountryAcceptance {
  readonly country: string
  /** True when every rule passes at `at` and `at` lies within the certificate's iat … exp. */
  readonly accepted: boolean
  /** Set when `at` lies before the certificate's issuance (or first date) or after its CWT exp. */
  readonly outside?: 'NOT_YET_ISSUED' | 'EXPIRED'
  /** The window holding `at`, else the next one after it, else the last one before it. */
  readonly from: string | null
  readonly until: string | null
  readonly windows: readonly AcceptanceWindow[]
  /** Rules that applied at `at` (0: nothing applied, accepted by absence). */
  readonly rulesEvaluated: number
  /** Rules that did not pass at `at`. */
  readonly failing: readonly FailingRule[]
}

/** Arrival countries that publish Acceptance rules, sorted. */
export function acceptanceCountries(ruleSet: RuleSet): string[] {
  return [...new Set(ruleSet.rules.filter((rule) => rule.Type === 'Acceptance').map((rule) => rule.Country))].sort()
}

/** The rule's description in `language`, else English, else the first one; `fallback` says so. */
export function ruleDescription(rule: Rule, language = 'en'): RuleDescriptionText {
  const wanted = language.toLowerCase()
  const find = (lang: string) => rule.Description.find((entry) => entry.lang.toLowerCase() === lang)
  const exact = find(wanted)
  if (exact) return { text: exact.desc, language: exact.lang.toLowerCase(), fallback: false }
  const other = find('en') ?? rule.Description[0]
  return { text: other?.desc ?? '', language: other?.lang.toLowerCase() ?? 'en', fallback: true }
}

/** Acceptance by each arrival country, over time. */
export function acceptance(
  ruleSet: RuleSet,
  certificate: AcceptanceCertificate,
  options: AcceptanceOptions,
): Record<string, CountryAcceptance> {
  const at = options.at.getTime()
  if (Number.isNaN(at)) throw new RangeError('the acceptance clock is not a date')
  const countries = (options.countries ?? acceptanceCountries(ruleSet)).map((c) => c.toUpperCase())
  const out: Record<string, CountryAcceptance> = {}
  for (const country of countries) out[country] = countryAcceptance(ruleSet, certificate, country, at, options.language ?? 'en')
  return out
}

function countryAcceptance(
  ruleSet: RuleSet,
  certificate: AcceptanceCertificate,
  country: string,
  at: number,
  language: string,
): CountryAcceptance {
  const type = certificateType(certificate.payload)
  const issuer = certificate.issuerCountry?.toUpperCase()
  const relevant = ruleSet.rules.filter(
    (rule) => (rule.Type === 'Acceptance' && rule.Country === country) || (rule.Type === 'Invalidation' && rule.Country === issuer),
  )
  const select = (clock: number) =>
    selectRules(relevant, { arrivalCountry: country, issuerCountry: issuer, certificateType: type, clock: new Date(clock) })
  const context = (clock: number): RulesContext => ({
    payload: certificate.payload,
    valueSets: ruleSet.valueSets,
    validationClock: new Date(clock),
    arrivalCountry: country,
    ...(issuer !== undefined ? { issuerCountry: issuer } : {}),
    ...(certificate.iat ? { iat: certificate.iat } : {}),
    ...(certificate.exp ? { exp: certificate.exp } : {}),
    ...(certificate.kid !== undefined ? { kid: certificate.kid } : {}),
  })
  // A rule that never reads the clock gives the same answer at every instant: evaluate it once.
  const timeless = new Map<Rule, boolean>()
  const passes = (rule: Rule, data: CertLogicData): boolean => {
    const cached = timeless.get(rule)
    if (cached !== undefined) return cached
    const ok = safeEvaluate(rule.Logic, data) === true
    if (!readsClock(rule)) timeless.set(rule, ok)
    return ok
  }
  // Nothing is accepted before the certificate was issued or after it expired.
  const { start, end } = lifetime(certificate)
  const acceptedAt = (clock: number) => {
    if ((start !== undefined && clock < start) || (end !== undefined && clock > end)) return false
    const data = certLogicData(context(clock))
    return select(clock).every((rule) => passes(rule, data))
  }

  const cuts = cutPoints(relevant, certificate).filter((cut) => (start === undefined || cut >= start) && (end === undefined || cut <= end))
  const windows = windowsOf(cuts, acceptedAt)
  const rules = select(at)
  const data = certLogicData(context(at))
  const failing = rules.flatMap((rule) => failingRule(rule, data, language))
  const current = windows.find((w) => contains(w, at)) ?? windows.find((w) => w.from !== null && Date.parse(w.from) > at) ?? windows.at(-1)
  const outside = start !== undefined && at < start ? 'NOT_YET_ISSUED' : end !== undefined && at > end ? 'EXPIRED' : undefined
  return {
    country,
    accepted: failing.length === 0 && outside === undefined,
    ...(outside ? { outside } : {}),
    from: current?.from ?? null,
    until: current?.until ?? null,
    windows,
    rulesEvaluated: rules.length,
    failing,
  }
}

function failingRule(rule: Rule, data: CertLogicData, language: string): FailingRule[] {
  let value: unknown
  let reason: OpenReason | undefined
  try {
    value = evaluate(rule.Logic as never, data)
    if (value !== true && value !== false) reason = 'NON_BOOLEAN_RESULT'
  } catch {
    reason = 'EVALUATION_ERROR'
  }
  if (value === true) return []
  return [
    {
      identifier: rule.Identifier,
      version: rule.Version,
      type: rule.Type,
      country: rule.Country,
      description: ruleDescription(rule, language),
      result: reason ? 'OPEN' : 'FAIL',
      ...(reason ? { reason } : {}),
      failingLogic: failingLogic(rule.Logic, data),
    },
  ]
}

function safeEvaluate(logic: unknown, data: CertLogicData): unknown {
  try {
    return evaluate(logic as never, data)
  } catch {
    return undefined
  }
}

const clockReaders = new WeakMap<Rule, boolean>()
function readsClock(rule: Rule): boolean {
  let reads = clockReaders.get(rule)
  if (reads === undefined) {
    reads = JSON.stringify(rule.Logic).includes('validationClock')
    clockReaders.set(rule, reads)
  }
  return reads
}
