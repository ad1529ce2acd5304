// Which rules apply to one certificate (DESIGN.md §4): the arrival country's Acceptance rules and the
// issuing country's Invalidation rules, whose CertificateType is the certificate's or 'General',
// valid at the clock (ValidFrom ≤ clock < ValidTo), and of those only the latest Version of each
// Identifier. The validity window is applied before picking the latest version, so a version that
// only starts tomorrow does not hide today's one.
import { RulesError } from './errors.ts'
import { compareVersionText } from './semver.ts'
import type { DccCertificateType, Rule } from './types.ts'

export interface RuleSelection {
  /** ISO 3166-1 alpha-2 of the country the holder arrives in; no Acceptance rules without it. */
  readonly arrivalCountry?: string
  /** Sub-national region of the arrival country; rules with a Region apply only when it matches. */
  readonly arrivalRegion?: string
  /** ISO 3166-1 alpha-2 of the issuer (the CWT's iss); no Invalidation rules without it. */
  readonly issuerCountry?: string
  /** The certificate's type, or undefined when it has no single event (then only General rules). */
  readonly certificateType: DccCertificateType | undefined
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
    rule.Type === 'Acceptance'
      ? sameCountry(rule.Country, selection.arrivalCountry)
      : sameCountry(rule.Country, selection.issuerCountry)
  if (!country) return false
  if (rule.Type === 'Acceptance' && rule.Region !== undefined && rule.Region !== selection.arrivalRegion) return false
  if (rule.CertificateType !== 'General' && rule.CertificateType !== selection.certificateType) return false
  return Date.parse(rule.ValidFrom) <= clock && clock < Date.parse(rule.ValidTo)
}

function sameCountry(ruleCountry: string, wanted: string | undefined): boolean {
  return wanted !== undefined && ruleCountry === wanted.toUpperCase()
}

function byIdentifier(a: Rule, b: Rule): number {
  return a.Identifier < b.Identifier ? -1 : a.Identifier > b.Identifier ? 1 : 0
}

/** The type of a DCC payload from its single non-empty v/t/r entry; undefined when not exactly one. */
export function certificateTypeOf(payload: unknown): DccCertificateType | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const record = payload as Record<string, unknown>
  const present = (key: string) => Array.isArray(record[key]) && (record[key] as unknown[]).length > 0
  const types: [string, DccCertificateType][] = [['v', 'Vaccination'], ['t', 'Test'], ['r', 'Recovery']]
  const found = types.filter(([key]) => present(key))
  return found.length === 1 ? found[0]?.[1] : undefined
}
