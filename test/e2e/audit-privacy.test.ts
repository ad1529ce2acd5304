// Privacy of the operator's records, over real HTTP: issuances, verifications, the page helpers, a
// refused admin token and a revocation each leave request lines and audit events, and neither the log
// nor the database files hold any personal value, identifier, UVCI, token or client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startTestServer, type TestServer } from './server.ts'

interface Sample {
  adapter: string
  qr: string
  holder: Record<string, string>
  expect: { status: number }
}

let server: TestServer
let adminToken: string
const values = new Set<string>()
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

beforeAll(async () => {
  server = await startTestServer()
  adminToken = (JSON.parse(readFileSync(join(server.dataDir, 'sandbox-secrets.json'), 'utf8')) as { adminToken: string }).adminToken
  values.add(adminToken)
  const samples = ((await (await fetch(`${server.url}/v1/sandbox/samples`)).json()) as { samples: Sample[] }).samples
  const issued: { uvci: string; hc1: string }[] = []
  for (const sample of samples.filter((s) => s.expect.status === 201).slice(0, 6)) {
    for (const v of Object.values(sample.holder)) if (v.length >= 4) values.add(v)
    for (const m of sample.qr.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{9,}|[0-9a-f]{32}/gi) ?? [])
      values.add(m)
    await post('/v1/links/describe', { text: sample.qr })
    await post('/v1/transliterate', { familyName: sample.holder.familyName, givenName: sample.holder.givenName })
    const res = await post('/v1/certificates?qr=none', { qr: sample.qr, holder: sample.holder, consent: true })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { uvci: string; hc1: string }
    issued.push(body)
    values.add(body.uvci)
    values.add(body.uvci.slice(-20))
  }
  for (const { hc1 } of issued) await post('/v1/verify', { hc1 })
  // a holder mismatch on a real record
  const mismatch = samples.find((s) => s.expect.status === 201)!
  await post('/v1/certificates?qr=none', { qr: mismatch.qr, holder: { ...mismatch.holder, dateOfBirth: '1901-02-03' }, consent: true })
  // admin: a guessed token, then a revocation
  const guessed = 'guessed-admin-token-0123456789'
  values.add(guessed)
  expect((await post('/v1/revocations', { uvci: issued[0]!.uvci }, { authorization: `Bearer ${guessed}` })).status).toBe(401)
  expect((await post('/v1/revocations', { uvci: issued[0]!.uvci }, { authorization: `Bearer ${adminToken}` })).status).toBe(200)
}, 120_000)

afterAll(async () => server?.close())

describe('audit log and privacy (sandbox mode, real HTTP)', () => {
  it('pages the admin events through GET /v1/audit with the admin token only', async () => {
    expect((await fetch(`${server.url}/v1/audit`)).status).toBe(401)
    const res = await fetch(`${server.url}/v1/audit?limit=10`, { headers: { authorization: `Bearer ${adminToken}` } })
    expect(res.status).toBe(200)
    const { events } = (await res.json()) as { events: { action: string; outcome: string }[] }
    expect(events.slice(0, 3).map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'admin.auth UNAUTHORIZED',
      'admin.revoke REVOKED',
      'admin.auth UNAUTHORIZED',
    ])
  })

  it('logs one line per request with its route pattern, and the admin events as audit lines', () => {
    const lines = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>)
    const requests = lines.filter((l) => l.message === 'request')
    expect(requests.length).toBeGreaterThanOrEqual(20)
    expect([...new Set(requests.map((r) => r.route))]).toEqual(
      expect.arrayContaining([
        '/v1/sandbox/samples',
        '/v1/links/describe',
        '/v1/transliterate',
        '/v1/certificates',
        '/v1/verify',
        '/v1/revocations',
      ]),
    )
    expect(requests.filter((r) => r.route === '/v1/certificates' && r.status === 201).every((r) => typeof r.adapter === 'string')).toBe(
      true,
    )
    expect(requests.some((r) => r.status === 401 && r.code === 'UNAUTHORIZED')).toBe(true)
    expect(lines.filter((l) => l.message === 'audit').map((l) => l.action)).toEqual(expect.arrayContaining(['admin.auth', 'admin.revoke']))
  })

  it('keeps no personal value, identifier, UVCI, token or address in the log lines or the database files', () => {
    expect(values.size).toBeGreaterThan(15)
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('certbridge.sqlite'))
    const requestLines = server.logs.filter((l) => !l.includes('SANDBOX MODE'))
    const haystacks = [
      ...files.flatMap((f) => [
        readFileSync(join(server.dataDir, f)).toString('latin1'),
        readFileSync(join(server.dataDir, f)).toString('utf8'),
      ]),
      requestLines.join('\n'),
    ]
    expect([...values].filter((v) => haystacks.some((h) => h.includes(v)))).toEqual([])
    expect(requestLines.join('\n')).not.toContain('127.0.0.1')
  })
})
