import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import type { AppDeps } from './deps.ts'
import { createServiceMetrics } from './metrics.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'
import { AdapterLimitError } from '../issue/refusals.ts'

const hc1 =
  'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IDOEZPGSGWMKPPNW5:EN2Q5NR1GD4V:VI7WC/9ALT5TQNT75Y2Q$V*VRYJE0Y8%ESIS7SHP/V7T7VX8L4QKXTDR9'

function deps(overrides: Partial<AppDeps> = {}): AppDeps {
  const hits = new Map<string, number>()
  return {
    config: { mode: 'sandbox' },
    issuer: {
      async issue(request) {
        if (request.qr.includes('mismatch')) throw new AdapterError('HOLDER_MISMATCH', 'The details do not match the certificate.')
        if (request.qr.includes('down'))
          throw new AdapterError('UPSTREAM_UNAVAILABLE', 'The national system is unavailable.', { retryAfter: 12 })
        if (request.qr.includes('bug')) throw new Error('secret internal detail')
        // The issuer counts the client the route names (src/issue/issue.ts), three per minute here.
        const count = (hits.get(request.client ?? '') ?? 0) + 1
        hits.set(request.client ?? '', count)
        if (count > 3) throw new AdapterLimitError('RATE_LIMITED', 'Too many requests from this client; try again later.', 42)
        return {
          hc1,
          uvci: 'URN:UVCI:01:RU:ABC#D',
          type: 'vaccination',
          adapter: 'ru-gosuslugi',
          linkKind: 'v2',
          issuedAt: new Date(0),
          expiresAt: new Date(1000),
          kid: 'a2lk',
          repeated: false,
        }
      },
    },
    trustList: async () => ({ certificates: [] }),
    jwks: async () => ({ keys: [] }),
    revocation: {
      list: async () => ({ generatedAt: 'x', hashTypes: [], entries: [] }),
      revoke: async (uvci) => (uvci === 'URN:UVCI:01:RU:KNOWN#1' ? 1 : 0),
    },
    adminToken: 'admin-secret-token',
    clientId: () => 'client-1',
    metrics: createServiceMetrics(),
    log: { info() {}, warn() {}, error() {} },
    ready: async () => ({ ok: true, checks: { db: 'ok' } }),
    verification: { keys: () => [], now: () => new Date(), decodeImage: async () => 'HC1:' },
    ...overrides,
  }
}

const body = (qr: string) =>
  JSON.stringify({ qr, holder: { familyName: 'Иванов', givenName: 'Иван', dateOfBirth: '1958-08-27' }, consent: true })
