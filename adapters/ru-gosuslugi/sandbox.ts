// The ru-gosuslugi sandbox: the Gosuslugi public check API (v1, v1-unrz with its double slash, v2 on
// both /v3/ and /v4/, v3) and the record source, in their wire formats, served from records.ts and,
// when asked for, a synthetic population (population.ts) through the same paths. Web APIs only (a Hono app).
import { Hono } from 'hono'
import { type AdapterSandbox, isoDay, type SandboxOptions, type SandboxSample } from '../_sdk/index.ts'
import {
  gosFixtures,
  maskPassport,
  maskWord,
  registeredHolderOf,
  ruDate,
  UNRZ_EMPTY_ITEMS,
  UNRZ_STATUS_404,
  type GosFixture,
} from './records.ts'
import { gosPopulation } from './population.ts'
import { sampleList } from './samples.ts'
import { V3_STATUS_PATHS } from './retrieve.ts'

export const SANDBOX_TOKEN = 'sandbox-test-token-ru-gosuslugi'
/** A 1×1 PNG standing in for the QR image Gosuslugi returns (the adapter never reads it). */
const PLACEHOLDER_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg=='

/** The common sandbox options (population, today). */
export type GosuslugiSandboxOptions = SandboxOptions

const TITLES: Readonly<Record<string, [string, string]>> = {
  VACCINE_CERT: ['Сертификат вакцинации от COVID-19', 'Certificate of COVID-19 vaccination'],
  ILLNESS_FACT: ['Сертификат о перенесённом заболевании COVID-19', 'Certificate of COVID-19 recovery'],
  COVID_TEST: ['Результат теста на COVID-19', 'COVID-19 test result'],
  TEMPORARY_CERT: ['Временный сертификат', 'Temporary certificate'],
}

function words(f: GosFixture): { value: string; envalue: string } {
  const { familyName, givenName, patronymic } = f.person.claim
  return { value: [familyName, givenName, patronymic].map(maskWord).join(' '), envalue: f.person.latin.map(maskWord).join(' ') }
}

function attrs(f: GosFixture) {
  const fio = words(f)
  const passport = maskPassport(f.person.claim.documentNumber)
  return [
    { type: 'fio', title: 'ФИО', entitle: 'Full name', ...fio, order: 1 },
    {
      type: 'birthDate',
      title: 'Дата рождения',
      entitle: 'Date of birth',
      value: ruDate(f.person.claim.dateOfBirth),
      envalue: ruDate(f.person.claim.dateOfBirth),
      order: 2,
    },
    { type: 'passport', title: 'Паспорт', entitle: 'Passport', value: passport, envalue: passport, order: 3 },
    { type: 'enPassport', title: 'Загранпаспорт', entitle: 'International passport', value: '', envalue: '', order: 4 },
  ]
}

function v1Body(f: GosFixture) {
  const fio = words(f)
  const passport = maskPassport(f.person.claim.documentNumber)
  const product = f.event?.type === 'vaccination' ? f.event.product : ''
  return {
    unrz: f.unrz,
    fio: fio.value,
    enFio: fio.envalue,
    birthdate: ruDate(f.person.claim.dateOfBirth),
    doc: passport,
    enDoc: passport,
    stuff: f.v1Stuff ?? product,
    enStuff: f.v1Stuff ?? product,
    singlePhase: f.event?.type === 'vaccination' && f.event.doses === 1 ? 'Y' : 'N',
    qr: PLACEHOLDER_PNG,
    expiredAt: ruDate(f.expiredAt),
    status: f.status === '1' ? '1' : '0',
  }
}

function v2Item(f: GosFixture) {
  const [title, entitle] = TITLES[f.type]!
  return {
    type: f.type,
    unrz: f.unrz.slice(1),
    unrzFull: f.unrz,
    attrs: attrs(f),
    title,
    entitle,
    qr: PLACEHOLDER_PNG,
    status: f.status,
    order: 0,
    expiredAt: ruDate(f.expiredAt),
    serviceUnavailable: false,
  }
}

function v3Body(f: GosFixture, today: string) {
  const [title, entitle] = TITLES[f.type]!
  return {
    certId: f.unrz,
    title,
    entitle,
    expiredAt: ruDate(f.expiredAt),
    validFrom: ruDate(f.validFrom),
    isExpired: f.status === '3' || f.expiredAt < today,
    isBeforeValidFrom: f.validFrom > today,
    isCertFound: true,
    attrs: attrs(f),
    serviceUnavailable: false,
  }
}

