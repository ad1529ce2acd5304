// End to end inside workerd: the Worker (src/runtime/workerd/main.ts) in sandbox mode with a local D1 and the
// national sandboxes in-process. A Gosuslugi sample is issued, the trust list is fetched from the
// Worker, and the HC1 is verified twice: with the project's verifier running in workerd, and by the
// Worker's own POST /v1/verify. workerd forbids code generation, so any eval/new Function on these
// paths (cbor-x, zod) would fail here.
import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { adapters as registered } from '../../adapters/registry.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'
import { parseTrustList } from '../../src/trust/lists.ts'
import { createTrustStore } from '../../src/trust/store.ts'
import { toBase64 } from '../../src/platform/bytes.ts'

interface Sample {
  adapter: string
  name: string
  qr: string
  holder: Record<string, string>
  expect: { status: number; type?: string; code?: string }
}

const origin = 'https://certbridge.test'
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

async function samples(): Promise<Sample[]> {
  const response = await SELF.fetch(`${origin}/v1/sandbox/samples`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { samples: Sample[] }).samples
}

describe('the Worker in sandbox mode (workerd, local D1)', () => {
  it('answers /healthz with the database and the signing key ready, and says it is a sandbox', async () => {
    const response = await SELF.fetch(`${origin}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, mode: 'sandbox', checks: { database: 'ok', signingKey: 'ok' } })
    expect(response.headers.get('certbridge-mode')).toMatch(/^sandbox/)
  })

  it('serves the samples of every registered adapter', async () => {
    const adapters = new Set((await samples()).map((s) => s.adapter))
    expect([...adapters].sort()).toEqual(registered.map((a) => a.id).sort())
  })

  it('issues an EU DCC from a Gosuslugi sample that verifies against the trust list the Worker publishes', async () => {
    const sample = (await samples()).find((s) => s.adapter === 'ru-gosuslugi' && s.expect.status === 201 && s.expect.type === 'vaccination')
    expect(sample).toBeDefined()
    const issued = await SELF.fetch(`${origin}/v1/certificates`, json({ qr: sample!.qr, holder: sample!.holder, consent: true }))
    const body = (await issued.json()) as { hc1: string; uvci: string; type: string; kid: string; qr: { svg: string } }
    expect(issued.status, JSON.stringify(body)).toBe(201)
    expect(body.hc1).toMatch(/^HC1:/)
    expect(body.uvci).toMatch(/^URN:UVCI:01:XX:[0-9A-Z]+#[0-9A-Z/:]$/) // the bridge's own country (sandbox: XX), never the source's
    expect(body.qr.svg).toContain('<svg')

    const list = await (await SELF.fetch(`${origin}/v1/trust-list`)).json()
    const { keys } = await parseTrustList(list, { source: 'certbridge' })
    expect(keys.map((k) => toBase64(k.kid))).toContain(body.kid)
    const verified = await verifyCertificate({ hc1: body.hc1 }, { keys: createTrustStore(keys).resolve, now: new Date() })
    expect(verified.status).toBe('VALID')
    expect(verified.type).toBe('vaccination')
    expect((verified.payload as { v: { ci: string }[] }).v[0]!.ci).toBe(body.uvci)

    const checked = await SELF.fetch(`${origin}/v1/verify`, json({ hc1: body.hc1 }))
    expect(checked.status).toBe(200)
    expect(((await checked.json()) as { status: string }).status).toBe('VALID')
  })

  it('answers a failing sample with its problem code (an unmapped product is refused, not invented)', async () => {
    const sample = (await samples()).find((s) => s.expect.code === 'PRODUCT_UNMAPPED')
    expect(sample).toBeDefined()
    const response = await SELF.fetch(`${origin}/v1/certificates`, json({ qr: sample!.qr, holder: sample!.holder, consent: true }))
    expect(response.status).toBe(sample!.expect.status)
    expect(((await response.json()) as { code: string }).code).toBe('PRODUCT_UNMAPPED')
  })

  it('refuses a look-alike host before any request leaves the isolate', async () => {
    const holder = { familyName: 'Иванов', givenName: 'Иван', dateOfBirth: '1958-08-27' }
    const qr = 'https://www.gosuslugi.ru@evil.example/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b?lang=ru'
    const response = await SELF.fetch(`${origin}/v1/certificates`, json({ qr, holder, consent: true }))
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(((await response.json()) as { code: string }).code).toMatch(/^LINK_/)
  })
})
