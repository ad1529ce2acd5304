import { describe, expect, it } from 'vitest'
import { RulesError } from './errors.ts'
import { selectRules, type RuleSelection } from './select.ts'
import { makeRule } from './test-rule.ts'

const at = (iso: string) => new Date(iso)
const base: RuleSelection = {
  arrivalCountry: 'XX',
  issuerCountry: 'YY',
  certificateType: 'vaccination',
  clock: at('2022-01-01T00:00:00Z'),
}
const ids = (rules: readonly { Identifier: string; Version: string }[]) => rules.map((r) => `${r.Identifier}@${r.Version}`)

describe('selectRules', () => {
  it("takes the arrival country's Acceptance rules and the issuer's Invalidation rules only", () => {
    const rules = [
      makeRule({ Identifier: 'A-XX', Country: 'XX', Type: 'Acceptance' }),
      makeRule({ Identifier: 'I-XX', Country: 'XX', Type: 'Invalidation' }),
      makeRule({ Identifier: 'A-YY', Country: 'YY', Type: 'Acceptance' }),
      makeRule({ Identifier: 'I-YY', Country: 'YY', Type: 'Invalidation' }),
      makeRule({ Identifier: 'A-ZZ', Country: 'ZZ', Type: 'Acceptance' }),
    ]
    expect(ids(selectRules(rules, base))).toEqual(['A-XX@1.0.0', 'I-YY@1.0.0'])
    expect(ids(selectRules(rules, { ...base, arrivalCountry: 'xx' }))).toEqual(['A-XX@1.0.0', 'I-YY@1.0.0'])
    expect(ids(selectRules(rules, { ...base, arrivalCountry: undefined }))).toEqual(['I-YY@1.0.0'])
    expect(ids(selectRules(rules, { ...base, issuerCountry: undefined }))).toEqual(['A-XX@1.0.0'])
  })

  it("keeps rules of the certificate's type and General ones", () => {
    const rules = [
      makeRule({ Identifier: 'G', CertificateType: 'General' }),
      makeRule({ Identifier: 'V', CertificateType: 'Vaccination' }),
      makeRule({ Identifier: 'T', CertificateType: 'Test' }),
      makeRule({ Identifier: 'R', CertificateType: 'Recovery' }),
    ]
    expect(ids(selectRules(rules, base))).toEqual(['G@1.0.0', 'V@1.0.0'])
    expect(ids(selectRules(rules, { ...base, certificateType: 'test' }))).toEqual(['G@1.0.0', 'T@1.0.0'])
    expect(ids(selectRules(rules, { ...base, certificateType: undefined }))).toEqual(['G@1.0.0'])
  })

  it('applies ValidFrom ≤ clock < ValidTo', () => {
    const rules = [makeRule({ ValidFrom: '2022-01-01T00:00:00Z', ValidTo: '2022-02-01T00:00:00Z' })]
    expect(selectRules(rules, { ...base, clock: at('2021-12-31T23:59:59.999Z') })).toHaveLength(0)
    expect(selectRules(rules, { ...base, clock: at('2022-01-01T00:00:00Z') })).toHaveLength(1)
    expect(selectRules(rules, { ...base, clock: at('2022-01-31T23:59:59.999Z') })).toHaveLength(1)
    expect(selectRules(rules, { ...base, clock: at('2022-02-01T00:00:00Z') })).toHaveLength(0)
  })

  it('reads ValidFrom with a time-zone offset as the instant it names', () => {
    const rules = [makeRule({ ValidFrom: '2022-01-01T02:00:00+02:00' })]
    expect(selectRules(rules, { ...base, clock: at('2021-12-31T23:59:59Z') })).toHaveLength(0)
    expect(selectRules(rules, { ...base, clock: at('2022-01-01T00:00:00Z') })).toHaveLength(1)
  })

  it('keeps the latest version of each Identifier, comparing versions as numbers', () => {
    const rules = [
      makeRule({ Version: '1.0.9' }),
      makeRule({ Version: '1.0.10' }),
      makeRule({ Version: '1.0.2' }),
      makeRule({ Identifier: 'OTHER', Version: '2.0.0' }),
    ]
    expect(ids(selectRules(rules, base))).toEqual(['OTHER@2.0.0', 'VR-XX-0001@1.0.10'])
  })

  it('picks the latest version among those valid at the clock, not a future one', () => {
    const rules = [
      makeRule({ Version: '1.0.0', ValidFrom: '2021-06-01T00:00:00Z' }),
      makeRule({ Version: '1.1.0', ValidFrom: '2022-06-01T00:00:00Z' }),
      makeRule({ Version: '0.9.0', ValidFrom: '2021-01-01T00:00:00Z', ValidTo: '2021-06-01T00:00:00Z' }),
    ]
    expect(ids(selectRules(rules, base))).toEqual(['VR-XX-0001@1.0.0'])
    expect(ids(selectRules(rules, { ...base, clock: at('2022-07-01T00:00:00Z') }))).toEqual(['VR-XX-0001@1.1.0'])
    expect(ids(selectRules(rules, { ...base, clock: at('2021-02-01T00:00:00Z') }))).toEqual(['VR-XX-0001@0.9.0'])
  })

  it('applies a rule with a Region only in that region', () => {
    const rules = [makeRule({ Identifier: 'NATIONAL' }), makeRule({ Identifier: 'REGIONAL', Region: 'BY' })]
    expect(ids(selectRules(rules, base))).toEqual(['NATIONAL@1.0.0'])
    expect(ids(selectRules(rules, { ...base, arrivalRegion: 'BY' }))).toEqual(['NATIONAL@1.0.0', 'REGIONAL@1.0.0'])
  })

  it('refuses an invalid clock with RULES_CONTEXT_INVALID', () => {
    expect(() => selectRules([makeRule()], { ...base, clock: new Date('nope') })).toThrow(
      expect.objectContaining({ code: 'RULES_CONTEXT_INVALID' }),
    )
    expect(() => selectRules([makeRule()], { ...base, clock: new Date('nope') })).toThrow(RulesError)
  })
})
