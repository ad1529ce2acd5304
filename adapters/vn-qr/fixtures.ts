// Fixtures of the shared contract suite for vn-qr: QR texts, and every sandbox record with the exact
// record it must normalise to (or the code it must be refused with). Dated from `today`, like the sandbox.
import type { NormalizedRecord, VaccinationEvent } from '../_sdk/index.ts'
import type { AdapterErrorCode } from '../_sdk/index.ts'
import { shiftDay, vnFixtures } from './records.ts'

type Expected = NormalizedRecord | { readonly code: AdapterErrorCode }

const EXAMPLE = '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422'

export function contractFixtures(today: string) {
  const d = (days: number) => shiftDay(today, days)
  const qrOf = (name: string): string => {
    const fixture = vnFixtures(today).find((f) => f.name === name)
    if (!fixture) throw new Error(`no vn-qr fixture named ${name}`)
    return fixture.qr
  }
  /** The registered identity and what the QR text itself shows (HoTen, NgaySinh, SoGiayTo). */
  const holderOf = (name: string, familyName: string, givenName: string, dateOfBirth: string, documentMask: string | undefined) => {
    const [, shownName, shownBirth] = qrOf(name).trim().split('|')
    return {
      identity: { familyName, givenName, dateOfBirth },
      shown: {
        name: { form: 'clear' as const, fullName: shownName! },
        dateOfBirth: shownBirth!,
        ...(documentMask ? { documentMask } : {}),
      },
    }
  }
  const vaccinated = (
    name: string,
    qid: string,
    familyName: string,
    givenName: string,
    dateOfBirth: string,
    documentMask: string | undefined,
    product: Pick<VaccinationEvent, 'product' | 'manufacturer' | 'prophylaxis'>,
    doseNumber: number,
    totalDoses: number,
    daysAgo: number,
  ) => ({
    name,
    qr: qrOf(name),
    expected: {
      country: 'VN',
      sourceRef: `vn-qr:qid:${qid}`,
      holder: holderOf(name, familyName, givenName, dateOfBirth, documentMask),
      event: { type: 'vaccination', ...product, doseNumber, totalDoses, date: d(-daysAgo), country: 'VN' },
    } satisfies NormalizedRecord,
  })
  const vaxzevria = { product: 'EU/1/21/1529', manufacturer: 'ORG-100001699', prophylaxis: '29061000087103' }
  const comirnaty = { product: 'EU/1/20/1528', manufacturer: 'ORG-100030215', prophylaxis: '1119349007' }
  const records: { name: string; qr: string; expected: Expected }[] = [
    vaccinated(
      'vaccination, AstraZeneca (Vaxzevria) 2/2',
      '162979388586171100',
      'Nguyễn',
      'Văn A',
      '1987-01-18',
      '001093029317',
      vaxzevria,
      2,
      2,
      40,
    ),
    vaccinated(
      'vaccination, Pfizer-BioNTech booster 3/3',
      '162979388586171201',
      'Trần',
      'Thị Ngọc Hân',
      '1992-06-05',
      '0251****9',
      comirnaty,
      3,
      3,
      20,
    ),
    vaccinated(
      'vaccination, Moderna 2/2, passport',
      '162979388586171302',
      'Đặng',
      'Quốc Bảo',
      '1978-11-23',
      'C1234567',
      { product: 'EU/1/20/1507', manufacturer: 'ORG-100031184', prophylaxis: '1119349007' },
      2,
      2,
      50,
    ),
    vaccinated(
      'vaccination, Covishield 2/2, date of birth masked',
      '162979388586171403',
      'Lê',
      'Thị Thu Trang',
      '1965-04-02',
      '079165******',
      { product: 'Covishield', manufacturer: 'ORG-100001981', prophylaxis: '29061000087103' },
      2,
      2,
      60,
    ),
    vaccinated(
      'vaccination, Sinopharm BIBP 2/2',
      '162979388586171504',
      'Phạm',
      'Minh Đức',
      '1959-08-30',
      '031059000123',
      { product: 'BBIBP-CorV', manufacturer: 'ORG-100020693', prophylaxis: '1157024006' },
      2,
      2,
      70,
    ),
    vaccinated(
      'vaccination, Sputnik V 1/2',
      '162979388586171605',
      'Hoàng',
      'Văn Dũng',
      '1983-02-14',
      '040083000456',
      { product: 'Sputnik-V', manufacturer: 'Gamaleya-Research-Institute', prophylaxis: '29061000087103' },
      1,
      2,
      15,
    ),
    vaccinated(
      'vaccination, Abdala 3/3',
      '162979388586171706',
      'Võ',
      'Thị Mai',
      '1990-12-01',
      '052190000789',
      { product: 'Abdala', manufacturer: 'CIGB', prophylaxis: '28531000087107' },
      3,
      3,
      30,
    ),
    vaccinated(
      'vaccination, Janssen 1/1',
      '162979388586171807',
      'Bùi',
      'Anh Tuấn',
      '1975-07-07',
      '034075001122',
      { product: 'EU/1/20/1525', manufacturer: 'ORG-100001417', prophylaxis: '29061000087103' },
      1,
      1,
      90,
    ),
    vaccinated(
      'vaccination, Hayat-Vax 2/2',
      '162979388586171908',
      'Ngô',
      'Thị Hồng',
      '1968-03-19',
      '036168003344',
      { product: 'Hayat-Vax', manufacturer: 'ORG-100023050', prophylaxis: '1157024006' },
      2,
      2,
      25,
    ),
    // on behalf of a child: the QR's document is the representative's, so no documentMask
    vaccinated(
      'on behalf of a child, Pfizer-BioNTech 1/2',
      '162979388586172110',
      'Nguyễn',
      'Ngọc Bảo Anh',
      '2015-09-12',
      undefined,
      comirnaty,
      1,
      2,
      12,
    ),
    {
      name: 'recovery',
      qr: qrOf('recovery'),
      expected: {
        country: 'VN',
        sourceRef: 'vn-qr:qid:162979388586172211',
        holder: holderOf('recovery', 'Huỳnh', 'Thanh Tùng', '1994-10-10', '083094005566'),
        event: { type: 'recovery', firstPositive: d(-20), validFrom: d(-9), validUntil: d(160), country: 'VN' },
      },
    },
    {
      name: 'test, PCR negative',
      qr: qrOf('test, PCR negative'),
      expected: {
        country: 'VN',
        sourceRef: 'vn-qr:qid:162979388586172312',
        holder: holderOf('test, PCR negative', 'Đỗ', 'Thị Lan', '1999-05-25', '001199007788'),
        event: {
          type: 'test',
          testType: 'LP6464-4',
          testName: 'Real-time RT-PCR SARS-CoV-2',
          sampledAt: `${d(-1)}T10:00:00+07:00`,
          result: '260415000',
          centre: 'CDC Hà Nội',
          country: 'VN',
        },
      },
    },
    { name: 'unmapped product, Nanocovax', qr: qrOf('unmapped product, Nanocovax'), expected: { code: 'PRODUCT_UNMAPPED' } },
    { name: 'expired recovery', qr: qrOf('expired recovery'), expected: { code: 'RECORD_EXPIRED' } },
    { name: 'revoked record', qr: qrOf('revoked record'), expected: { code: 'RECORD_REVOKED' } },
    // The QR's birth date is not the register's: the adapter hands both on; the bridge refuses the
    // record as inconsistent once the requester has bound to the registered holder.
    vaccinated(
      'QR does not designate the record holder',
      '162979388586172615',
      'Trần',
      'Văn Bình',
      '1991-01-01',
      '024091002468',
      { product: 'EU/1/20/1507', manufacturer: 'ORG-100031184', prophylaxis: '1119349007' },
      1,
      2,
      10,
    ),
    { name: 'not found', qr: qrOf('not found'), expected: { code: 'RECORD_NOT_FOUND' } },
  ]
  return {
    links: {
      valid: [
        { text: EXAMPLE, kind: 'self' },
        { text: `  ${qrOf('on behalf of a child, Pfizer-BioNTech 1/2')}\n`, kind: 'on-behalf' },
        { text: qrOf('vaccination, Covishield 2/2, date of birth masked'), kind: 'self' },
        { text: qrOf('vaccination, Moderna 2/2, passport'), kind: 'self' },
      ],
      foreign: [
        'https://immune.mos.ru/qr?id=4501230000000017',
        'https://www.gosuslugi.ru/covid-cert/status/6f8b5b4e-2c1a-4c1e-9d55-0a8e2c1f3b7a?lang=ru',
        'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC',
        'just some text',
        'a|b|c',
      ],
      forged: [
        { text: EXAMPLE.replace('NGUYEN VAN A', 'Nguyễn Văn A'), code: 'LINK_MALFORMED' },
        { text: EXAMPLE.replace('1987-01-18', '18/01/1987'), code: 'LINK_MALFORMED' },
        { text: EXAMPLE.replace('|0|', '|7|'), code: 'LINK_MALFORMED' },
        { text: EXAMPLE.replace('001093029317', '0010930293'), code: 'LINK_MALFORMED' },
        { text: EXAMPLE.replace('162979388586171100', 'QID'), code: 'LINK_MALFORMED' },
        { text: `${EXAMPLE}|extra`, code: 'LINK_MALFORMED' },
        { text: '001093029317|NGUYEN VAN A|1987-01-18|0', code: 'LINK_MALFORMED' },
      ],
    },
    records,
    faultProbe: EXAMPLE,
  } satisfies {
    links: {
      valid: { text: string; kind: string }[]
      foreign: string[]
      forged: { text: string; code: 'LINK_FORGED' | 'LINK_UNSUPPORTED' | 'LINK_MALFORMED' }[]
    }
    records: { name: string; qr: string; expected: Expected }[]
    faultProbe: string
  }
}
