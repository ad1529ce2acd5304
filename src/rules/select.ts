// Which rules apply to one certificate (DESIGN.md §4): the arrival country's Acceptance rules and the
// issuing country's Invalidation rules, whose CertificateType is the certificate's or 'General',
// valid at the clock (ValidFrom ≤ clock < ValidTo), and of those only the latest Version of each
// Identifier. The validity window is applied before picking the latest version, so a version that
// only starts tomorrow does not hide today's one.
import type { CertificateType } from '../hcert/certificate-type.ts'
import { RulesError } from './errors.ts'
import { compareVersionText } from './semver.ts'
import type { Rule, RuleCertificateType } from './types.ts'

export interface RuleSelection {
  /** ISO 3166-1 alpha-2 of the country the holder arrives in; no Acceptance rules without it. */
  readonly arrivalCountry?: string
  /** Sub-national region of the arrival country; rules with a Region apply only when it matches. */
  readonly arrivalRegion?: string
  /** ISO 3166-1 alpha-2 of the issuer (the CWT's iss); no Invalidation rules without it. */
  readonly issuerCountry?: string
  /** The certificate's type (src/hcert's certificateType), or undefined when it has no single event (then only General rules). */
  readonly certificateType: CertificateType | undefined
  readonly clock: Date
}

export function selectRules(rules: readonly Rule[], selection: RuleSelection): Rule[] {
  const clock = selection.clock.getTime()
  if (Number.isNaN(clock)) throw new RulesError('RULES_CONTEXT_INVALID', 'the validation clock is not a date')
  const latest = new Map<string, Rule>()
  for (const rule of rules) {
    if (!appliesTo(rule, selection, clock)) continue
    const key = `${rule.Country}\u0000${rule.Identifier}`
    const current = latest.get(key)
    if (!current || compareVersionText(rule.Version, current.Version) > 0) latest.set(key, rule)
  }
  return [...latest.values()].sort(byIdentifier)
}

function appliesTo(rule: Rule, selection: RuleSelection, clock: number): boolean {
  const country =
    rule.Type === 'Acceptance' ? sameCountry(rule.Country, selection.arrivalCountry) : sameCountry(rule.Country, selection.issuerCountry)
  if (!country) return false
  if (rule.Type === 'Acceptance' && rule.Region !== undefined && rule.Region !== selection.arrivalRegion) return false
  const type = selection.certificateType
  if (rule.CertificateType !== 'General' && (type === undefined || rule.CertificateType !== RULE_SPELLING[type])) return false
  return Date.parse(rule.ValidFrom) <= clock && clock < Date.parse(rule.ValidTo)
}

/** The rule files spell the certificate types with a capital letter. */
const RULE_SPELLING: Readonly<Record<CertificateType, Exclude<RuleCertificateType, 'General'>>> = {
  vaccination: 'Vaccination',
  test: 'Test',
  recovery: 'Recovery',
}

function sameCountry(ruleCountry: string, wanted: string | undefined): boolean {
  return wanted !== undefined && ruleCountry === wanted.toUpperCase()
}

function byIdentifier(a: Rule, b: Rule): number {
  return a.Identifier < b.Identifier ? -1 : a.Identifier > b.Identifier ? 1 : 0
}