export function createSandbox(options: GosuslugiSandboxOptions = {}): AdapterSandbox {
  const today = options.today ?? isoDay(new Date())
  const fixtures = gosFixtures(today)
  const fixtureByUnrz = new Map(fixtures.map((f) => [f.unrz, f]))
  const fixtureByUuid = new Map(fixtures.map((f) => [f.uuid, f]))
  const population = gosPopulation(options.population ?? 0, today)
  const byUnrz = { get: (unrz: string) => fixtureByUnrz.get(unrz) ?? population.byUnrz(unrz) }
  const byUuid = { get: (uuid: string) => fixtureByUuid.get(uuid) ?? population.byUuid(uuid) }
  const app = new Hono()
  const notFound = { error: 'Not Found', status: 404 }

  const v1 = (f: GosFixture | undefined) =>
    f && f.type === 'VACCINE_CERT' ? Response.json(v1Body(f)) : Response.json(notFound, { status: 404 })
  // The official page builds /verify//unrz/<unrz>; the single-slash form does not exist.
  app.use('/api/vaccine/v1/cert/verify/*', async (c, next) => {
    const path = new URL(c.req.url).pathname
    const unrz = /^\/api\/vaccine\/v1\/cert\/verify\/\/unrz\/(\d{16})$/.exec(path)
    if (unrz) return v1(byUnrz.get(unrz[1]!))
    const uuid = /^\/api\/vaccine\/v1\/cert\/verify\/([0-9a-f-]{36})$/.exec(path)
    if (uuid) return v1(byUuid.get(uuid[1]!))
    return next()
  })

  for (const version of ['v3', 'v4']) {
    app.get(`/api/covid-cert/${version}/cert/check/:unrz`, (c) => {
      const unrz = c.req.param('unrz')
      if (unrz === UNRZ_EMPTY_ITEMS) return c.json({ items: [], hasNext: false })
      if (unrz === UNRZ_STATUS_404)
        return c.json({
          items: [
            { type: 'VACCINE_CERT', unrz: unrz.slice(1), unrzFull: unrz, attrs: [], status: '404', order: 0, serviceUnavailable: false },
          ],
          hasNext: false,
        })
      const f = byUnrz.get(unrz)
      if (!f) return c.json(notFound, 404)
      if (c.req.query('ck') !== f.ck) return c.json({ items: [], hasNext: false })
      return c.json({ items: [v2Item(f)], hasNext: false })
    })
  }

  // Status links are served on three paths, as real clients call them; a fixture lives on one of them
  // (statusPath), and the others answer HTTP 404 for it, so the adapter's fallback is exercised.
  V3_STATUS_PATHS.forEach((path, index) => {
    app.get(`${path}:uuid`, (c) => {
      const f = byUuid.get(c.req.param('uuid'))
      if (!f)
        return index === 0
          ? c.json({ isCertFound: false, isExpired: false, isBeforeValidFrom: false, attrs: [], serviceUnavailable: false })
          : c.json(notFound, 404)
      if ((f.statusPath ?? 0) !== index) return c.json(notFound, 404)
      return c.json(v3Body(f, today))
    })
  })

  app.get('/record-source/v1/certificates/:certId', (c) => {
    if (c.req.header('authorization') !== `Bearer ${SANDBOX_TOKEN}`) return c.json({ error: 'unauthorized' }, 401)
    const f = byUnrz.get(c.req.param('certId'))
    if (!f || f.event === null) return c.json({ error: 'not found' }, 404)
    return c.json({ certId: f.unrz, holder: registeredHolderOf(f.person), event: f.event })
  })

  app.notFound((c) => c.json(notFound, 404))

  return {
    fetch: (request) => app.fetch(request),
    config: (baseUrl) => ({ BASE_URL: baseUrl, RECORD_SOURCE_URL: `${baseUrl}/record-source`, RECORD_SOURCE_TOKEN: SANDBOX_TOKEN }),
    samples: (): readonly SandboxSample[] => sampleList(fixtures),
    populationSamples: () => population.samples(),
  }
}
