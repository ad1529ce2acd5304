import { describe, expect, it } from 'vitest'
import type { Rule, RuleSet } from '../../src/rules/types.ts'
import { evaluateCountry, ruleCountries, validationClock } from './countries.ts'

function rule(identifier: string, country: string, logic: unknown, validFrom = '2021-06-01T00:00:00Z'): Rule {
  return {
    Identifier: identifier,
    Type: 'Acceptance',
    Country: country,
    Version: '1.0.0',
    SchemaVersion: '1.0.0',
    Engine: 'CERTLOGIC',
    EngineVersion: '0.7.5',
    CertificateType: 'Vaccination',
    Description: [{ lang: 'en', desc: identifier }],
    ValidFrom: validFrom,
    ValidTo: '2030-06-01T00:00:00Z',
    AffectedFields: ['v.0'],
    Logic: logic,
  }
}

const EMA = { in: [{ var: 'payload.v.0.mp' }, ['EU/1/20/1528', 'EU/1/21/1529']] }
// At least 14 days after the dose at the validation clock.
const FOURTEEN_DAYS = {
  'not-before': [{ plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }, { plusTime: [{ var: 'payload.v.0.dt' }, 14, 'day'] }],
}
const ruleSet: RuleSet = {
  rules: [rule('VR-EU-0001', 'EU', EMA), rule('VR-XX-0003', 'XX', FOURTEEN_DAYS), rule('VR-XX-0009', 'XX', false, '2025-01-01T00:00:00Z')],
  valueSets: {},
}
const iat = new Date('2026-11-24T10:00:00Z')
const payload = (mp: string, dt = '2026-10-01') => ({ v: [{ mp, dt, dn: 2, sd: 2 }] })

describe('evaluateCountry', () => {
  it('names the failing rule for a product outside the list and passes one inside', () => {
    expect(evaluateCountry(ruleSet, 'EU', { payload: payload('Sputnik-V'), iat }, iat)).toEqual({
      cell: 'VR-EU-0001',
      failures: [{ identifier: 'VR-EU-0001', result: 'FAIL', description: 'VR-EU-0001' }],
      evaluated: 1,
    })
    expect(evaluateCountry(ruleSet, 'EU', { payload: payload('EU/1/20/1528'), iat }, iat).cell).toBe('PASS')
  })

  it('selects the rules valid at the rules date and lists every failure', () => {
    const fresh = { payload: payload('EU/1/20/1528', '2026-11-20'), iat }
    const now = evaluateCountry(ruleSet, 'XX', fresh, iat)
    expect(now.failures).toEqual([
      { identifier: 'VR-XX-0003', result: 'FAIL', description: 'VR-XX-0003' },
      { identifier: 'VR-XX-0009', result: 'FAIL', description: 'VR-XX-0009' },
    ])
    const in2022 = evaluateCountry(ruleSet, 'XX', fresh, new Date('2022-01-15T12:00:00Z'))
    expect(in2022.failures.map((f) => f.identifier)).toEqual(['VR-XX-0003']) // VR-XX-0009 starts in 2025
  })

  it('evaluates at max(rules date, iat): a 2022 rules date does not put the dose in the future', () => {
    const facts = { payload: payload('EU/1/20/1528', '2026-10-01'), iat }
    expect(evaluateCountry(ruleSet, 'XX', facts, new Date('2022-01-15T12:00:00Z')).cell).toBe('PASS')
    expect(validationClock(new Date('2022-01-15T12:00:00Z'), iat)).toBe(iat)
    const later = new Date('2027-01-01T00:00:00Z')
    expect(validationClock(later, iat)).toBe(later)
  })

  it('a country without rules for the type passes by absence, with 0 rules evaluated', () => {
    expect(evaluateCountry(ruleSet, 'DE', { payload: payload('Sputnik-V'), iat }, iat)).toEqual({
      cell: 'PASS',
      failures: [],
      evaluated: 0,
    })
  })

  it('lists the arrival countries of a rule set', () => {
    expect(ruleCountries(ruleSet)).toEqual(['EU', 'XX'])
  })
})
