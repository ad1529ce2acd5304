import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { normalizeVn, vietnamDay } from './normalize.ts'
import { parseVnQr } from './qr.ts'
import { vnFixtures } from './records.ts'
import type { VnRaw } from './wire.ts'

const ctx = { now: () => new Date('2024-05-10T12:00:00Z'), config: {} }
const fixtures = vnFixtures('2024-05-10')

function raw(name: string): VnRaw {
  const f = fixtures.find((x) => x.name === name)
  if (!f?.record) throw new Error(name)
  const link = parseVnQr(f.qr)
  if (!link) throw new Error(name)
  return { link, record: f.record }
}

function refusal(r: VnRaw, at = ctx): AdapterError {
  try {
    normalizeVn(r, at)
  } catch (error) {
    if (error instanceof AdapterError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('normalizeVn', () => {
  it('yields the clear names with diacritics, the date of birth and the document mask', () => {
    expect(normalizeVn(raw('vaccination, AstraZeneca (Vaxzevria) 2/2'), ctx)).toEqual({
      country: 'VN',
      sourceRef: 'vn-qr:qid:162979388586171100',
      holder: {
        identity: { familyName: 'Nguyễn', givenName: 'Văn A', dateOfBirth: '1987-01-18' },
        shown: { name: { form: 'clear', fullName: 'NGUYEN VAN A' }, dateOfBirth: '1987-01-18', documentMask: '001093029317' },
      },
      event: {
        type: 'vaccination',
        product: 'EU/1/21/1529',
        manufacturer: 'ORG-100001699',
        prophylaxis: '29061000087103',
        doseNumber: 2,
        totalDoses: 2,
        date: '2024-03-31',
        country: 'VN',
      },
    })
  })

  it('a masked date of birth on the QR matches; the record gives the full date', () => {
    const record = normalizeVn(raw('vaccination, Covishield 2/2, date of birth masked'), ctx)
    expect(record.holder.identity.dateOfBirth).toBe('1965-04-02')
    expect(record.holder.shown.dateOfBirth).toBe('1965-**-**')
    expect(record.event).toMatchObject({ product: 'Covishield' })
  })

  it("an on-behalf QR designates the child; the representative's document is not offered for binding", () => {
    const record = normalizeVn(raw('on behalf of a child, Pfizer-BioNTech 1/2'), ctx)
    expect(record.holder).toEqual({
      identity: { familyName: 'Nguyễn', givenName: 'Ngọc Bảo Anh', dateOfBirth: '2015-09-12' },
      shown: { name: { form: 'clear', fullName: 'NGUYEN NGOC BAO ANH' }, dateOfBirth: '2015-09-12' },
    })
  })

  it("hands on both the QR's identity and the register's; the bridge compares them after binding", () => {
    const record = normalizeVn(raw('QR does not designate the record holder'), ctx)
    expect(record.holder.identity.dateOfBirth).toBe('1991-01-01')
    expect(record.holder.shown.dateOfBirth).toBe('1990-01-01')
  })

  it('a refusal about the record carries its registered holder, for the bridge to bind against', () => {
    const revoked = refusal(raw('revoked record'))
    expect(revoked.holder?.identity).toEqual({ familyName: 'Lý', givenName: 'Thị Kim', dateOfBirth: '1972-12-12' })
    expect(Object.keys(revoked)).not.toContain('holder')
    expect(JSON.stringify(revoked)).not.toMatch(/Kim|1972/)
  })

  it('status rules: revoked, expired and not-yet-valid recovery', () => {
    const revoked = refusal(raw('revoked record'))
    expect(revoked.code).toBe('RECORD_REVOKED')
    expect(revoked.sourceRef).toBe('vn-qr:qid:162979388586172514')
    expect(refusal(raw('expired recovery')).code).toBe('RECORD_EXPIRED')
    const recovery = raw('recovery')
    // valid until 2024-10-17 inclusive, Vietnam time (UTC+7)
    expect(normalizeVn(recovery, { now: () => new Date('2024-10-17T16:59:59Z'), config: {} }).event.type).toBe('recovery')
    expect(refusal(recovery, { now: () => new Date('2024-10-17T17:00:00Z'), config: {} }).code).toBe('RECORD_EXPIRED')
    expect(refusal(recovery, { now: () => new Date('2024-04-30T12:00:00Z'), config: {} }).code).toBe('RECORD_INVALID')
  })

  it('test events', () => {
    expect(normalizeVn(raw('test, PCR negative'), ctx).event).toEqual({
      type: 'test',
      testType: 'LP6464-4',
      testName: 'Real-time RT-PCR SARS-CoV-2',
      sampledAt: '2024-05-09T10:00:00+07:00',
      result: '260415000',
      centre: 'CDC Hà Nội',
      country: 'VN',
    })
    const r = raw('test, PCR negative')
    const rat = (device?: string): VnRaw => ({
      ...r,
      record: {
        ...r.record,
        event: {
          type: 'test',
          method: 'RAPID_ANTIGEN',
          ...(device ? { device } : {}),
          sampledAt: '2024-05-09T10:00:00+07:00',
          result: 'POSITIVE',
          facility: 'CDC Hà Nội',
          country: 'VN',
        },
      },
    })
    expect(normalizeVn(rat('1232'), ctx).event).toEqual({
      type: 'test',
      testType: 'LP217198-3',
      device: '1232',
      sampledAt: '2024-05-09T10:00:00+07:00',
      result: '260373001',
      centre: 'CDC Hà Nội',
      country: 'VN',
    })
    expect(refusal(rat()).code).toBe('RECORD_INCOMPLETE')
  })

  it('refuses Nanocovax naming it', () => {
    const error = refusal(raw('unmapped product, Nanocovax'))
    expect(error.code).toBe('PRODUCT_UNMAPPED')
    expect(error.message).toContain('Nanocovax')
  })

  it('counts days in Vietnam time', () => {
    expect(vietnamDay(new Date('2024-05-10T16:59:59Z'))).toBe('2024-05-10')
    expect(vietnamDay(new Date('2024-05-10T17:00:00Z'))).toBe('2024-05-11')
  })
})
