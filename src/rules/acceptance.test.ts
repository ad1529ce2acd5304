// Acceptance over time against the EU business-rules test data: a Sputnik V course that some
// countries accept and others refuse, with the windows the rules give, and hand-made rules for the
// window edges, the description language and the failing part of the logic.
import { beforeAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { acceptance, acceptanceCountries, ruleDescription } from './acceptance.ts'
import { render } from './failing-logic.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { parseRuleSet } from './load.ts'
import { makeRule } from './test-rule.ts'
import type { Rule, RuleSet } from './types.ts'

const vaccination = (mp: string, ma: string, vp: string) => ({
  ver: '1.3.0',
  nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' },
  dob: '1980-01-01',
  v: [{ tg: '840539006', vp, mp, ma, dn: 2, sd: 2, dt: '2021-09-01', co: 'RU', is: 'Ministry', ci: 'URN:UVCI:01:RU:X1#2' }],
})
const sputnik = {
  payload: vaccination('Sputnik-V', 'Gamaleya-Research-Institute', '29061000087103'),
  issuerCountry: 'RU',
  iat: new Date('2021-09-02T00:00:00Z'),
  exp: new Date('2022-09-02T00:00:00Z'),
}
const comirnaty = { ...sputnik, payload: vaccination('EU/1/20/1528', 'ORG-100030215', '1119349007') }
const at = new Date('2022-01-15T12:00:00Z')

describe('acceptance against the EU rules test data', () => {
  let rules: RuleSet
  beforeAll(async () => {
    rules = await loadRuleSetFromDirectory(testdataPath('business-rules'))
  })

  it('lists the countries with Acceptance rules', () => {
    expect(acceptanceCountries(rules)).toEqual(expect.arrayContaining(['AT', 'DE', 'EU', 'FR', 'NL']))
  })

  it('accepts Sputnik V in some countries and refuses it in others, with windows', () => {
    const result = acceptance(rules, sputnik, { at, countries: ['DE', 'CY', 'PL', 'FR'] })
    expect(Object.keys(result)).toEqual(['DE', 'CY', 'PL', 'FR'])
    // DE accepts EU-authorised products only, at every instant of the certificate's life.
    expect(result.DE).toMatchObject({ accepted: false, from: null, until: null, windows: [] })
    expect(result.DE!.failing.map((f) => f.identifier)).toEqual(['VR-DE-0002'])
    expect(result.DE!.failing[0]!.failingLogic).toBe('payload.v.0.mp in ["EU/1/20/1528", "EU/1/20/1507", "EU/1/21/1529", "EU/1/20/1525"]')
    // CY: from issuance until the full course is 365 days old (VR-CY rules).
    expect(result.CY).toMatchObject({ accepted: true, from: '2021-09-02T00:00:00.000Z', until: '2022-09-01T00:00:00.000Z', failing: [] })
    // PL: accepted until 177 days after the last dose, the last instant before the 178th day.
    expect(result.PL).toMatchObject({ accepted: true, from: '2021-09-02T00:00:00.000Z', until: '2022-02-25T23:59:59.999Z' })
    // FR accepted it until its product rule VR-FR-0001 came into force (ValidFrom 2021-12-17T18:00Z).
    expect(result.FR).toMatchObject({ accepted: false, from: '2021-09-02T00:00:00.000Z', until: '2021-12-17T17:59:59.999Z' })
    expect(result.FR!.failing.map((f) => f.identifier)).toEqual(['VR-FR-0001'])
  })

  it('gives a Comirnaty course its waiting time and its end where the rules set them', () => {
    const result = acceptance(rules, comirnaty, { at, countries: ['ES', 'DE', 'AT'] })
    expect(result.ES).toMatchObject({ accepted: true, from: '2021-09-15T00:00:00.000Z', until: '2022-05-29T00:00:00.000Z' })
    expect(result.DE).toMatchObject({ accepted: true, until: '2022-09-01T00:00:00.000Z' })
    expect(result.AT).toMatchObject({ accepted: true, until: '2022-05-29T00:00:00.000Z' })
    // Before the waiting time, ES refuses and points at the next window.
    const early = acceptance(rules, comirnaty, { at: new Date('2021-09-10T00:00:00Z'), countries: ['ES'] }).ES!
    expect(early).toMatchObject({ accepted: false, from: '2021-09-15T00:00:00.000Z' })
    expect(early.failing[0]!.failingLogic).toBe(
      'not-after(plusTime(payload.v.0.dt, 14, day), plusTime(external.validationClock, 0, day), plusTime(payload.v.0.dt, 270, day))',
    )
  })

  it('is not accepted outside the certificate life', () => {
    const late = acceptance(rules, comirnaty, { at: new Date('2022-10-01T00:00:00Z'), countries: ['NL'] }).NL!
    expect(late).toMatchObject({ accepted: false, outside: 'EXPIRED', failing: [] })
  })

  it('gives the description in the asked language, else English, and says so', () => {
    const de = acceptance(rules, sputnik, { at, countries: ['DE', 'AT'], language: 'de' })
    expect(de.DE!.failing[0]!.description).toMatchObject({ language: 'de', fallback: false })
    expect(de.DE!.failing[0]!.description.text).toMatch(/Impfstoffe/)
    expect(de.AT!.failing[0]!.description).toMatchObject({ language: 'en', fallback: true })
  })
})

describe('hand-made rules', () => {
  const set = (...list: Rule[]): RuleSet =>
    parseRuleSet(
      list.map((json, n) => ({ path: `${n}`, json })),
      {},
    )
  const certificate = {
    payload: vaccination('EU/1/20/1528', 'ORG-100030215', '1119349007'),
    iat: new Date('2021-09-02T00:00:00Z'),
    exp: new Date('2023-01-01T00:00:00Z'),
  }
  const notBefore = (days: number) => ({
    'not-before': [{ plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }, { plusTime: [{ var: 'payload.v.0.dt' }, days, 'day'] }],
  })
  const before = (months: number) => ({
    before: [{ plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }, { plusTime: [{ var: 'payload.v.0.dt' }, months, 'month'] }],
  })

  it('finds windows with inclusive and exclusive edges and calendar months', () => {
    const rule = makeRule({ Logic: { and: [notBefore(10), before(6)] } })
    const result = acceptance(set(rule), certificate, { at, countries: ['XX'] }).XX!
    expect(result.windows).toEqual([{ from: '2021-09-11T00:00:00.000Z', until: '2022-02-28T23:59:59.999Z' }])
    expect(result.accepted).toBe(true)
  })

  it('follows a rule change: two windows when a newer version closes and reopens acceptance', () => {
    const gap = makeRule({
      Identifier: 'VR-XX-0002',
      Version: '1.0.0',
      ValidFrom: '2021-10-01T00:00:00Z',
      ValidTo: '2021-11-01T00:00:00Z',
      Logic: false,
    })
    const result = acceptance(set(makeRule(), gap), certificate, { at, countries: ['XX'] }).XX!
    expect(result.windows).toEqual([
      { from: '2021-09-02T00:00:00.000Z', until: '2021-09-30T23:59:59.999Z' },
      { from: '2021-11-01T00:00:00.000Z', until: '2023-01-01T00:00:00.000Z' },
    ])
    expect(result).toMatchObject({ from: '2021-11-01T00:00:00.000Z', until: '2023-01-01T00:00:00.000Z' })
  })

  it('points into the failing branch of if and and', () => {
    const rule = makeRule({
      Logic: {
        if: [{ var: 'payload.v.0' }, { and: [{ '>=': [{ var: 'payload.v.0.dn' }, 1] }, { '===': [{ var: 'payload.v.0.sd' }, 3] }] }, true],
      },
    })
    const failing = acceptance(set(rule), certificate, { at, countries: ['XX'] }).XX!.failing
    expect(failing.map((f) => f.failingLogic)).toEqual(['payload.v.0.sd === 3'])
  })

  it('describes in English first when the asked language is missing', () => {
    const rule = makeRule({
      Description: [
        { lang: 'fr', desc: 'règle' },
        { lang: 'en', desc: 'rule' },
      ],
    })
    expect(ruleDescription(rule, 'vi')).toEqual({ text: 'rule', language: 'en', fallback: true })
    expect(ruleDescription(rule, 'FR')).toEqual({ text: 'règle', language: 'fr', fallback: false })
    expect(render({ '!': [{ var: 'payload.v.1' }] })).toBe('not payload.v.1')
  })
})
