import { describe, expect, it } from 'vitest'
import { certLogicData, englishDescription, evaluateRule, evaluateRules, type RulesContext } from './evaluate.ts'
import { makeRule } from './test-rule.ts'

const context: RulesContext = {
  payload: { v: [{ dn: 2, sd: 2, dt: '2021-06-01' }], dob: '1958-08-27', nam: { fnt: 'IVANOV' } },
  valueSets: { 'vaccines-covid-19-names': ['EU/1/20/1528'] },
  validationClock: new Date('2022-01-01T12:00:00Z'),
  arrivalCountry: 'de',
  issuerCountry: 'RU',
  iat: new Date('2021-06-02T00:00:00Z'),
  exp: new Date('2022-06-02T00:00:00Z'),
}

describe('certLogicData', () => {
  it('builds the external object the EU rules read, with ISO date-times', () => {
    const data = certLogicData(context)
    expect(data.payload).toBe(context.payload)
    expect(data.external).toEqual({
      valueSets: context.valueSets,
      validationClock: '2022-01-01T12:00:00.000Z',
      countryCode: 'DE',
      issuerCountryCode: 'RU',
      iat: '2021-06-02T00:00:00.000Z',
      exp: '2022-06-02T00:00:00.000Z',
    })
  })

  it('refuses an invalid clock or CWT date with RULES_CONTEXT_INVALID', () => {
    const code = expect.objectContaining({ code: 'RULES_CONTEXT_INVALID' })
    expect(() => certLogicData({ ...context, validationClock: new Date(Number.NaN) })).toThrow(code)
    expect(() => certLogicData({ ...context, exp: new Date('x') })).toThrow(code)
  })
})

describe('evaluateRule', () => {
  const data = certLogicData(context)

  it('passes on true and fails on false, reporting the rule and its English description', () => {
    const rule = makeRule({
      Description: [
        { lang: 'de', desc: 'Zweite Dosis' },
        { lang: 'en', desc: 'Second dose' },
      ],
      Logic: { '>=': [{ var: 'payload.v.0.dn' }, 2] },
    })
    expect(evaluateRule(rule, data)).toEqual({
      identifier: 'VR-XX-0001',
      type: 'Acceptance',
      country: 'XX',
      version: '1.0.0',
      description: 'Second dose',
      result: 'PASS',
    })
    const failing = makeRule({ Logic: { '>=': [{ var: 'payload.v.0.dn' }, 3] } })
    expect(evaluateRule(failing, data).result).toBe('FAIL')
  })

  it('reads the external fields: validation clock, countries, value sets', () => {
    const within = makeRule({
      Logic: {
        and: [
          {
            'not-after': [
              { plusTime: [{ var: 'payload.v.0.dt' }, 14, 'day'] },
              { plusTime: [{ var: 'external.validationClock' }, 0, 'day'] },
            ],
          },
          { '===': [{ var: 'external.countryCode' }, 'DE'] },
          { '===': [{ var: 'external.issuerCountryCode' }, 'RU'] },
          { in: ['EU/1/20/1528', { var: 'external.valueSets.vaccines-covid-19-names' }] },
        ],
      },
    })
    expect(evaluateRule(within, data).result).toBe('PASS')
  })

  it('gives OPEN with EVALUATION_ERROR when the engine throws, without its message', () => {
    // dccDateOfBirth throws on a malformed date of birth, quoting it; the outcome must not.
    const rule = makeRule({
      Logic: { 'not-after': [{ dccDateOfBirth: [{ var: 'payload.dob' }] }, { plusTime: ['2000-01-01', 0, 'day'] }] },
    })
    const outcome = evaluateRule(rule, certLogicData({ ...context, payload: { dob: '27.08.1958' } }))
    expect(outcome.result).toBe('OPEN')
    expect(outcome.reason).toBe('EVALUATION_ERROR')
    expect(JSON.stringify(outcome)).not.toContain('1958')
  })

  it('gives OPEN for an unknown operator or a malformed expression, never an exception', () => {
    for (const logic of [{ frobnicate: [1] }, { '+': [1] }, null, { var: 3 }, { '<': ['a', 'b'] }]) {
      const outcome = evaluateRule(makeRule({ Logic: logic }), data)
      expect(outcome).toMatchObject({ result: 'OPEN', reason: 'EVALUATION_ERROR' })
    }
  })

  it('gives OPEN with NON_BOOLEAN_RESULT when the Logic does not yield a boolean', () => {
    for (const logic of [{ var: 'payload.v.0' }, 'yes', 1, { var: 'payload.nothing' }]) {
      expect(evaluateRule(makeRule({ Logic: logic }), data)).toMatchObject({ result: 'OPEN', reason: 'NON_BOOLEAN_RESULT' })
    }
  })
})

describe('evaluateRules', () => {
  it('passes only when every rule passes; OPEN does not pass', () => {
    const yes = makeRule({ Identifier: 'YES', Logic: true })
    const no = makeRule({ Identifier: 'NO', Logic: false })
    const open = makeRule({ Identifier: 'OPEN', Logic: { frobnicate: [] } })
    expect(evaluateRules([yes], context).passed).toBe(true)
    expect(evaluateRules([], context)).toEqual({ passed: true, results: [] })
    const verdict = evaluateRules([yes, no], context)
    expect(verdict.passed).toBe(false)
    expect(verdict.results.map((r) => [r.identifier, r.result])).toEqual([
      ['YES', 'PASS'],
      ['NO', 'FAIL'],
    ])
    expect(evaluateRules([yes, open], context).passed).toBe(false)
  })
})

describe('englishDescription', () => {
  it('falls back to the first description, then to an empty string', () => {
    expect(englishDescription(makeRule({ Description: [{ lang: 'fr', desc: 'Une dose' }] }))).toBe('Une dose')
    expect(englishDescription(makeRule({ Description: [] }))).toBe('')
    expect(
      englishDescription(
        makeRule({
          Description: [
            { lang: 'de', desc: 'x' },
            { lang: 'EN', desc: 'y' },
          ],
        }),
      ),
    ).toBe('y')
  })
})
