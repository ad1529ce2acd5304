import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { readCheck, type CheckAnswer } from './check.ts'

const today = '2024-05-10'
const attrs = [
  { type: 'fio', value: 'И**** И**** И*******', envalue: 'I**** I**** I*******' },
  { type: 'birthDate', value: '27.08.1958' },
  { type: 'passport', value: '92** ***118' },
]
const item = (type: string, status: string, expiredAt = '31.08.2024') =>
  ({ form: 'v2', item: { type, unrzFull: '9780000012345678', attrs, status, expiredAt } }) as CheckAnswer

function codeOf(answer: CheckAnswer): string {
  try {
    readCheck(answer, today)
    return 'ok'
  } catch (error) {
    return error instanceof AdapterError ? error.code : 'other'
  }
}

describe('v2 status rules', () => {
  it.each([
    ['VACCINE_CERT', '1', 'ok'],
    ['VACCINE_CERT', '3', 'RECORD_EXPIRED'],
    ['VACCINE_CERT', '404', 'RECORD_NOT_FOUND'],
    ['VACCINE_CERT', '0', 'RECORD_INVALID'],
    ['ILLNESS_FACT', '1', 'ok'],
    ['ILLNESS_FACT', '3', 'RECORD_EXPIRED'],
    ['COVID_TEST', '1', 'ok'],
    ['TEMPORARY_CERT', 'OK', 'ok'],
    ['TEMPORARY_CERT', 'CANCELED', 'RECORD_REVOKED'],
    ['TEMPORARY_CERT', 'CANCELLED', 'RECORD_REVOKED'],
    ['TEMPORARY_CERT', 'EXPIRED', 'RECORD_EXPIRED'],
    ['MEDICAL_EXEMPTION', '1', 'TYPE_NOT_CONVERTIBLE'],
  ])('%s with status %s → %s', (type, status, code) => {
    expect(codeOf(item(type, status))).toBe(code)
  })
  it('a valid temporary certificate is not convertible', () => {
    expect(readCheck(item('TEMPORARY_CERT', 'OK'), today).convertible).toBe(false)
  })
  it('expiredAt in the past is RECORD_EXPIRED even with status 1', () => {
    expect(codeOf(item('VACCINE_CERT', '1', '09.05.2024'))).toBe('RECORD_EXPIRED')
    expect(codeOf(item('VACCINE_CERT', '1', '10.05.2024'))).toBe('ok')
  })
  it('serviceUnavailable is UPSTREAM_UNAVAILABLE', () => {
    expect(
      codeOf({ form: 'v2', item: { type: 'VACCINE_CERT', unrzFull: '9780000012345678', attrs, status: '1', serviceUnavailable: true } }),
    ).toBe('UPSTREAM_UNAVAILABLE')
  })
  it('reads the masked holder, date of birth, passport mask and expiry', () => {
    expect(readCheck(item('VACCINE_CERT', '1'), today)).toEqual({
      certId: '9780000012345678',
      sourceRef: 'ru-gosuslugi:unrz:9780000012345678',
      nationalType: 'VACCINE_CERT',
      convertible: true,
      shown: {
        name: { form: 'masked', words: ['И****', 'И****', 'И*******'], latinWords: ['I****', 'I****', 'I*******'] },
        dateOfBirth: '1958-08-27',
        documentMask: '92** ***118',
      },
      expiresOn: '2024-08-31',
    })
  })
  it('refuses a holder without name or an impossible date as UPSTREAM_INVALID', () => {
    expect(codeOf({ form: 'v2', item: { type: 'VACCINE_CERT', unrzFull: '9780000012345678', attrs: attrs.slice(1), status: '1' } })).toBe(
      'UPSTREAM_INVALID',
    )
    expect(
      codeOf({
        form: 'v2',
        item: {
          type: 'VACCINE_CERT',
          unrzFull: '9780000012345678',
          attrs: [attrs[0]!, { type: 'birthDate', value: '31.02.1958' }],
          status: '1',
        },
      }),
    ).toBe('UPSTREAM_INVALID')
  })
})

describe('v1 and v3 status rules', () => {
  const v1 = (status: string, expiredAt = '31.08.2024') =>
    ({
      form: 'v1',
      body: { unrz: '9780000012345678', fio: 'И**** И**** И*******', birthdate: '27.08.1958', status, expiredAt },
    }) as CheckAnswer
  const v3 = (body: object) =>
    ({
      form: 'v3',
      uuid: '6f8b5b4e-2c1a-4c1e-9d55-0a8e2c1f3b7a',
      body: { isCertFound: true, isExpired: false, isBeforeValidFrom: false, attrs, certId: '9780000012345678', ...body },
    }) as CheckAnswer
  it.each([
    [v1('1'), 'ok'],
    [v1('0'), 'RECORD_INVALID'],
    [v1('404'), 'RECORD_NOT_FOUND'],
    [v1('1', '01.01.2024'), 'RECORD_EXPIRED'],
    [v3({}), 'ok'],
    [v3({ isCertFound: false }), 'RECORD_NOT_FOUND'],
    [v3({ isExpired: true }), 'RECORD_EXPIRED'],
    [v3({ isBeforeValidFrom: true }), 'RECORD_INVALID'],
    [v3({ validFrom: '11.05.2024' }), 'RECORD_INVALID'],
    [v3({ serviceUnavailable: true }), 'UPSTREAM_UNAVAILABLE'],
  ])('case %#', (answer, code) => {
    expect(codeOf(answer)).toBe(code)
  })
  it('v3 without a type and with the same sourceRef as v2', () => {
    const verdict = readCheck(v3({}), today)
    expect(verdict.nationalType).toBeUndefined()
    expect(verdict.sourceRef).toBe('ru-gosuslugi:unrz:9780000012345678')
  })
  it('an expiry refusal carries the sourceRef for revocation, hidden from enumeration', () => {
    const error = (() => {
      try {
        readCheck(v1('1', '01.01.2024'), today)
      } catch (e) {
        return e as AdapterError
      }
    })()
    expect(error?.sourceRef).toBe('ru-gosuslugi:unrz:9780000012345678')
    expect(Object.keys(error!)).not.toContain('sourceRef')
  })
})
