// Sample QR links of the ru-gosuslugi sandbox with the holder to claim and the outcome the service
// must give (HTTP status per src/http/status.ts): every link form, type, status and refusal.
import type { CertificateType, SandboxSample } from '../_sdk/index.ts'
import { CK_ANY, people, UNRZ_EMPTY_ITEMS, UNRZ_STATUS_404, UNRZ_UNKNOWN, UUID_UNKNOWN, type GosFixture } from './records.ts'

const ORIGIN = 'https://www.gosuslugi.ru'

export const linkV1 = (f: GosFixture) => `${ORIGIN}/vaccine/cert/verify/${f.uuid}`
export const linkV1Unrz = (f: GosFixture) => `${ORIGIN}/vaccine/cert/verify/unrz/${f.unrz}`
export const linkV2 = (f: Pick<GosFixture, 'unrz' | 'ck'>, lang = 'ru') => `${ORIGIN}/covid-cert/verify/${f.unrz}?lang=${lang}&ck=${f.ck}`
export const linkV3 = (f: Pick<GosFixture, 'uuid'>) => `${ORIGIN}/covid-cert/status/${f.uuid}?lang=ru`
/** The certificate number as people type it from the printout: four groups of four digits. */
export const typedNumber = (f: Pick<GosFixture, 'unrz'>) => f.unrz.replace(/(\d{4})(?=\d)/g, '$1 ')

const issued = (type: CertificateType) => ({ status: 201, type })
const refused = (status: number, code: string) => ({ status, code })
/** Until the requester binds to the registered holder, every refusal about a record is this one. */
const untold = refused(404, 'NO_MATCHING_CERTIFICATE')

/** The fixture of a name (they are all present by construction). */
export function fixtureNamed(fixtures: readonly GosFixture[], name: string): GosFixture {
  const f = fixtures.find((x) => x.name === name)
  if (!f) throw new Error(`no sandbox fixture named ${name}`)
  return f
}

