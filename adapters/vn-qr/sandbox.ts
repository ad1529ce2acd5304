// The vn-qr sandbox: the national platform's record source, in its wire format (README.md), served
// from the fixture records in records.ts. Web APIs only (a Hono app).
import { Hono } from 'hono'
import type { AdapterSandbox, SandboxOptions, SandboxSample } from '../_sdk/index.ts'
import { claimOf, people, vnFixtures, type VnFixture } from './records.ts'

export const SANDBOX_TOKEN = 'sandbox-test-token-vn-qr'

/** `population` is accepted for the common factory shape but ignored: vn-qr has no synthetic population. */
/** The common sandbox options (population, today). */
export type VnSandboxOptions = SandboxOptions

const expectations: Readonly<Record<string, SandboxSample['expect']>> = {
  'unmapped product, Nanocovax': { status: 422, code: 'PRODUCT_UNMAPPED' },
  recovery: { status: 201, type: 'recovery' },
  'test, PCR negative': { status: 201, type: 'test' },
  'expired recovery': { status: 422, code: 'RECORD_EXPIRED' },
  'revoked record': { status: 422, code: 'RECORD_REVOKED' },
  // The holder binds to the register; the QR's own birth date is not the register's.
  'QR does not designate the record holder': { status: 422, code: 'RECORD_INCONSISTENT' },
  'not found': { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
}

function samples(fixtures: readonly VnFixture[]): SandboxSample[] {
  const list: SandboxSample[] = fixtures.map((f) => ({
    name: `vn-qr ${f.name}`,
    qr: f.qr,
    holder: f.person,
    expect: expectations[f.name] ?? { status: 201, type: 'vaccination' },
  }))
  const onBehalf = fixtures.find((f) => f.name.startsWith('on behalf'))
  if (onBehalf) {
    list.push({
      name: 'vn-qr on-behalf QR claimed by the representative',
      qr: onBehalf.qr,
      holder: claimOf(people.nguyenVanA),
      expect: { status: 404, code: 'NO_MATCHING_CERTIFICATE' },
    })
  }
  list.push({
    name: 'vn-qr malformed QR (lower-case name)',
    qr: '001093029317|nguyen van a|1987-01-18|0|162979388586171100|<1<00<0123232422',
    holder: claimOf(people.nguyenVanA),
    expect: { status: 400, code: 'LINK_MALFORMED' },
  })
  return list
}

export function createSandbox(options: VnSandboxOptions = {}): AdapterSandbox {
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  const fixtures = vnFixtures(today)
  const byQid = new Map(fixtures.map((f) => [f.qid, f]))
  const app = new Hono()

  app.get('/record-source/v1/records/:qid', (c) => {
    if (c.req.header('authorization') !== `Bearer ${SANDBOX_TOKEN}`) return c.json({ error: 'unauthorized' }, 401)
    const record = byQid.get(c.req.param('qid'))?.record
    if (!record) return c.json({ error: 'not found' }, 404)
    return c.json(record)
  })

  return {
    fetch: (request) => app.fetch(request),
    config: (baseUrl) => ({ RECORD_SOURCE_URL: `${baseUrl}/record-source`, RECORD_SOURCE_TOKEN: SANDBOX_TOKEN }),
    samples: () => samples(fixtures),
  }
}
