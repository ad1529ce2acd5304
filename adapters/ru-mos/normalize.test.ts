import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { certificateDose, lastValidDay, normalizeMos } from './normalize.ts'
import { mosFixtures, registeredHolderOf } from './records.ts'
import type { MosRaw } from './wire.ts'

const today = '2024-05-10'
const ctx = { now: () => new Date('2024-05-10T12:00:00Z'), config: {} }
const fixtures = mosFixtures(today)

function raw(name: string): MosRaw {
  const f = fixtures.find((x) => x.name === name)
  if (!f) throw new Error(name)
  return { number: f.number, certificate: f.certificate, record: f.record ? { ...f.record, holder: registeredHolderOf(f.person) } : null }
}

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof AdapterError) return error.code
    throw error
  }
  return 'ok'
}

describe('normalizeMos', () => {
  it('yields the masked holder, the last dose and the certificate end', () => {
    expect(normalizeMos(raw('vaccination, Sputnik V 2/2'), ctx)).toEqual({
      country: 'RU',
      sourceRef: 'ru-mos:number:4501230000000017',
      holder: {
        identity: {
          familyName: 'Соколова',
          givenName: 'Анна',
          patronymic: 'Викторовна',
          latin: { familyName: 'SOKOLOVA', givenName: 'ANNA' },
          dateOfBirth: '1985-03-14',
        },
        shown: { name: { form: 'masked', words: ['С*******', 'А***', 'В*********'] }, dateOfBirth: '1985-03-14' },
      },
      event: {
        type: 'vaccination',
        product: 'Sputnik-V',
        manufacturer: 'Gamaleya-Research-Institute',
        prophylaxis: '29061000087103',
        doseNumber: 2,
        totalDoses: 2,
        date: '2024-04-01',
        country: 'RU',
      },
      expiresOn: '2025-03-10',
    })
  })

  it('revaccination: each certificate states its own course; the booster is counted over the history', () => {
    const old = normalizeMos(raw('revaccination, superseded certificate of the first course'), ctx)
    const renewed = normalizeMos(raw('revaccination, renewed certificate, Sputnik Light booster'), ctx)
    // Sputnik V 2/2 with its own date, then the Sputnik Light booster as the third dose (3/3), not 1/1.
    expect(old.event).toMatchObject({ product: 'Sputnik-V', doseNumber: 2, totalDoses: 2, date: '2023-08-05' })
    expect(renewed.event).toMatchObject({ product: 'Sputnik-Light', doseNumber: 3, totalDoses: 3, date: '2024-04-30' })
    // the superseded certificate stays valid until its own end, not the renewed one's
    expect(old.expiresOn).toBe('2024-07-13')
    expect(renewed.expiresOn).toBe('2025-04-29')
    expect(old.sourceRef).not.toBe(renewed.sourceRef)
  })

  it("picks the certificate's own course and its last dose whatever the order the register lists them in", () => {
    const dose = (product: string, n: number, of: number, date: string) => ({ product, dose: n, of, date, country: 'RU' })
    const record = {
      number: 'x',
      vaccination: {
        courses: [
          { startedOn: '2023-01-01', doses: [dose('Спутник Лайт', 1, 1, '2023-01-01')] },
          { startedOn: '2021-01-01', doses: [dose('Гам-КОВИД-Вак', 2, 2, '2021-01-22'), dose('Гам-КОВИД-Вак', 1, 2, '2021-01-01')] },
        ],
      },
    }
    expect(certificateDose(record, '2023-01-01T00:00:00+03:00')).toEqual({
      dose: dose('Спутник Лайт', 1, 1, '2023-01-01'),
      doseNumber: 3,
      totalDoses: 3,
    })
    expect(certificateDose(record, '2021-01-01T00:00:00+03:00')).toEqual({
      dose: dose('Гам-КОВИД-Вак', 2, 2, '2021-01-22'),
      doseNumber: 2,
      totalDoses: 2,
    })
  })

  it('status: valid from start (inclusive) until end (exclusive)', () => {
    const r = raw('vaccination, Sputnik V 2/2')
    const at = (iso: string) => ({ now: () => new Date(iso), config: {} })
    expect(codeOf(() => normalizeMos(r, at('2024-03-10T21:00:00Z')))).toBe('ok') // start = 2024-03-11T00:00+03:00
    expect(codeOf(() => normalizeMos(r, at('2024-03-10T20:59:59Z')))).toBe('RECORD_INVALID')
    expect(codeOf(() => normalizeMos(r, at('2025-03-10T20:59:59Z')))).toBe('ok')
    expect(codeOf(() => normalizeMos(r, at('2025-03-10T21:00:00Z')))).toBe('RECORD_EXPIRED')
  })

  it('an expired certificate carries its source reference for revocation', () => {
    try {
      normalizeMos(raw('expired certificate'), ctx)
      expect.unreachable()
    } catch (error) {
      expect((error as AdapterError).code).toBe('RECORD_EXPIRED')
      expect((error as AdapterError).sourceRef).toBe('ru-mos:number:4501230000000082')
      expect((error as AdapterError).message).not.toContain('4501230000000082')
    }
  })

  it('recovery and test events', () => {
    expect(normalizeMos(raw('recovery'), ctx).event).toEqual({
      type: 'recovery',
      firstPositive: '2024-03-30',
      validFrom: '2024-04-10',
      validUntil: '2024-10-07',
      country: 'RU',
    })
    expect(normalizeMos(raw('test, PCR negative'), ctx).event).toEqual({
      type: 'test',
      testType: 'LP6464-4',
      testName: 'ПЦР SARS-CoV-2',
      sampledAt: '2024-05-09T09:30:00+03:00',
      result: '260415000',
      centre: 'Лаборатория ДЗМ, Москва',
      country: 'RU',
    })
  })

  it('a rapid antigen test states its device; a positive result is "detected"', () => {
    const r = raw('test, PCR negative')
    const antigen: MosRaw = {
      ...r,
      record: {
        number: r.number,
        holder: r.record!.holder,
        test: {
          type: 'ANTIGEN',
          device: '1232',
          sampledAt: '2024-05-09T09:30:00+03:00',
          result: 'POSITIVE',
          centre: 'Москва',
          country: 'RU',
        },
      },
    }
    expect(normalizeMos(antigen, ctx).event).toEqual({
      type: 'test',
      testType: 'LP217198-3',
      device: '1232',
      sampledAt: '2024-05-09T09:30:00+03:00',
      result: '260373001',
      centre: 'Москва',
      country: 'RU',
    })
    const noDevice: MosRaw = {
      ...antigen,
      record: {
        number: r.number,
        holder: r.record!.holder,
        test: { type: 'ANTIGEN', sampledAt: '2024-05-09T09:30:00+03:00', result: 'NEGATIVE', centre: 'Москва', country: 'RU' },
      },
    }
    expect(codeOf(() => normalizeMos(noDevice, ctx))).toBe('RECORD_INCOMPLETE')
  })

  it('refusals', () => {
    expect(codeOf(() => normalizeMos(raw('unmapped product, Betuvax-CoV-2'), ctx))).toBe('PRODUCT_UNMAPPED')
    expect(codeOf(() => normalizeMos(raw('medical exemption, no EU equivalent'), ctx))).toBe('TYPE_NOT_CONVERTIBLE')
    // no record source configured: the link is validated, nothing is issued
    expect(codeOf(() => normalizeMos({ ...raw('recovery'), record: null }, ctx))).toBe('RECORD_INCOMPLETE')
    // the record source lacks the event the certificate type needs
    const r = raw('recovery')
    expect(codeOf(() => normalizeMos({ ...r, record: { number: r.number, holder: r.record!.holder } }, ctx))).toBe('RECORD_INCOMPLETE')
    // initials not masked as expected
    expect(codeOf(() => normalizeMos({ ...r, certificate: { ...r.certificate, initials: 'Смирнов Д. О.' } }, ctx))).toBe('UPSTREAM_INVALID')
    expect(codeOf(() => normalizeMos({ ...r, certificate: { ...r.certificate, end: r.certificate.start } }, ctx))).toBe('UPSTREAM_INVALID')
  })

  it('lastValidDay counts in Moscow time', () => {
    expect(lastValidDay('2025-03-11T00:00:00+03:00')).toBe('2025-03-10')
    expect(lastValidDay('2025-03-11T12:00:00Z')).toBe('2025-03-11')
  })
})