export function sampleList(fixtures: readonly GosFixture[]): SandboxSample[] {
  const f = (name: string) => fixtureNamed(fixtures, name)
  const sputnik = f('vaccination, Sputnik V 2/2')
  const claim = (x: GosFixture) => x.person.claim
  return [
    { name: 'ru-gosuslugi v2 vaccination, Sputnik V 2/2', qr: linkV2(sputnik), holder: claim(sputnik), expect: issued('vaccination') },
    { name: 'ru-gosuslugi v1 vaccination, Sputnik V 2/2', qr: linkV1(sputnik), holder: claim(sputnik), expect: issued('vaccination') },
    {
      name: 'ru-gosuslugi v1-unrz vaccination, Sputnik V 2/2',
      qr: linkV1Unrz(sputnik),
      holder: claim(sputnik),
      expect: issued('vaccination'),
    },
    { name: 'ru-gosuslugi v3 vaccination, Sputnik V 2/2', qr: linkV3(sputnik), holder: claim(sputnik), expect: issued('vaccination') },
    {
      name: 'ru-gosuslugi v2 (lang=en) vaccination, Sputnik Light 1/1',
      qr: linkV2(f('vaccination, Sputnik Light 1/1'), 'en'),
      holder: claim(f('vaccination, Sputnik Light 1/1')),
      expect: issued('vaccination'),
    },
    {
      name: 'ru-gosuslugi v3 vaccination, EpiVacCorona 2/2',
      qr: linkV3(f('vaccination, EpiVacCorona 2/2')),
      holder: claim(f('vaccination, EpiVacCorona 2/2')),
      expect: issued('vaccination'),
    },
    {
      name: 'ru-gosuslugi v1 vaccination, CoviVac 2/2',
      qr: linkV1(f('vaccination, CoviVac 2/2')),
      holder: claim(f('vaccination, CoviVac 2/2')),
      expect: issued('vaccination'),
    },
    { name: 'ru-gosuslugi v2 recovery', qr: linkV2(f('recovery')), holder: claim(f('recovery')), expect: issued('recovery') },
    {
      name: 'ru-gosuslugi v2 test, PCR negative',
      qr: linkV2(f('test, PCR negative')),
      holder: claim(f('test, PCR negative')),
      expect: issued('test'),
    },
    {
      name: 'ru-gosuslugi v2 expired vaccination',
      qr: linkV2(f('expired vaccination')),
      holder: claim(f('expired vaccination')),
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v2 unmapped product, Betuvax-CoV-2',
      qr: linkV2(f('unmapped product, Betuvax-CoV-2')),
      holder: claim(f('unmapped product, Betuvax-CoV-2')),
      expect: refused(422, 'PRODUCT_UNMAPPED'),
    },
    {
      name: 'ru-gosuslugi v2 temporary certificate',
      qr: linkV2(f('temporary certificate')),
      holder: claim(f('temporary certificate')),
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v2 temporary certificate, cancelled',
      qr: linkV2(f('temporary certificate, cancelled')),
      holder: claim(f('temporary certificate, cancelled')),
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v3 medical exemption',
      qr: linkV3(f('medical exemption (v3, untyped)')),
      holder: claim(f('medical exemption (v3, untyped)')),
      expect: refused(422, 'TYPE_NOT_CONVERTIBLE'),
    },
    {
      name: 'ru-gosuslugi v2 not valid (status 0)',
      qr: linkV2(f('not valid (status 0)')),
      holder: claim(f('not valid (status 0)')),
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v2 not found (status "404")',
      qr: linkV2({ unrz: UNRZ_STATUS_404, ck: CK_ANY }),
      holder: people.zhukova.claim,
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v2 not found (empty items)',
      qr: linkV2({ unrz: UNRZ_EMPTY_ITEMS, ck: CK_ANY }),
      holder: people.zhukova.claim,
      expect: untold,
    },
    {
      name: 'ru-gosuslugi v2 not found (HTTP 404)',
      qr: linkV2({ unrz: UNRZ_UNKNOWN, ck: CK_ANY }),
      holder: people.zhukova.claim,
      expect: untold,
    },
    { name: 'ru-gosuslugi v3 not found', qr: linkV3({ uuid: UUID_UNKNOWN }), holder: people.zhukova.claim, expect: untold },
    { name: 'ru-gosuslugi holder mismatch', qr: linkV2(sputnik), holder: { ...claim(sputnik), givenName: 'Ирина' }, expect: untold },
    {
      name: 'ru-gosuslugi certificate number typed by hand',
      qr: typedNumber(sputnik),
      holder: claim(sputnik),
      expect: issued('vaccination'),
    },
    {
      name: 'ru-gosuslugi v2 test, antigen negative (status "0")',
      qr: linkV2(f('test, antigen negative (status "0")')),
      holder: claim(f('test, antigen negative (status "0")')),
      expect: issued('test'),
    },
    {
      name: 'ru-gosuslugi v2 test, check and register disagree on the result',
      qr: linkV2(f('test, check and register disagree on the result')),
      holder: claim(f('test, check and register disagree on the result')),
      expect: refused(422, 'RECORD_INCONSISTENT'),
    },
    {
      name: 'ru-gosuslugi v1 vaccine named differently by the check and the register',
      qr: linkV1(f('vaccination, v1 names another vaccine')),
      holder: claim(f('vaccination, v1 names another vaccine')),
      expect: refused(422, 'RECORD_INCONSISTENT'),
    },
    {
      name: 'ru-gosuslugi v2 Sputnik Light booster after Sputnik V 2/2',
      qr: linkV2(f('vaccination, Sputnik Light booster after Sputnik V 2/2')),
      holder: claim(f('vaccination, Sputnik Light booster after Sputnik V 2/2')),
      expect: issued('vaccination'),
    },
    {
      name: 'ru-gosuslugi forged link (userinfo)',
      qr: `https://www.gosuslugi.ru@evil.example/covid-cert/verify/${sputnik.unrz}?lang=ru&ck=${sputnik.ck}`,
      holder: claim(sputnik),
      expect: refused(400, 'LINK_FORGED'),
    },
  ]
}
