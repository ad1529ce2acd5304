// The xx-template sandbox: the national check API and the record source, in their wire formats,
// served from invented people dated from `today`. Web APIs only (a Hono app). Replace the records with
// ones that cover every link form, type, status and refusal of the real national system.
import { Hono } from 'hono'
import type { HolderClaim } from '../_sdk/index.ts'
import type { AdapterSandbox, SandboxOptions, SandboxSample } from '../_sdk/index.ts'
import { XX_TEMPLATE_ORIGIN } from './link.ts'
import type { CheckAnswer, RecordAnswer } from './wire.ts'

export const SANDBOX_TOKEN = 'sandbox-test-token-xx-template'
/** An id no record has. */
export const UNKNOWN_ID = '199999999999'

/** The common sandbox options (population, today). */
export type XxTemplateSandboxOptions = SandboxOptions

export interface XxTemplateFixture {
  readonly name: string
  readonly person: HolderClaim
  readonly check: CheckAnswer
  readonly record: RecordAnswer
  readonly expect: SandboxSample['expect']
}

export const certLink = (id: string) => `${XX_TEMPLATE_ORIGIN}/c/${id}`

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The invented people and their certificates. */
export function xxTemplateFixtures(today: string): XxTemplateFixture[] {
  const d = (days: number) => shiftDay(today, days)
  const fixture = (
    name: string,
    id: string,
    person: HolderClaim,
    status: CheckAnswer['status'],
    validUntil: string,
    product: string,
    expect: SandboxSample['expect'],
  ): XxTemplateFixture => ({
    name,
    person,
    check: {
      id,
      status,
      validUntil,
      holder: { name: `${person.familyName} ${person.givenName}`.toUpperCase(), birthDate: person.dateOfBirth },
    },
    record: {
      id,
      holder: { familyName: person.familyName, givenName: person.givenName, dateOfBirth: person.dateOfBirth },
      vaccination: { product, doseNumber: 2, totalDoses: 2, date: d(-60), country: 'XX' },
    },
    expect,
  })
  const issued = { status: 201, type: 'vaccination' } as const
  const refused = (code: string) => ({ status: 422, code })
  const person = (familyName: string, givenName: string, dateOfBirth: string): HolderClaim => ({ familyName, givenName, dateOfBirth })
  return [
    fixture('vaccination, Comirnaty 2/2', '100000000001', person('Varga', 'Lena', '1984-03-09'), 'VALID', d(300), 'Comirnaty', issued),
    fixture('vaccination, Spikevax 2/2', '100000000005', person('Nowak', 'Iris', '1990-08-21'), 'VALID', d(250), 'Spikevax', issued),
    fixture(
      'expired certificate',
      '100000000002',
      person('Okafor', 'Daniel', '1979-11-23'),
      'EXPIRED',
      d(-10),
      'Spikevax',
      refused('RECORD_EXPIRED'),
    ),
    fixture(
      'revoked certificate',
      '100000000003',
      person('Lindqvist', 'Maja', '1991-06-30'),
      'REVOKED',
      d(200),
      'Comirnaty',
      refused('RECORD_REVOKED'),
    ),
    fixture(
      'unmapped product',
      '100000000004',
      person('Moreau', 'Paul', '1968-01-15'),
      'VALID',
      d(200),
      'National Vaccine X',
      refused('PRODUCT_UNMAPPED'),
    ),
  ]
}

function samples(fixtures: readonly XxTemplateFixture[]): SandboxSample[] {
  const first = fixtures[0]!
  return [
    ...fixtures.map((f) => ({ name: `xx-template ${f.name}`, qr: certLink(f.check.id), holder: f.person, expect: f.expect })),
    {
      name: 'xx-template not found',
      qr: certLink(UNKNOWN_ID),
      holder: first.person,
      expect: { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
    },
    {
      name: 'xx-template holder mismatch',
      qr: certLink(first.check.id),
      holder: { ...first.person, givenName: 'Someone' },
      expect: { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
    },
    {
      name: 'xx-template forged link (userinfo)',
      qr: `${XX_TEMPLATE_ORIGIN}@evil.example/c/${first.check.id}`,
      holder: first.person,
      expect: { status: 400, code: 'LINK_FORGED' },
    },
  ]
}

export function createSandbox(options: XxTemplateSandboxOptions = {}): AdapterSandbox {
  const fixtures = xxTemplateFixtures(options.today ?? new Date().toISOString().slice(0, 10))
  const byId = new Map(fixtures.map((f) => [f.check.id, f]))
  const app = new Hono()
  app.get('/api/v1/certificates/:id', (c) => {
    const fixture = byId.get(c.req.param('id'))
    return fixture ? c.json(fixture.check) : c.json({ error: 'not found' }, 404)
  })
  app.get('/record-source/v1/records/:id', (c) => {
    if (c.req.header('authorization') !== `Bearer ${SANDBOX_TOKEN}`) return c.json({ error: 'unauthorized' }, 401)
    const fixture = byId.get(c.req.param('id'))
    return fixture ? c.json(fixture.record) : c.json({ error: 'not found' }, 404)
  })
  return {
    fetch: (request) => app.fetch(request),
    config: (baseUrl) => ({ BASE_URL: baseUrl, RECORD_SOURCE_URL: `${baseUrl}/record-source`, RECORD_SOURCE_TOKEN: SANDBOX_TOKEN }),
    samples: () => samples(fixtures),
  }
}
