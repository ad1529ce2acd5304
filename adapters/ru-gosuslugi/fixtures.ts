// Fixtures of the shared contract suite for ru-gosuslugi: links, and the sandbox records with the
// exact record each normalises to (or its refusal). Dated from `today`, like the sandbox.
import type { ContractFixtures } from '../_sdk/index.ts'
import type { NormalizedRecord } from '../_sdk/index.ts'
import { identityOf } from '../_sdk/index.ts'
import {
  gosFixtures,
  maskPassport,
  maskWord,
  registeredHolderOf,
  CK_ANY,
  UNRZ_EMPTY_ITEMS,
  UNRZ_STATUS_404,
  UNRZ_UNKNOWN,
  UUID_UNKNOWN,
  type GosFixture,
} from './records.ts'
import { fixtureNamed, linkV1, linkV1Unrz, linkV2, linkV3, typedNumber } from './samples.ts'

const gamaleya = { manufacturer: 'Gamaleya-Research-Institute', prophylaxis: '29061000087103' } as const

function expected(f: GosFixture, event: NormalizedRecord['event']): NormalizedRecord {
  const { familyName, givenName, patronymic, dateOfBirth, documentNumber } = f.person.claim
  return {
    country: 'RU',
    sourceRef: `ru-gosuslugi:unrz:${f.unrz}`,
    holder: {
      identity: identityOf(registeredHolderOf(f.person)),
      shown: {
        name: { form: 'masked', words: [familyName, givenName, patronymic].map(maskWord), latinWords: f.person.latin.map(maskWord) },
        dateOfBirth,
        documentMask: maskPassport(documentNumber),
      },
    },
    event,
    expiresOn: f.expiredAt,
  }
}

