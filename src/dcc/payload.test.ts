import { describe, expect, it } from 'vitest'
import type { NormalizedEvent, NormalizedRecord } from './record.ts'
import { certificateType } from '../hcert/certificate-type.ts'
import { buildPayload } from './payload.ts'
import { validateDcc } from './schema.ts'
import { deriveUvci, isValidUvci } from './uvci.ts'

const uvci = 'URN:UVCI:01:NL:187/37512422923#Z'
const issuer = 'certbridge (test)'

function record(event: NormalizedEvent, country = 'RU'): NormalizedRecord {
  return {
    country,
    sourceRef: 'ru-gosuslugi:unrz:9160000012345678',
    holder: {
      identity: { familyName: 'Иванов', givenName: 'Иван', dateOfBirth: '1980-02-29' },
      shown: { name: { form: 'masked', words: ['И*****', 'И***'] }, dateOfBirth: '1980-02-29', documentMask: '45** ***118' },
    },
    event,
  }
}

const sputnik: NormalizedEvent = {
  type: 'vaccination',
  product: 'Sputnik-V',
  manufacturer: 'Gamaleya-Research-Institute',
  prophylaxis: '29061000087103',
  doseNumber: 2,
  totalDoses: 2,
  date: '2021-07-15',
  country: 'RU',
}

