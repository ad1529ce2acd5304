// The operator's view of the HTTP app: one log line per request (route pattern, never the raw path),
// audit events for admin actions and refused admin tokens, GET /v1/audit paging, /metrics behind its
// token, and the per-client limit of the verification and page-helper endpoints.
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import type { AppDeps } from './deps.ts'
import { createServiceMetrics } from './metrics.ts'
import { createLogger } from '../platform/log.ts'
import { auditPage, createAuditSink } from '../audit/audit.ts'
import { openNodeDb, type NodeDb } from '../runtime/node/database.ts'
import { hitRateLimit } from '../db/guards.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'

const ADMIN = 'admin-secret-token-for-tests'
let db: NodeDb
afterEach(() => db?.close())

function setup(overrides: Partial<AppDeps> = {}) {
  db = openNodeDb(':memory:')
  const lines: string[] = []
  const log = createLogger(
    (line) => lines.push(line),
    () => new Date('2026-12-01T10:00:00Z'),
  )
  let clock = 1_000_000
  const audit = createAuditSink({ db, log, now: () => new Date(clock * 1000) })
  const deps: AppDeps = {
    config: { mode: 'production' },
    issuer: {
      async issue(request) {
        if (request.qr.includes('gosuslugi')) request.onMatched?.('ru-gosuslugi')
        throw new AdapterError('HOLDER_MISMATCH', 'The details do not match the certificate.')
      },
    },
    trustList: async () => ({ certificates: [] }),
    jwks: async () => ({ keys: [] }),
    revocation: {
      list: async () => ({ generatedAt: 'x', hashTypes: [], entries: [] }),
      revoke: async (uvci) => (uvci === 'URN:UVCI:01:XY:KNOWN1#Q' ? 1 : 0),
    },
    adminToken: ADMIN,
    clientId: (request) => request.headers.get('x-test-client') ?? 'client-1',
    metrics: createServiceMetrics(),
    log,
    ready: async () => ({ ok: true, checks: { db: 'ok' } }),
    verification: { keys: () => [], now: () => new Date(), decodeImage: async () => 'HC1:' },
    audit,
    auditPage: (options) => auditPage(db, options),
    publicLimit: async (client) => hitRateLimit(db, `public:${client}`, 3, 60, clock),
    ...overrides,
  }
  return {
    app: createApp(deps),
    lines,
    requests: () => lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request'),
    tick: (s: number) => (clock += s),
  }
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
})

describe('request log', () => {
  it('writes one line per request with the route pattern, status, problem code and adapter, and no path parameter', async () => {
    const { app, requests, lines } = setup()
    await app.request('/assets/1234567890-secret.js')
    await app.request(
      '/v1/certificates',
      json({
        qr: 'https://www.gosuslugi.ru/covid-cert/verify/9876543210123456',
        holder: { familyName: 'Petrova', givenName: 'Anna', dateOfBirth: '1990-01-01' },
        consent: true,
      }),
    )
    await app.request('/nowhere/4444333322221111?name=Petrova')
    const logged = requests()
    expect(logged.map((l) => [l.method, l.route, l.status])).toEqual([
      ['GET', '/assets/:name', 404],
      ['POST', '/v1/certificates', 403],
      ['GET', '-', 404],
    ])
    expect(logged[0]).toMatchObject({ code: 'NOT_FOUND', time: '2026-12-01T10:00:00.000Z' })
    expect(logged[1]).toMatchObject({ code: 'HOLDER_MISMATCH', adapter: 'ru-gosuslugi' })
    for (const l of logged) {
      expect(typeof l.requestId).toBe('string')
      expect(typeof l.durationMs).toBe('number')
    }
    const text = lines.join('\n')
    for (const value of ['1234567890', '9876543210123456', '4444333322221111', 'Petrova', 'Anna', '1990-01-01'])
      expect(text).not.toContain(value)
  })
})

