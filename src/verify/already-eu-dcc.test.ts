// POST /v1/certificates with an HC1 input, over HTTP with the app: ALREADY_EU_DCC only for a
// certificate that verifies; one whose signature cannot be verified is refused with EU_DCC_UNVERIFIED
// and its verification status, never told it "needs no conversion".
import { describe, expect, it } from 'vitest'
import { resolverOf, signed, testKey, vectorPayload } from '../../test/verify/support.ts'
import { createApp } from '../http/app.ts'
import type { AppDeps } from '../http/deps.ts'
import { createServiceMetrics } from '../http/metrics.ts'
import type { TrustedKey } from '../hcert/trusted-key.ts'
import { ALREADY_EU_DCC_MESSAGE } from './already-eu-dcc.ts'

const now = new Date('2021-10-15T12:00:00Z')
const iat = new Date('2021-06-01T00:00:00Z')
const exp = new Date('2022-06-01T00:00:00Z')
const payload = vectorPayload('DE/2DCode/raw/1.json')

async function fixture() {
  const dsc = await testKey({ country: 'DE', source: 'DE', notBefore: new Date('2021-01-01Z'), notAfter: new Date('2023-01-01Z') })
  const { hc1 } = await signed(payload, dsc.signer, { iat, exp })
  return { dsc, hc1 }
}

async function submit(hc1: string, ...trusted: TrustedKey[]) {
  const res = await createApp(deps(trusted)).request('/v1/certificates', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      qr: `  ${hc1}\n`,
      holder: { familyName: 'Mustermann', givenName: 'Erika', dateOfBirth: '1964-08-12' },
      consent: true,
    }),
  })
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> }
}

describe('POST /v1/certificates with an HC1 input', () => {
  it('answers ALREADY_EU_DCC with the verification for a certificate that verifies', async () => {
    const { dsc, hc1 } = await fixture()
    const answer = await submit(hc1, dsc.key)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      outcome: 'ALREADY_EU_DCC',
      message: ALREADY_EU_DCC_MESSAGE,
      verification: { status: 'VALID', verified: true },
    })
  })

  it('refuses an unknown key identifier with EU_DCC_UNVERIFIED and HCERT_KID_UNKNOWN', async () => {
    const { hc1 } = await fixture()
    const stranger = await testKey()
    const answer = await submit(hc1, stranger.key)
    expectRefusal(answer, 'HCERT_KID_UNKNOWN')
  })

  it('refuses a bad signature (another key under the same kid) with HCERT_SIGNATURE', async () => {
    const { dsc, hc1 } = await fixture()
    const other = await testKey()
    const answer = await submit(hc1, { ...other.key, kid: dsc.key.kid })
    expectRefusal(answer, 'HCERT_SIGNATURE')
  })

  it('refuses a certificate that outlives its expired DSC with HCERT_EXPIRED and says why', async () => {
    const expiredDsc = await testKey({ country: 'DE', source: 'DE', notBefore: new Date('2021-01-01Z'), notAfter: new Date('2021-09-01Z') })
    const { hc1 } = await signed(payload, expiredDsc.signer, { iat, exp })
    const answer = await submit(hc1, expiredDsc.key)
    expectRefusal(answer, 'HCERT_EXPIRED')
    expect(answer.body.detail).toContain('certificate expires after its signing certificate')
  })
})

function expectRefusal(answer: Awaited<ReturnType<typeof submit>>, status: string) {
  expect(answer.status).toBe(422)
  expect(answer.type).toBe('application/problem+json')
  expect(answer.body.code).toBe('EU_DCC_UNVERIFIED')
  const detail = String(answer.body.detail)
  expect(detail).toContain(`could not be verified (${status}`)
  expect(detail).not.toContain('needs no conversion')
  // nothing of the certificate's holder in the refusal
  for (const personal of ['Mustermann', 'MUSTERMANN', 'Erika', '1964-08-12']) expect(JSON.stringify(answer.body)).not.toContain(personal)
}

function deps(trusted: TrustedKey[]): AppDeps {
  return {
    config: { mode: 'production' },
    issuer: {
      issue: async () => {
        throw new Error('an HC1 input never reaches the issuer')
      },
    },
    trustList: async () => ({ certificates: [] }),
    jwks: async () => ({ keys: [] }),
    revocation: { list: async () => ({ generatedAt: '', hashTypes: [], entries: [] }), revoke: async () => 0 },
    adminToken: 'admin-token-for-tests',
    clientId: () => 'client',
    metrics: createServiceMetrics(),
    log: { info() {}, warn() {}, error() {} },
    ready: async () => ({ ok: true, checks: {} }),
    verification: { keys: resolverOf(...trusted), now: () => now, decodeImage: async () => 'HC1:' },
  }
}