export function contractFixtures(today: string): ContractFixtures {
  const all = gosFixtures(today)
  const f = (name: string) => fixtureNamed(all, name)
  const sputnik = f('vaccination, Sputnik V 2/2')
  const sputnikRecord = expected(sputnik, {
    type: 'vaccination',
    product: 'Sputnik-V',
    ...gamaleya,
    doseNumber: 2,
    totalDoses: 2,
    date: sputnik.event!.type === 'vaccination' ? sputnik.event!.date : '',
    country: 'RU',
  })
  const vacc = (
    name: string,
    product: string,
    manufacturer: string,
    prophylaxis: string,
    dose: number,
    doses: number,
  ): NormalizedRecord => {
    const x = f(name)
    return expected(x, {
      type: 'vaccination',
      product,
      manufacturer,
      prophylaxis,
      doseNumber: dose,
      totalDoses: doses,
      date: x.event!.type === 'vaccination' ? x.event!.date : '',
      country: 'RU',
    })
  }
  const recovery = f('recovery')
  const test = f('test, PCR negative')
  const testEvent = test.event!.type === 'test' ? test.event : undefined
  const recoveryEvent = recovery.event!.type === 'recovery' ? recovery.event : undefined
  const antigen = f('test, antigen negative (status "0")')
  const antigenEvent = antigen.event!.type === 'test' ? antigen.event : undefined
  return {
    links: {
      valid: [
        { text: linkV1(sputnik), kind: 'v1' },
        {
          text: linkV1(sputnik)
            .toUpperCase()
            .replace('HTTPS://WWW.GOSUSLUGI.RU/VACCINE/CERT/VERIFY/', 'https://www.gosuslugi.ru/vaccine/cert/verify/'),
          kind: 'v1',
        },
        { text: linkV1Unrz(sputnik), kind: 'v1-unrz' },
        { text: linkV2(sputnik), kind: 'v2' },
        { text: `  ${linkV2(sputnik, 'en')}\n`, kind: 'v2' },
        { text: linkV3(sputnik), kind: 'v3' },
        { text: typedNumber(sputnik), kind: 'v1-unrz' },
        { text: sputnik.unrz, kind: 'v1-unrz' },
        { text: `https://www.gosuslugi.ru/covid-cert/status/${sputnik.uuid.toUpperCase()}?lang=en`, kind: 'v3' },
      ],
      foreign: [
        'https://immune.mos.ru/qr?id=4501230000000017',
        '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422',
        'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC',
        'https://example.org/covid/verify/9000000000000001',
        'hello',
      ],
      forged: [
        { text: linkV2(sputnik).replace('https:', 'http:'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('https://www.gosuslugi.ru', 'https://evil\\\\@www.gosuslugi.ru'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('https://www.gosuslugi.ru', 'https://www.gosuslugi.ru@evil.example'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('https://www.gosuslugi.ru', 'https://user@www.gosuslugi.ru'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'www.gosuslugi.ru:8443'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'gosuslugi.ru'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'www.gosuslugi.ru.evil.example'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'www.gosusIugi.ru'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'www.g\u043esuslugi.ru'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace('www.gosuslugi.ru', 'www.xn--gsuslugi-7hg.ru'), code: 'LINK_FORGED' },
        { text: linkV3(sputnik).replace('www.gosuslugi.ru', 'www.gosuslugi.ru.\u0441om'), code: 'LINK_FORGED' },
        { text: linkV2(sputnik).replace(sputnik.unrz, sputnik.unrz.slice(1)), code: 'LINK_MALFORMED' },
        { text: linkV2(sputnik).replace(sputnik.ck, sputnik.ck.slice(2)), code: 'LINK_MALFORMED' },
        { text: linkV2(sputnik).replace(`&ck=${sputnik.ck}`, ''), code: 'LINK_MALFORMED' },
        { text: `${linkV2(sputnik)}&next=https://evil.example`, code: 'LINK_MALFORMED' },
        { text: linkV3(sputnik).replace(sputnik.uuid, sputnik.uuid.slice(0, 30)), code: 'LINK_MALFORMED' },
        { text: linkV1Unrz(sputnik).replace(sputnik.unrz, `${sputnik.unrz}0`), code: 'LINK_MALFORMED' },
        { text: 'https://www.gosuslugi.ru/ru/help/covid', code: 'LINK_UNSUPPORTED' },
      ],
    },
    records: [
      { name: 'v1: Sputnik V 2/2', qr: linkV1(sputnik), expected: sputnikRecord },
      { name: 'v1-unrz: Sputnik V 2/2 (same record)', qr: linkV1Unrz(sputnik), expected: sputnikRecord },
      { name: 'v2: Sputnik V 2/2 (same record)', qr: linkV2(sputnik), expected: sputnikRecord },
      { name: 'v3: Sputnik V 2/2 (same record)', qr: linkV3(sputnik), expected: sputnikRecord },
      {
        name: 'v2 lang=en: Sputnik Light 1/1',
        qr: linkV2(f('vaccination, Sputnik Light 1/1'), 'en'),
        expected: vacc('vaccination, Sputnik Light 1/1', 'Sputnik-Light', gamaleya.manufacturer, gamaleya.prophylaxis, 1, 1),
      },
      {
        name: 'v3: EpiVacCorona 2/2',
        qr: linkV3(f('vaccination, EpiVacCorona 2/2')),
        expected: vacc('vaccination, EpiVacCorona 2/2', 'EpiVacCorona', 'Vector-Institute', '1162643001', 2, 2),
      },
      {
        name: 'v1: CoviVac 2/2',
        qr: linkV1(f('vaccination, CoviVac 2/2')),
        expected: vacc('vaccination, CoviVac 2/2', 'CoviVac', 'Chumakov-Federal-Scientific-Center', '1157024006', 2, 2),
      },
      {
        name: 'v2: recovery',
        qr: linkV2(recovery),
        expected: expected(recovery, {
          type: 'recovery',
          firstPositive: recoveryEvent!.firstPositive,
          validFrom: recoveryEvent!.validFrom,
          validUntil: recoveryEvent!.validUntil,
          country: 'RU',
        }),
      },
      {
        name: 'v2: test, PCR negative',
        qr: linkV2(test),
        expected: expected(test, {
          type: 'test',
          testType: 'LP6464-4',
          testName: testEvent!.testName!,
          sampledAt: testEvent!.sampledAt,
          result: '260415000',
          centre: testEvent!.centre,
          country: 'RU',
        }),
      },
      { name: 'v2: expired (status 3)', qr: linkV2(f('expired vaccination')), expected: { code: 'RECORD_EXPIRED' } },
      { name: 'v3: expired', qr: linkV3(f('expired vaccination')), expected: { code: 'RECORD_EXPIRED' } },
      { name: 'v1: expired', qr: linkV1(f('expired vaccination')), expected: { code: 'RECORD_EXPIRED' } },
      { name: 'v2: unmapped product', qr: linkV2(f('unmapped product, Betuvax-CoV-2')), expected: { code: 'PRODUCT_UNMAPPED' } },
      { name: 'v2: temporary certificate', qr: linkV2(f('temporary certificate')), expected: { code: 'TYPE_NOT_CONVERTIBLE' } },
      {
        name: 'v2: temporary certificate, cancelled',
        qr: linkV2(f('temporary certificate, cancelled')),
        expected: { code: 'RECORD_REVOKED' },
      },
      { name: 'v3: medical exemption', qr: linkV3(f('medical exemption (v3, untyped)')), expected: { code: 'TYPE_NOT_CONVERTIBLE' } },
      { name: 'v3: antibody certificate', qr: linkV3(f('antibody certificate (v3, untyped)')), expected: { code: 'TYPE_NOT_CONVERTIBLE' } },
      { name: 'v2: not valid (status 0)', qr: linkV2(f('not valid (status 0)')), expected: { code: 'RECORD_INVALID' } },
      { name: 'v1: not valid (status 0)', qr: linkV1(f('not valid (status 0)')), expected: { code: 'RECORD_INVALID' } },
      { name: 'v2: not found, status "404"', qr: linkV2({ unrz: UNRZ_STATUS_404, ck: CK_ANY }), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'v2: not found, empty items', qr: linkV2({ unrz: UNRZ_EMPTY_ITEMS, ck: CK_ANY }), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'v2: not found, HTTP 404', qr: linkV2({ unrz: UNRZ_UNKNOWN, ck: CK_ANY }), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'v2: wrong ck', qr: linkV2({ unrz: sputnik.unrz, ck: CK_ANY }), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'v1-unrz: not found', qr: linkV1Unrz({ unrz: UNRZ_UNKNOWN } as GosFixture), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'v3: not found', qr: linkV3({ uuid: UUID_UNKNOWN }), expected: { code: 'RECORD_NOT_FOUND' } },
      { name: 'typed certificate number: Sputnik V 2/2 (same record)', qr: typedNumber(sputnik), expected: sputnikRecord },
      {
        name: 'v2: test, antigen negative, status "0"',
        qr: linkV2(antigen),
        expected: expected(antigen, {
          type: 'test',
          testType: 'LP217198-3',
          device: '1232',
          sampledAt: antigenEvent!.sampledAt,
          result: '260415000',
          centre: antigenEvent!.centre,
          country: 'RU',
        }),
      },
      {
        name: 'v2: check and register disagree on the test result',
        qr: linkV2(f('test, check and register disagree on the result')),
        expected: { code: 'RECORD_INCONSISTENT' },
      },
      {
        name: 'v1: check names another vaccine than the register',
        qr: linkV1(f('vaccination, v1 names another vaccine')),
        expected: { code: 'RECORD_INCONSISTENT' },
      },
      {
        name: 'v2: Sputnik Light booster after Sputnik V 2/2 is the third dose',
        qr: linkV2(f('vaccination, Sputnik Light booster after Sputnik V 2/2')),
        expected: vacc(
          'vaccination, Sputnik Light booster after Sputnik V 2/2',
          'Sputnik-Light',
          gamaleya.manufacturer,
          gamaleya.prophylaxis,
          3,
          3,
        ),
      },
      {
        name: 'v3 on the older covid-cert v2 status path: medical exemption',
        qr: linkV3(f('medical exemption (v3, untyped)')),
        expected: { code: 'TYPE_NOT_CONVERTIBLE' },
      },
    ],
    faultProbe: linkV2(sputnik),
  }
}
