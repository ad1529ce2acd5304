// Evaluation of selected rules with certlogic-js. The data object is the one the EU business rules
// are written against: { payload: <DCC JSON>, external: { valueSets, validationClock, countryCode,
// exp, iat, issuerCountryCode, kid?, region? } } with date-times as ISO strings. A rule passes when its
// Logic gives exactly true and fails on false; anything else (a thrown error, a non-boolean) is OPEN,
// so one broken rule never turns into an untyped exception. The engine's own error text is dropped:
// it may quote payload values such as a date of birth.
import { evaluate } from 'certlogic-js'
import { RulesError } from './errors.ts'
import type { Rule, RuleOutcome, RulesVerdict, ValueSets } from './types.ts'

export interface RulesContext {
  /** The DCC JSON (claim -260 / 1 of the CWT). */
  readonly payload: unknown
  readonly valueSets: ValueSets
  readonly validationClock: Date
  /** Arrival country (external.countryCode). */
  readonly arrivalCountry?: string
  readonly arrivalRegion?: string
  /** Issuing country, the CWT's iss (external.issuerCountryCode). */
  readonly issuerCountry?: string
  /** CWT issued-at and expiry. */
  readonly iat?: Date
  readonly exp?: Date
  /** Base64 kid of the signer, for rules that read it. */
  readonly kid?: string
}

export interface CertLogicData {
  readonly payload: unknown
  readonly external: Readonly<Record<string, unknown>>
}

/** The data object CertLogic rules read, built from the context. */
export function certLogicData(context: RulesContext): CertLogicData {
  const external: Record<string, unknown> = {
    valueSets: context.valueSets,
    validationClock: isoDateTime(context.validationClock, 'validation clock'),
    countryCode: context.arrivalCountry?.toUpperCase() ?? null,
    issuerCountryCode: context.issuerCountry?.toUpperCase() ?? null,
    iat: context.iat === undefined ? null : isoDateTime(context.iat, 'iat'),
    exp: context.exp === undefined ? null : isoDateTime(context.exp, 'exp'),
  }
  if (context.arrivalRegion !== undefined) external.region = context.arrivalRegion
  if (context.kid !== undefined) external.kid = context.kid
  return { payload: context.payload ?? null, external }
}

/** Evaluates one rule's Logic against a data object: PASS, FAIL or OPEN with a reason code. */
export function evaluateRule(rule: Rule, data: CertLogicData): RuleOutcome {
  const base = {
    identifier: rule.Identifier,
    type: rule.Type,
    country: rule.Country,
    version: rule.Version,
    description: englishDescription(rule),
  }
  let value: unknown
  try {
    value = evaluate(rule.Logic as never, data)
  } catch {
    return { ...base, result: 'OPEN', reason: 'EVALUATION_ERROR' }
  }
  if (value === true) return { ...base, result: 'PASS' }
  if (value === false) return { ...base, result: 'FAIL' }
  return { ...base, result: 'OPEN', reason: 'NON_BOOLEAN_RESULT' }
}

/** Evaluates every given rule; passed only when all of them PASS. */
export function evaluateRules(rules: readonly Rule[], context: RulesContext): RulesVerdict {
  const data = certLogicData(context)
  const results = rules.map((rule) => evaluateRule(rule, data))
  return { passed: results.every((outcome) => outcome.result === 'PASS'), results }
}

export function englishDescription(rule: Rule): string {
  const english = rule.Description.find((entry) => entry.lang.toLowerCase() === 'en')
  return (english ?? rule.Description[0])?.desc ?? ''
}

function isoDateTime(date: Date, what: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RulesError('RULES_CONTEXT_INVALID', `the ${what} is not a date`)
  }
  return date.toISOString()
}
