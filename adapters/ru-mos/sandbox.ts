// The ru-mos sandbox: mos.ru's public check API and the Moscow record source, in their wire formats,
// served from the fixture records in records.ts and, when asked for, a synthetic population
// (population.ts) through the same paths. Web APIs only (a Hono app).
import { Hono } from 'hono'
import type { AdapterSandbox, SandboxOptions, SandboxSample } from '../_sdk/index.ts'
import { mosPopulation } from './population.ts'
import { mosFixtures, people, registeredHolderOf, UNKNOWN_NUMBER, type MosFixture } from './records.ts'

export const SANDBOX_TOKEN = 'sandbox-test-token-ru-mos'
/** A 1×1 PNG standing in for the QR image mos.ru returns (the adapter never reads it). */
const PLACEHOLDER_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg=='

/** The common sandbox options (population, today). */
export type MosSandboxOptions = SandboxOptions

export function qrLink(number: string): string {
  return `https://immune.mos.ru/qr?id=${number}`
}

function samples(fixtures: readonly MosFixture[]): SandboxSample[] {
  const expectations: Readonly<Record<string, SandboxSample['expect']>> = {
    'vaccination, Sputnik V 2/2': { status: 201, type: 'vaccination' },
    'vaccination, EpiVacCorona 1/2': { status: 201, type: 'vaccination' },
    'vaccination, CoviVac 2/2': { status: 201, type: 'vaccination' },
    'revaccination, superseded certificate of the first course': { status: 201, type: 'vaccination' },
    'revaccination, renewed certificate, Sputnik Light booster': { status: 201, type: 'vaccination' },
    recovery: { status: 201, type: 'recovery' },
    'test, PCR negative': { status: 201, type: 'test' },
    'expired certificate': { status: 422, code: 'RECORD_EXPIRED' },
    'unmapped product, Betuvax-CoV-2': { status: 422, code: 'PRODUCT_UNMAPPED' },
    'medical exemption, no EU equivalent': { status: 422, code: 'TYPE_NOT_CONVERTIBLE' },
  }
  const list: SandboxSample[] = fixtures.map((f) => ({
    name: `ru-mos ${f.name}`,
    qr: qrLink(f.number),
    holder: f.person,
    expect: expectations[f.name] ?? { status: 500 },
  }))
  list.push(
    {
      name: 'ru-mos not found',
      qr: qrLink(UNKNOWN_NUMBER),
      holder: people.sokolova,
      expect: { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
    },
    {
      name: 'ru-mos holder mismatch',
      qr: qrLink(fixtures[0]!.number),
      holder: { ...people.petrov },
      expect: { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
    },
    {
      name: 'ru-mos forged link (userinfo)',
      qr: `https://immune.mos.ru@evil.example/qr?id=${fixtures[0]!.number}`,
      holder: people.sokolova,
      expect: { status: 400, code: 'LINK_FORGED' },
    },
  )
  return list
}

export function createSandbox(options: MosSandboxOptions = {}): AdapterSandbox {
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  const fixtures = mosFixtures(today)
  const fixtureByNumber = new Map(fixtures.map((f) => [f.number, f]))
  const population = mosPopulation(options.population ?? 0, today)
  const byNumber = { get: (number: string) => fixtureByNumber.get(number) ?? population.byNumber(number) }
  const app = new Hono()

  app.post('/api/search_by_number_form', async (c) => {
    const body: unknown = await c.req.json().catch(() => null)
    const number = typeof body === 'object' && body !== null ? (body as { number?: unknown }).number : undefined
    if (typeof number !== 'string') return c.json({ result: null, error: 'number is required' }, 400)
    const fixture = byNumber.get(number)
    if (!fixture) return c.json({ result: null }, 404)
    return c.json({ result: { number, qrCode: PLACEHOLDER_PNG, certificate: fixture.certificate } })
  })

  app.get('/record-source/v1/certificates/:number', (c) => {
    if (c.req.header('authorization') !== `Bearer ${SANDBOX_TOKEN}`) return c.json({ error: 'unauthorized' }, 401)
    const fixture = byNumber.get(c.req.param('number'))
    if (!fixture?.record) return c.json({ error: 'not found' }, 404)
    return c.json({ ...fixture.record, holder: registeredHolderOf(fixture.person) })
  })

  return {
    fetch: (request) => app.fetch(request),
    config: (baseUrl) => ({ BASE_URL: baseUrl, RECORD_SOURCE_URL: `${baseUrl}/record-source`, RECORD_SOURCE_TOKEN: SANDBOX_TOKEN }),
    samples: () => samples(fixtures),
    populationSamples: () => population.samples(),
  }
}
