// One certificate against the real EU rule snapshot: selection plus evaluation, as the verifier
// calls it. Also measures the time one certificate takes against one country's full rule set.
import { beforeAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { checkBusinessRules, type CheckInput } from './check.ts'
import { evaluateRules } from './evaluate.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { parseRuleSet } from './load.ts'
import { makeRule } from './test-rule.ts'
import type { RuleSet } from './types.ts'

const vaccination = (mp: string, ma: string, vp: string) => ({
  ver: '1.3.0',
  nam: { fn: 'Ivanov', fnt: 'IVANOV', gn: 'Ivan', gnt: 'IVAN' },
  dob: '1958-08-27',
  v: [{ tg: '840539006', vp, mp, ma, dn: 2, sd: 2, dt: '2021-09-01', co: 'RU', is: 'certbridge', ci: 'URN:UVCI:01:RU:0A1B2C#K' }],
})
const comirnaty = vaccination('EU/1/20/1528', 'ORG-100030215', '1119349007')
const sputnik = vaccination('Sputnik-V', 'Gamaleya-Research-Institute', 'J07BX03')
const input = (payload: unknown, arrivalCountry: string): CheckInput => ({
  payload,
  arrivalCountry,
  issuerCountry: 'RU',
  validationClock: new Date('2022-01-15T12:00:00Z'),
  iat: new Date('2021-09-02T00:00:00Z'),
  exp: new Date('2022-09-01T00:00:00Z'),
})
const failing = (ruleSet: RuleSet, payload: unknown, country: string) =>
  checkBusinessRules(ruleSet, input(payload, country))
    .results.filter((outcome) => outcome.result !== 'PASS')
    .map((outcome) => `${outcome.identifier}:${outcome.result}`)

describe('checkBusinessRules against the EU snapshot', () => {
  let ruleSet: RuleSet
  beforeAll(async () => {
    ruleSet = await loadRuleSetFromDirectory(testdataPath('business-rules'))
  })

  it('accepts a complete Comirnaty course in DE and under the EU template rules', () => {
    const verdict = checkBusinessRules(ruleSet, input(comirnaty, 'DE'))
    expect(verdict.passed).toBe(true)
    expect(verdict.results.map((outcome) => outcome.identifier)).toEqual(['VR-DE-0001', 'VR-DE-0002', 'VR-DE-0003', 'VR-DE-0004'])
    expect(verdict.results[0]?.description).toMatch(/\S/)
    expect(checkBusinessRules(ruleSet, input(comirnaty, 'EU')).passed).toBe(true)
  })

  it('refuses Sputnik-V where a country accepts EU-authorised products only, naming the rule', () => {
    expect(failing(ruleSet, sputnik, 'DE')).toEqual(['VR-DE-0002:FAIL'])
    expect(failing(ruleSet, sputnik, 'EU')).toEqual(['VR-EU-0001:FAIL'])
    expect(checkBusinessRules(ruleSet, input(sputnik, 'DE')).passed).toBe(false)
  })

  it('applies only General rules to a payload without a single event, which then fails GR rules', () => {
    const verdict = checkBusinessRules(ruleSet, input({ ...comirnaty, t: comirnaty.v }, 'AT'))
    expect(verdict.results.every((outcome) => outcome.identifier.startsWith('GR-'))).toBe(true)
    expect(verdict.passed).toBe(false)
  })

  it("adds the issuing country's Invalidation rules", () => {
    const invalidation = makeRule({
      Identifier: 'IR-RU-0001',
      Country: 'RU',
      Type: 'Invalidation',
      CertificateType: 'General',
      Logic: { '!': [{ in: [{ var: 'payload.v.0.ci' }, ['URN:UVCI:01:RU:0A1B2C#K']] }] },
    })
    const withInvalidation = parseRuleSet(
      [...ruleSet.rules, invalidation].map((json, n) => ({ path: `${n}`, json })),
      ruleSet.valueSets,
    )
    expect(failing(withInvalidation, comirnaty, 'DE')).toEqual(['IR-RU-0001:FAIL'])
    expect(checkBusinessRules(withInvalidation, { ...input(comirnaty, 'DE'), issuerCountry: 'VN' }).passed).toBe(true)
  })

  it("measures one certificate against one country's full rule set", () => {
    const country = 'CH' // the largest national set in the snapshot (20 rules)
    const all = ruleSet.rules.filter((rule) => rule.Country === country)
    const runs = 2000
    const time = (fn: () => unknown) => {
      for (let i = 0; i < 100; i++) fn()
      const start = performance.now()
      for (let i = 0; i < runs; i++) fn()
      return ((performance.now() - start) / runs) * 1000
    }
    const everyRule = time(() => evaluateRules(all, { ...input(comirnaty, country), valueSets: ruleSet.valueSets }))
    const selected = time(() => checkBusinessRules(ruleSet, input(comirnaty, country)))
    console.log(
      `rules timing: ${country}, ${all.length} rules evaluated: ${everyRule.toFixed(1)} µs per certificate; ` +
        `select from all ${ruleSet.rules.length} + evaluate the applicable ones: ${selected.toFixed(1)} µs`,
    )
    expect(everyRule).toBeLessThan(5000)
    expect(selected).toBeLessThan(5000)
  })
})