describe('buildPayload', () => {
  it('builds a schema-valid vaccination payload with ICAO names from Cyrillic', () => {
    const payload = buildPayload({ record: record(sputnik), names: { familyName: 'Иванов', givenName: 'Игорь' }, issuer, uvci })
    expect(payload).toEqual({
      ver: '1.3.0',
      nam: { fn: 'Иванов', fnt: 'IVANOV', gn: 'Игорь', gnt: 'IGOR' },
      dob: '1980-02-29',
      v: [
        {
          tg: '840539006',
          vp: '29061000087103',
          mp: 'Sputnik-V',
          ma: 'Gamaleya-Research-Institute',
          dn: 2,
          sd: 2,
          dt: '2021-07-15',
          co: 'RU',
          is: issuer,
          ci: uvci,
        },
      ],
    })
    expect(validateDcc(payload)).toEqual({ valid: true, errors: [] })
    expect(certificateType(payload)).toBe('vaccination')
  })

  it('keeps Vietnamese names with diacritics in fn/gn and drops them in fnt/gnt', () => {
    const comirnaty: NormalizedEvent = {
      ...sputnik,
      product: 'EU/1/20/1528',
      manufacturer: 'ORG-100030215',
      prophylaxis: '1119349007',
      country: 'VN',
    }
    const payload = buildPayload({
      record: record(comirnaty, 'VN'),
      names: { familyName: 'Đặng', givenName: 'Thị Ngọc Hân' },
      issuer,
      uvci,
    })
    expect(payload.nam).toEqual({ fn: 'Đặng', fnt: 'DANG', gn: 'Thị Ngọc Hân', gnt: 'THI<NGOC<HAN' })
    expect(validateDcc(payload).valid).toBe(true)
  })

  it('uses the Ukrainian exceptions for a Ukrainian record', () => {
    const payload = buildPayload({ record: record(sputnik, 'UA'), names: { familyName: 'Кириленко', givenName: 'Ірина' }, issuer, uvci })
    expect(payload.nam).toMatchObject({ fnt: 'KYRYLENKO', gnt: 'IRYNA' })
  })

  it('builds a recovery payload', () => {
    const payload = buildPayload({
      record: record({ type: 'recovery', firstPositive: '2021-10-01', validFrom: '2021-10-12', validUntil: '2022-03-30', country: 'RU' }),
      names: { familyName: 'Петрова', givenName: 'Анна' },
      issuer,
      uvci,
    })
    expect('r' in payload && payload.r[0]).toEqual({
      tg: '840539006',
      fr: '2021-10-01',
      co: 'RU',
      is: issuer,
      df: '2021-10-12',
      du: '2022-03-30',
      ci: uvci,
    })
    expect(validateDcc(payload).valid).toBe(true)
    expect(certificateType(payload)).toBe('recovery')
  })

  it('builds NAAT and RAT test payloads, with nm or ma as given', () => {
    const common = {
      type: 'test',
      sampledAt: '2021-10-01T08:30:00+03:00',
      result: '260415000',
      centre: 'ГБУЗ ГП № 1',
      country: 'RU',
    } as const
    const pcr = buildPayload({
      record: record({ ...common, testType: 'LP6464-4', testName: 'ПЦР SARS-CoV-2' }),
      names: { familyName: 'Петров', givenName: 'Пётр' },
      issuer,
      uvci,
    })
    expect('t' in pcr && pcr.t[0]).toEqual({
      tg: '840539006',
      tt: 'LP6464-4',
      nm: 'ПЦР SARS-CoV-2',
      sc: '2021-10-01T08:30:00+03:00',
      tr: '260415000',
      tc: 'ГБУЗ ГП № 1',
      co: 'RU',
      is: issuer,
      ci: uvci,
    })
    const rat = buildPayload({
      record: record({ ...common, testType: 'LP217198-3', device: '1232', centre: 'Ц'.repeat(100) }),
      names: { familyName: 'Петров', givenName: '' },
      issuer,
      uvci,
    })
    expect('t' in rat && rat.t[0]).toMatchObject({ tt: 'LP217198-3', ma: '1232' })
    expect('t' in rat && rat.t[0].tc).toHaveLength(80)
    expect('t' in rat && 'nm' in rat.t[0]).toBe(false)
    expect(rat.nam).toEqual({ fn: 'Петров', fnt: 'PETROV' })
    for (const payload of [pcr, rat]) {
      expect(validateDcc(payload).valid).toBe(true)
      expect(certificateType(payload)).toBe('test')
    }
  })

  it('keeps the EU rules per test type: NAAT without ma, RAT with ma from the value set and no nm', () => {
    const common = {
      type: 'test',
      sampledAt: '2021-10-01T08:30:00+03:00',
      result: '260415000',
      centre: 'Лаборатория',
      country: 'RU',
    } as const
    const names = { familyName: 'Петров', givenName: 'Пётр' }
    const entry = (event: NormalizedEvent) => {
      const payload = buildPayload({ record: record(event), names, issuer, uvci })
      expect(validateDcc(payload).valid).toBe(true)
      return 't' in payload ? payload.t[0] : undefined
    }
    // a NAAT never states a device, even when the record has one
    const naat = entry({ ...common, testType: 'LP6464-4', testName: 'ПЦР', device: '1232' })
    expect(naat).toMatchObject({ tt: 'LP6464-4', nm: 'ПЦР' })
    expect(naat && 'ma' in naat).toBe(false)
    // a RAT states its device and never a NAA test name
    const rat = entry({ ...common, testType: 'LP217198-3', device: '1232', testName: 'Panbio' })
    expect(rat).toMatchObject({ tt: 'LP217198-3', ma: '1232' })
    expect(rat && 'nm' in rat).toBe(false)
    const refused = (event: NormalizedEvent) => () => buildPayload({ record: record(event), names, issuer, uvci })
    expect(refused({ ...common, testType: 'LP217198-3' })).toThrow(
      expect.objectContaining({ code: 'DCC_PAYLOAD', message: expect.stringContaining('device') }),
    )
    expect(refused({ ...common, testType: 'LP217198-3', device: '9999' })).toThrow(
      expect.objectContaining({ code: 'DCC_PAYLOAD', message: expect.stringContaining('EU list') }),
    )
    expect(refused({ ...common, testType: 'LP217198-3', device: '1065' })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' })) // inactive
    expect(refused({ ...common, testType: '94558-4', device: '1232' })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
    expect(refused({ ...common, testType: 'LP6464-4', result: 'NEGATIVE' })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
  })

  it('states the sample time with seconds and a zone, completing a record time without seconds', () => {
    const sc = (sampledAt: string) => {
      const payload = buildPayload({
        record: record({ type: 'test', testType: 'LP6464-4', sampledAt, result: '260415000', centre: 'Лаборатория', country: 'RU' }),
        names: { familyName: 'Петров', givenName: 'Пётр' },
        issuer,
        uvci,
      })
      expect(validateDcc(payload).valid).toBe(true)
      return 't' in payload ? payload.t[0].sc : undefined
    }
    expect(sc('2021-10-01T10:15+03:00')).toBe('2021-10-01T10:15:00+03:00')
    expect(sc('2021-10-01T10:15Z')).toBe('2021-10-01T10:15:00Z')
    expect(sc('2021-10-01T10:15:42+0300')).toBe('2021-10-01T10:15:42+03:00')
    expect(sc('2021-10-01T10:15:42.250-05:00')).toBe('2021-10-01T10:15:42-05:00')
    expect(sc('2021-10-01 10:15:42z')).toBe('2021-10-01T10:15:42Z')
    for (const bad of [
      '2021-10-01T10:15',
      '2021-10-01T10:15:00',
      '2021-02-30T10:15+03:00',
      '2021-10-01T24:00+03:00',
      '01.10.2021 10:15',
      '',
    ]) {
      expect(() => sc(bad), bad).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
    }
  })

  it('writes names by the script of their letters, whatever the record country', () => {
    const payload = buildPayload({ record: record(sputnik, 'RU'), names: { familyName: 'Қасымова', givenName: 'Іңкәр' }, issuer, uvci })
    expect(payload.nam).toEqual({ fn: 'Қасымова', fnt: 'KASYMOVA', gn: 'Іңкәр', gnt: 'INKAR' })
    expect(() => buildPayload({ record: record(sputnik), names: { familyName: 'Иванова', givenName: 'ვაჟა' }, issuer, uvci })).toThrow(
      expect.objectContaining({ code: 'DCC_NAME', message: expect.stringContaining('U+10D5') }),
    )
    const tj = buildPayload({ record: record(sputnik, 'TJ'), names: { familyName: 'Ғафуров', givenName: 'Қурбон' }, issuer, uvci })
    expect(tj.nam).toMatchObject({ fnt: 'GHAFUROV', gnt: 'QURBON' })
  })

  it('works with a derived UVCI', async () => {
    const ci = await deriveUvci({ country: 'RU', key: new Uint8Array(32).fill(1), material: 'record|event' })
    const payload = buildPayload({ record: record(sputnik), names: { familyName: 'Иванов', givenName: 'Игорь' }, issuer, uvci: ci })
    expect('v' in payload && isValidUvci(payload.v[0].ci)).toBe(true)
  })

  it('refuses products, manufacturers and prophylaxis outside the EU value sets with DCC_PAYLOAD', () => {
    const names = { familyName: 'Иванов', givenName: 'Игорь' }
    for (const patch of [{ product: 'Gam-COVID-Vac' }, { manufacturer: 'ORG-100030215' }, { prophylaxis: '12345' }]) {
      const event = { ...sputnik, ...patch } as NormalizedEvent
      expect(() => buildPayload({ record: record(event), names, issuer, uvci })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
    }
  })

  it('refuses what the schema refuses, naming paths but no personal data', () => {
    const names = { familyName: 'Иванов', givenName: 'Игорь' }
    const bad = [
      { ...sputnik, doseNumber: 0 },
      { ...sputnik, date: '15.07.2021' },
      { ...sputnik, country: '' },
    ] as NormalizedEvent[]
    for (const event of bad) {
      let error: unknown
      try {
        buildPayload({ record: record(event), names, issuer, uvci })
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({ code: 'DCC_PAYLOAD' })
      expect((error as Error).message).toMatch(/\/v\/0\//)
      expect((error as Error).message).not.toMatch(/Иванов|IVANOV|1980|9160000012345678/)
    }
    expect(() => buildPayload({ record: record(sputnik), names, issuer: 'x'.repeat(81), uvci })).toThrow(
      expect.objectContaining({ code: 'DCC_PAYLOAD' }),
    )
    const base = record(sputnik)
    const partial = { ...base, holder: { ...base.holder, identity: { ...base.holder.identity, dateOfBirth: '1899' } } }
    expect(() => buildPayload({ record: partial, names, issuer, uvci })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
  })

  it('refuses names that cannot be written in a DCC with DCC_NAME', () => {
    for (const names of [
      { familyName: ' ', givenName: '' },
      { familyName: '😀', givenName: 'Игорь' },
      { familyName: 'И'.repeat(81), givenName: 'Игорь' },
    ]) {
      expect(() => buildPayload({ record: record(sputnik), names, issuer, uvci })).toThrow(expect.objectContaining({ code: 'DCC_NAME' }))
    }
  })
})

describe('recovery validity window', () => {
  it('narrows a national window to the EU one: from fr + 11 days, until fr + 180 days at most', async () => {
    const { buildPayload } = await import('./payload.ts')
    const record = {
      country: 'RU',
      sourceRef: 'x',
      holder: { identity: { familyName: 'Смирнов', givenName: 'Пётр', dateOfBirth: '1980-01-01' }, shown: {} },
      event: { type: 'recovery' as const, firstPositive: '2021-06-01', validFrom: '2021-06-05', validUntil: '2022-01-01', country: 'RU' },
    }
    const payload = buildPayload({
      record,
      names: { familyName: 'Смирнов', givenName: 'Пётр' },
      issuer: 'Test',
      uvci: 'URN:UVCI:01:RU:ABC#1',
    }) as unknown as { r: { df: string; du: string }[] }
    expect(payload.r[0]).toMatchObject({ df: '2021-06-12', du: '2021-11-28' })
  })
})
