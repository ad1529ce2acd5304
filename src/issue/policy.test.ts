import { describe, expect, it } from 'vitest'
import { certificateValidity } from './policy.ts'
import type { NormalizedRecord } from '../dcc/record.ts'

const vaccination: NormalizedRecord = {
  country: 'RU',
  sourceRef: 'test:1',
  holder: { identity: { familyName: 'A', givenName: 'B', dateOfBirth: '1990-01-01' }, shown: {} },
  event: {
    type: 'vaccination',
    product: 'Sputnik-V',
    manufacturer: 'Gamaleya-Research-Institute',
    prophylaxis: 'J07BX03',
    doseNumber: 2,
    totalDoses: 2,
    date: '2021-07-01',
    country: 'RU',
  },
  expiresOn: '2022-07-01',
}
const days = { vaccination: 365, recovery: 180, test: 3 }
const t = (iso: string) => Math.floor(Date.parse(iso) / 1000)

describe('certificateValidity', () => {
  it('takes the national expiry when it is the earliest limit', () => {
    const v = certificateValidity({
      record: vaccination,
      now: new Date('2021-08-01T10:00:00Z'),
      validityDays: { ...days, vaccination: 400 },
      dscNotAfter: new Date('2030-01-01'),
    })
    expect(v.issuedAt).toBe(t('2021-08-01T10:00:00Z'))
    expect(v.expiresAt).toBe(t('2022-07-01T23:59:59Z'))
  })

  it('takes the per-type validity counted from the event when it is earlier', () => {
    const v = certificateValidity({
      record: vaccination,
      now: new Date('2021-07-10T00:00:00Z'),
      validityDays: { ...days, vaccination: 30 },
      dscNotAfter: new Date('2030-01-01'),
    })
    expect(v.expiresAt).toBe(t('2021-07-31T00:00:00Z'))
  })

  it("never exceeds the DSC's notAfter", () => {
    const v = certificateValidity({
      record: vaccination,
      now: new Date('2021-08-01T00:00:00Z'),
      validityDays: days,
      dscNotAfter: new Date('2021-09-01T00:00:00Z'),
    })
    expect(v.expiresAt).toBe(t('2021-09-01T00:00:00Z'))
  })

  it('caps a recovery at its stated end and refuses what is already expired', () => {
    const recovery: NormalizedRecord = {
      ...vaccination,
      expiresOn: undefined,
      event: { type: 'recovery', firstPositive: '2021-06-01', validFrom: '2021-06-12', validUntil: '2021-10-01', country: 'RU' },
    }
    const v = certificateValidity({
      record: recovery,
      now: new Date('2021-07-01T00:00:00Z'),
      validityDays: days,
      dscNotAfter: new Date('2030-01-01'),
    })
    expect(v.expiresAt).toBe(t('2021-10-01T23:59:59Z'))
    expect(() =>
      certificateValidity({
        record: recovery,
        now: new Date('2021-12-01T00:00:00Z'),
        validityDays: days,
        dscNotAfter: new Date('2030-01-01'),
      }),
    ).toThrow(expect.objectContaining({ code: 'RECORD_EXPIRED' }))
  })

  it('counts a test certificate from the sample time', () => {
    const test: NormalizedRecord = {
      ...vaccination,
      expiresOn: undefined,
      event: {
        type: 'test',
        testType: 'LP6464-4',
        testName: 'PCR',
        sampledAt: '2021-09-01T08:00:00+03:00',
        result: '260415000',
        centre: 'Lab',
        country: 'RU',
      },
    }
    const v = certificateValidity({
      record: test,
      now: new Date('2021-09-01T12:00:00Z'),
      validityDays: days,
      dscNotAfter: new Date('2030-01-01'),
    })
    expect(v.expiresAt).toBe(t('2021-09-04T05:00:00Z'))
  })
})