const post = (
  app: ReturnType<typeof createApp>,
  payload: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => app.request('/v1/certificates', { method: 'POST', body: payload, headers })

describe('HTTP app', () => {
  it('issues with 201, the QR as SVG (the PNG only when asked), the link form read, and marks sandbox responses', async () => {
    const res = await post(createApp(deps()), body('https://www.gosuslugi.ru/x'))
    expect(res.status).toBe(201)
    expect(res.headers.get('certbridge-mode')).toMatch(/^sandbox/)
    const json = (await res.json()) as { hc1: string; qr: { svg: string; png?: string }; link: unknown }
    expect(json.hc1).toBe(hc1)
    expect(json.qr.svg).toMatch(/^<svg/)
    expect(json.qr.png).toBeUndefined()
    expect(json.link).toEqual({ adapter: 'ru-gosuslugi', kind: 'v2' })
  })

  it('draws only the QR images asked for with ?qr=, and refuses an unknown one', async () => {
    let client = 0
    const app = createApp(deps({ clientId: () => `client-${++client}` }))
    const issue = async (query: string) => {
      const res = await app.request(`/v1/certificates${query}`, {
        method: 'POST',
        body: body('https://www.gosuslugi.ru/x'),
        headers: { 'content-type': 'application/json' },
      })
      return { status: res.status, json: (await res.json()) as { hc1?: string; qr?: Record<string, string>; code?: string } }
    }
    expect(Object.keys((await issue('?qr=svg')).json.qr!)).toEqual(['svg'])
    expect(Object.keys((await issue('?qr=png')).json.qr!)).toEqual(['png'])
    expect(Object.keys((await issue('?qr=png,svg')).json.qr!).sort()).toEqual(['png', 'svg'])
    const none = await issue('?qr=none')
    expect(none.status).toBe(201)
    expect(none.json.hc1).toBe(hc1)
    expect(none.json).not.toHaveProperty('qr')
    for (const bad of ['?qr=gif', '?qr=svg,none', '?qr='])
      expect(await issue(bad)).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } })
  })

  it('maps typed errors to problem+json with their status and code', async () => {
    const app = createApp(deps())
    const mismatch = await post(app, body('mismatch'))
    expect(mismatch.status).toBe(403)
    expect(mismatch.headers.get('content-type')).toBe('application/problem+json')
    expect(await mismatch.json()).toMatchObject({ status: 403, code: 'HOLDER_MISMATCH' })
    const down = await post(app, body('down'))
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('12')
  })

  it('answers a bug with a 500 that reveals nothing', async () => {
    const res = await post(createApp(deps()), body('bug'))
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('secret internal detail')
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL' })
  })

  it('refuses bad input cleanly: missing consent, wrong media type, broken JSON, huge bodies', async () => {
    const app = createApp(deps())
    const noConsent = await post(app, JSON.stringify({ qr: 'x', holder: { familyName: 'A', givenName: 'B', dateOfBirth: '1990-01-01' } }))
    expect(noConsent.status).toBe(400)
    expect(await noConsent.json()).toMatchObject({ code: 'BAD_REQUEST' })
    expect((await post(app, body('x'), { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post(app, '{"qr":', { 'content-type': 'application/json' })).status).toBe(400)
    const huge = await post(app, JSON.stringify({ qr: 'x'.repeat(100_000) }))
    expect(huge.status).toBe(413)
  })

  it('names the client to the issuer, and answers its per-client refusal with 429 and Retry-After', async () => {
    const app = createApp(deps())
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await post(app, body('https://www.gosuslugi.ru/x'))).status)
    expect(statuses).toEqual([201, 201, 201, 429])
    const limited = await post(app, body('https://www.gosuslugi.ru/x'))
    expect(limited.headers.get('retry-after')).toBe('42')
  })

  it('guards revocation with the admin token', async () => {
    const app = createApp(deps())
    const revoke = (token?: string, uvci = 'URN:UVCI:01:RU:KNOWN#1') =>
      app.request('/v1/revocations', {
        method: 'POST',
        body: JSON.stringify({ uvci }),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      })
    expect((await revoke()).status).toBe(401)
    expect((await revoke('wrong')).status).toBe(401)
    expect((await revoke('admin-secret-token')).status).toBe(200)
    expect((await revoke('admin-secret-token', 'URN:UVCI:01:RU:UNKNOWN#1')).status).toBe(404)
  })

  it('serves OpenAPI generated from the routes, the docs page, health and metrics', async () => {
    const app = createApp(deps())
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/certificates',
        '/v1/trust-list',
        '/.well-known/jwks.json',
        '/v1/revocation-list',
        '/v1/revocations',
        '/healthz',
        '/v1/sandbox/samples',
      ]),
    )
    const docs = await (await app.request('/docs')).text()
    expect(docs).toContain('/openapi.json')
    expect(docs).not.toMatch(/<script[^>]+src=/)
    expect((await app.request('/healthz')).status).toBe(200)
    await post(app, body('https://www.gosuslugi.ru/x'))
    expect(await (await app.request('/metrics')).text()).toContain('certbridge_http_responses_total{status="201"}')
    expect((await app.request('/nope')).status).toBe(404)
  })
})
