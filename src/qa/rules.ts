// QA against business rules: where the certificate is accepted at the clock and over time
// (src/rules/acceptance.ts), summed up in one check that names the refusing countries and rules.
import type { DecodedHcert } from '../hcert/decode.ts'
import { acceptance, type CountryAcceptance } from '../rules/acceptance.ts'
import type { RuleSet } from '../rules/types.ts'
import { check } from './catalogue.ts'
import type { CheckResult } from './types.ts'

export interface RulesOutcome {
  readonly checks: CheckResult[]
  readonly acceptance: Record<string, CountryAcceptance>
}

export function rulesChecks(
  decoded: DecodedHcert,
  rules: RuleSet,
  options: { at: Date; countries?: readonly string[]; language?: string },
): RulesOutcome {
  const seconds = (value: number | undefined) => (value === undefined ? undefined : new Date(value * 1000))
  const iat = seconds(decoded.iat)
  const exp = seconds(decoded.exp)
  const result = acceptance(
    rules,
    {
      payload: decoded.payload,
      ...(decoded.iss !== undefined ? { issuerCountry: decoded.iss } : {}),
      ...(iat ? { iat } : {}),
      ...(exp ? { exp } : {}),
    },
    {
      at: options.at,
      ...(options.countries ? { countries: options.countries } : {}),
      ...(options.language ? { language: options.language } : {}),
    },
  )
  const refused = Object.values(result).filter((country) => !country.accepted)
  const message =
    refused.length === 0
      ? `accepted by ${Object.keys(result).length} countr${Object.keys(result).length === 1 ? 'y' : 'ies'}`
      : `refused by ${refused.map((c) => `${c.country} (${c.outside ?? c.failing.map((f) => f.identifier).join(', ')})`).join(', ')}`
  return { checks: [check('RULES_ACCEPTED', refused.length === 0, message)], acceptance: result }
}