describe('admin audit', () => {
  it('records revocations and refused admin tokens, and pages through them newest first', async () => {
    const { app, tick, lines } = setup()
    const admin = { authorization: `Bearer ${ADMIN}` }
    expect((await app.request('/v1/revocations', json({ uvci: 'URN:UVCI:01:XY:KNOWN1#Q' }, admin))).status).toBe(200)
    tick(5)
    expect((await app.request('/v1/revocations', json({ uvci: 'URN:UVCI:01:XY:UNKNOWN#Q' }, admin))).status).toBe(404)
    tick(5)
    expect(
      (await app.request('/v1/revocations', json({ uvci: 'URN:UVCI:01:XY:KNOWN1#Q' }, { authorization: 'Bearer guessed-token-1' }))).status,
    ).toBe(401)
    expect((await app.request('/v1/audit')).status).toBe(401)

    const first = await app.request('/v1/audit?limit=3', { headers: admin })
    expect(first.status).toBe(200)
    const page1 = (await first.json()) as {
      events: { id: number; at: string; action: string; outcome: string; adapter: string | null }[]
      next?: string
    }
    expect(page1.events.map((e) => [e.action, e.outcome])).toEqual([
      ['admin.auth', 'UNAUTHORIZED'],
      ['admin.auth', 'UNAUTHORIZED'],
      ['admin.revoke', 'NOT_FOUND'],
    ])
    expect(page1.events[2]!.at).toBe(new Date(1_000_005 * 1000).toISOString())
    expect(page1.next).toBeDefined()
    const page2 = (await (await app.request(`/v1/audit?limit=3&before=${page1.next}`, { headers: admin })).json()) as typeof page1
    expect(page2.events.map((e) => [e.action, e.outcome])).toEqual([['admin.revoke', 'REVOKED']])
    expect(page2.next).toBeUndefined()
    expect((await app.request('/v1/audit?limit=0', { headers: admin })).status).toBe(400)

    // Audit lines reach the log too; neither log nor table holds the UVCI or a token sent.
    expect(lines.filter((l) => JSON.parse(l).message === 'audit')).toHaveLength(4)
    const dump = JSON.stringify(db.sqlite.prepare('SELECT * FROM audit_events').all()) + lines.join('\n')
    for (const value of ['KNOWN1', 'UNKNOWN', 'guessed-token-1', ADMIN]) expect(dump).not.toContain(value)
  })

  it('documents GET /v1/audit in the OpenAPI description, behind the bearer scheme', async () => {
    const { app } = setup()
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> }
    expect(doc.paths['/v1/audit']?.get?.security).toEqual([{ bearer: [] }])
  })
})

describe('refused admin tokens', () => {
  it('count against the client limit: past it they are answered 429 and no longer recorded', async () => {
    const { app } = setup()
    const guess = () => app.request('/v1/audit', { headers: { authorization: 'Bearer guess' } })
    expect([(await guess()).status, (await guess()).status, (await guess()).status, (await guess()).status]).toEqual([401, 401, 401, 429])
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'admin.auth'").get()).toEqual({ n: 3 })
    // a request with the token is never held back by the guesses, even from the same address
    expect((await app.request('/v1/audit', { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200)
  })
})

describe('GET /metrics', () => {
  it('is open without CERTBRIDGE_METRICS_TOKEN and asks for it when set', async () => {
    expect((await setup().app.request('/metrics')).status).toBe(200)
    const { app } = setup({ metricsToken: 'metrics-token-for-tests' })
    expect((await app.request('/metrics')).status).toBe(401)
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    const ok = await app.request('/metrics', { headers: { authorization: 'Bearer metrics-token-for-tests' } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('certbridge_http_responses_total')
  })
})

describe('per-client limit of verification and the page helpers', () => {
  it('refuses a client past its limit with 429 and Retry-After, counts the three endpoints together, and spares other clients', async () => {
    const { app, tick } = setup()
    const statuses: number[] = []
    statuses.push((await app.request('/v1/links/describe', json({ text: 'https://example.com/x' }))).status)
    statuses.push((await app.request('/v1/transliterate', json({ familyName: 'Ivanova', givenName: 'Olga' }))).status)
    statuses.push((await app.request('/v1/verify', json({ hc1: 'HC1:XX' }))).status)
    const refused = await app.request('/v1/verify', json({ hc1: 'HC1:XX' }))
    expect(statuses.every((s) => s !== 429)).toBe(true)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(
      (await app.request('/v1/links/describe', json({ text: 'https://example.com/x' }, { 'x-test-client': 'client-2' }))).status,
    ).not.toBe(429)
    tick(60)
    expect((await app.request('/v1/links/describe', json({ text: 'https://example.com/x' }))).status).not.toBe(429)
  })
})
