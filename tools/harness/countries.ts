// Part (4): one certificate against the rules of each arrival country of the snapshot.
//
// Two clocks, because a rule snapshot and a certificate live at different times:
//  - the rules date (--at, default the certificate's iat) picks which rules apply: the arrival
//    country's Acceptance rules and the issuing country's Invalidation rules valid at that date,
//    latest version of each (the project's selectRules);
//  - the validation clock the rules evaluate against (external.validationClock) is max(rules date,
//    iat): a certificate cannot be presented before it exists. Evaluating a certificate issued today
//    at 2022-01-15 would make every "at least 14 days after the dose" rule fail for a reason that
//    says nothing about the certificate or the rules (its event would lie in the future).
// So `--at 2022-01-15` answers "would the rules in force on 2022-01-15 accept this certificate when
// presented at issuance?". Every failing or unevaluable rule is kept with its identifier.
import { evaluateRules } from '../../src/rules/evaluate.ts'
import { certificateType } from '../../src/hcert/certificate-type.ts'
import { selectRules } from '../../src/rules/select.ts'
import type { RuleResult, RuleSet } from '../../src/rules/types.ts'

export interface RuleFailure {
  readonly identifier: string
  readonly result: Exclude<RuleResult, 'PASS'>
  /** The rule's English description (or its first one). */
  readonly description?: string
}

export interface CountryVerdict {
  /** 'PASS', or the identifier of the first rule (by identifier) that did not pass. */
  readonly cell: string
  /** Every rule that did not pass (FAIL, or OPEN when it could not be evaluated). */
  readonly failures: readonly RuleFailure[]
  /** How many rules were selected and evaluated. */
  readonly evaluated: number
}

export interface CertificateFacts {
  readonly payload: unknown
  readonly iss?: string
  readonly iat: Date
  readonly exp?: Date
  readonly kid?: string
}

/** The arrival countries of a rule set: every country that publishes Acceptance rules (including EU). */
export function ruleCountries(ruleSet: RuleSet): string[] {
  return [...new Set(ruleSet.rules.filter((r) => r.Type === 'Acceptance').map((r) => r.Country))].sort()
}

export function validationClock(rulesAt: Date, iat: Date): Date {
  return rulesAt.getTime() >= iat.getTime() ? rulesAt : iat
}

export function evaluateCountry(ruleSet: RuleSet, country: string, facts: CertificateFacts, rulesAt: Date): CountryVerdict {
  const rules = selectRules(ruleSet.rules, {
    arrivalCountry: country,
    ...(facts.iss !== undefined ? { issuerCountry: facts.iss } : {}),
    certificateType: certificateType(facts.payload),
    clock: rulesAt,
  })
  const verdict = evaluateRules(rules, {
    payload: facts.payload,
    valueSets: ruleSet.valueSets,
    validationClock: validationClock(rulesAt, facts.iat),
    arrivalCountry: country,
    ...(facts.iss !== undefined ? { issuerCountry: facts.iss } : {}),
    iat: facts.iat,
    ...(facts.exp !== undefined ? { exp: facts.exp } : {}),
    ...(facts.kid !== undefined ? { kid: facts.kid } : {}),
  })
  const failures = verdict.results
    .filter((r) => r.result !== 'PASS')
    .map((r) => ({
      identifier: r.identifier,
      result: r.result as RuleFailure['result'],
      ...(r.description ? { description: r.description } : {}),
    }))
    .sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0))
  return { cell: failures[0]?.identifier ?? 'PASS', failures, evaluated: verdict.results.length }
}
