// Fixtures of the shared contract suite for ru-mos: links, and every sandbox record with the exact
// record it must normalise to (or the code it must be refused with). Dated from `today`, like the sandbox.
import type { NormalizedRecord } from '../_sdk/index.ts'
import { type AdapterErrorCode, identityOf } from '../_sdk/index.ts'
import { people, registeredHolderOf, shiftDay, UNKNOWN_NUMBER } from './records.ts'
import { qrLink } from './sandbox.ts'

type Expected = NormalizedRecord | { readonly code: AdapterErrorCode }

const sputnikV = { product: 'Sputnik-V', manufacturer: 'Gamaleya-Research-Institute', prophylaxis: '29061000087103' } as const

export function contractFixtures(today: string) {
  const d = (days: number) => shiftDay(today, days)
  // The registered identity from the record source; the masks and birth date as mos.ru shows them.
  const holder = (person: keyof typeof people, ...words: string[]) => ({
    identity: identityOf(registeredHolderOf(people[person])),
    shown: { name: { form: 'masked' as const, words }, dateOfBirth: people[person].dateOfBirth },
  })
  const fedorov = holder('fedorov', 'Ф******', 'М*****', 'А********')
  // The renewed certificate states the Sputnik Light booster as the third dose of the sequence; the
  // superseded one keeps its own course, Sputnik V 2/2 with its own date.
  const sputnikLightBooster = {
    type: 'vaccination',
    product: 'Sputnik-Light',
    manufacturer: 'Gamaleya-Research-Institute',
    prophylaxis: '29061000087103',
    doseNumber: 3,
    totalDoses: 3,
    date: d(-10),
    country: 'RU',
  } as const
  const sputnikVFirstCourse = { type: 'vaccination', ...sputnikV, doseNumber: 2, totalDoses: 2, date: d(-279), country: 'RU' } as const
  const records: { name: string; qr: string; expected: Expected }[] = [
    {
      name: 'vaccination, Sputnik V 2/2',
      qr: qrLink('4501230000000017'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000017',
        holder: holder('sokolova', 'С*******', 'А***', 'В*********'),
        event: { type: 'vaccination', ...sputnikV, doseNumber: 2, totalDoses: 2, date: d(-39), country: 'RU' },
        expiresOn: d(304),
      },
    },
    {
      name: 'vaccination, EpiVacCorona 1/2',
      qr: qrLink('MOS2021EVC00002'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:MOS2021EVC00002',
        holder: holder('petrov', 'П*****', 'И****', 'С********'),
        event: {
          type: 'vaccination',
          product: 'EpiVacCorona',
          manufacturer: 'Vector-Institute',
          prophylaxis: '1162643001',
          doseNumber: 1,
          totalDoses: 2,
          date: d(-20),
          country: 'RU',
        },
        expiresOn: d(344),
      },
    },
    {
      name: 'vaccination, CoviVac 2/2',
      qr: qrLink('4501230000000033'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000033',
        holder: holder('kim', 'К**', 'О****', 'Д*********'),
        event: {
          type: 'vaccination',
          product: 'CoviVac',
          manufacturer: 'Chumakov-Federal-Scientific-Center',
          prophylaxis: '1157024006',
          doseNumber: 2,
          totalDoses: 2,
          date: d(-31),
          country: 'RU',
        },
        expiresOn: d(319),
      },
    },
    {
      name: 'revaccination: the superseded certificate states its own course until its own end',
      qr: qrLink('4501230000000041'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000041',
        holder: fedorov,
        event: sputnikVFirstCourse,
        expiresOn: d(64),
      },
    },
    {
      name: 'revaccination: the renewed certificate',
      qr: qrLink('4501230000000058'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000058',
        holder: fedorov,
        event: sputnikLightBooster,
        expiresOn: d(354),
      },
    },
    {
      name: 'recovery',
      qr: qrLink('4501230000000066'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000066',
        holder: holder('smirnov', 'С******', 'Д******', 'О*******'),
        event: { type: 'recovery', firstPositive: d(-41), validFrom: d(-30), validUntil: d(150), country: 'RU' },
        expiresOn: d(149),
      },
    },
    {
      name: 'test, PCR negative',
      qr: qrLink('4501230000000074'),
      expected: {
        country: 'RU',
        sourceRef: 'ru-mos:number:4501230000000074',
        holder: holder('zhukova', 'Ж*****', 'Ю***', 'И********'),
        event: {
          type: 'test',
          testType: 'LP6464-4',
          testName: 'ПЦР SARS-CoV-2',
          sampledAt: `${d(-1)}T09:30:00+03:00`,
          result: '260415000',
          centre: 'Лаборатория ДЗМ, Москва',
          country: 'RU',
        },
        expiresOn: d(1),
      },
    },
    { name: 'expired certificate', qr: qrLink('4501230000000082'), expected: { code: 'RECORD_EXPIRED' } },
    { name: 'unmapped product', qr: qrLink('4501230000000090'), expected: { code: 'PRODUCT_UNMAPPED' } },
    { name: 'medical exemption', qr: qrLink('4501230000000108'), expected: { code: 'TYPE_NOT_CONVERTIBLE' } },
    { name: 'not found', qr: qrLink(UNKNOWN_NUMBER), expected: { code: 'RECORD_NOT_FOUND' } },
  ]
  return {
    links: {
      valid: [
        { text: qrLink('4501230000000017'), kind: 'qr' },
        { text: ' https://immune.mos.ru/qr?id=MOS2021EVC00002 \n', kind: 'qr' },
        { text: 'HTTPS://IMMUNE.MOS.RU/qr?id=4501230000000017', kind: 'qr' },
      ],
      foreign: [
        'https://www.gosuslugi.ru/covid-cert/verify/9780000012345678?lang=ru&ck=0123456789abcdef0123456789abcdef',
        'https://www.gosuslugi.ru/covid-cert/status/6f8b5b4e-2c1a-4c1e-9d55-0a8e2c1f3b7a?lang=ru',
        '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422',
        'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC',
        'https://example.org/qr?id=4501230000000017',
      ],
      forged: [
        { text: 'http://immune.mos.ru/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://immune.mos.ru@evil.example/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://evil\\\\@immune.mos.ru/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://immune.mos.ru:8443/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://immune.mos.ru.evil.example/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://immune.m\u043es.ru/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://xn--mmune-3ve.mos.ru/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://mos.ru/qr?id=4501230000000017', code: 'LINK_FORGED' },
        { text: 'https://immune.mos.ru/cert/4501230000000017', code: 'LINK_UNSUPPORTED' },
        { text: 'https://immune.mos.ru/qr?id=45-01', code: 'LINK_MALFORMED' },
        { text: 'https://immune.mos.ru/qr?id=4501230000000017&next=https://evil.example', code: 'LINK_MALFORMED' },
      ],
    },
    records,
    faultProbe: qrLink('4501230000000017'),
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
