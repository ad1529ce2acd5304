import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { problem, problemFromError, problemResponse } from '../problem.ts'
import { createRouter } from '../router.ts'
import { QrDecodeError } from '../../qr/decode-errors.ts'
import { decodeQrImage } from '../../runtime/node/qr/decode.ts'
import { renderQr } from '../../qr/render.ts'
import { fullVaccinationRules, resolverOf, signed, testKey, vectorPayload } from '../../../test/verify/support.ts'
import { MAX_IMAGE_BYTES } from '../../verify/types.ts'
import { verifyRoutes, type VerifyRouteDeps } from './verify.ts'

const now = new Date('2021-10-15T12:00:00Z')
const times = { iat: new Date('2021-06-01T00:00:00Z'), exp: new Date('2022-06-01T00:00:00Z') }

/** The route mounted as src/http/app.ts mounts routes: problem+json from one error handler. */
function appOf(deps: VerifyRouteDeps) {
  const app = createRouter()
  app.onError((error) => {
    if (error instanceof HTTPException && error.status < 500)
      return problemResponse(problem('BAD_REQUEST', 'The request body is not valid JSON.'))
    return problemResponse(problemFromError(error, 'test'))
  })
  app.route('/', verifyRoutes(deps))
  return app
}

async function setup(overrides: Partial<VerifyRouteDeps> = {}) {
  const { signer, key } = await testKey({ source: 'DE', country: 'DE' })
  const { hc1 } = await signed(vectorPayload('DE/2DCode/raw/4.json'), signer, times) // dose 1 of 2
  const decoded: Array<{ bytes: number; maxBytes: number | undefined }> = []
  const deps: VerifyRouteDeps = {
    keys: resolverOf(key),
    now: () => now,
    rules: fullVaccinationRules(),
    decodeImage: async (bytes, options) => {
      decoded.push({ bytes: bytes.length, maxBytes: options?.maxBytes })
      return hc1
    },
    ...overrides,
  }
  return { app: appOf(deps), hc1, decoded, deps }
}

const postJson = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

function form(fields: Record<string, string | Blob>): RequestInit {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.append(name, value as never)
  return { method: 'POST', body: data }
}

describe('POST /v1/verify', () => {
  it('answers 200 with the result for an HC1 in JSON', async () => {
    const { app, hc1 } = await setup()
    const response = await app.request('/v1/verify', postJson({ hc1 }))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body).toMatchObject({
      status: 'VALID',
      verified: true,
      type: 'vaccination',
      issuer: { iss: 'DE', source: 'DE' },
      clock: now.toISOString(),
    })
  })

  it('applies the arrival country rules and the clock', async () => {
    const { app, hc1 } = await setup()
    const failed = await (await app.request('/v1/verify', postJson({ hc1, country: 'de' }))).json()
    expect(failed.status).toBe('RULES_FAILED')
    expect(failed.rules).toMatchObject({
      country: 'DE',
      passed: false,
      results: [{ identifier: 'VR-DE-9001', result: 'FAIL', description: 'The vaccination course must be complete.' }],
    })
    const expired = await (await app.request('/v1/verify', postJson({ hc1, at: '2023-01-01' }))).json()
    expect(expired).toMatchObject({ status: 'HCERT_EXPIRED', clock: '2023-01-01T00:00:00.000Z' })
  })

  it('answers 200 with a codec status for text that is no certificate', async () => {
    const { app } = await setup()
    const response = await app.request('/v1/verify', postJson({ hc1: 'https://www.gosuslugi.ru/covid-cert/verify/1' }))
    expect(response.status).toBe(200)
    expect((await response.json()).status).toBe('HCERT_PREFIX')
  })

  it('refuses malformed requests with problem+json', async () => {
    const { app, hc1 } = await setup()
    const cases: Array<[RequestInit, number, string]> = [
      [postJson({}), 400, 'BAD_REQUEST'],
      [postJson({ hc1, extra: 1 }), 400, 'BAD_REQUEST'],
      [postJson({ hc1, country: 'DEU' }), 400, 'BAD_REQUEST'],
      [postJson({ hc1, at: 'yesterday' }), 400, 'BAD_REQUEST'],
      [postJson({ hc1, at: '2021-02-30' }), 400, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hc1":' }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: hc1 }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ method: 'POST', body: hc1 }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [form({ country: 'DE' }), 400, 'BAD_REQUEST'],
    ]
    for (const [init, status, code] of cases) {
      const response = await app.request('/v1/verify', init)
      expect(response.status, JSON.stringify(init.body ?? '').slice(0, 60)).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect((await response.json()).code).toBe(code)
    }
  })

  it('limits JSON bodies to 64 KiB (only uploads may be larger)', async () => {
    const { app } = await setup()
    const response = await app.request('/v1/verify', postJson({ hc1: 'HC1:' + 'A'.repeat(70 * 1024) }))
    expect(response.status).toBe(413)
    expect((await response.json()).code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses an arrival country when no rules are configured', async () => {
    const { app, hc1 } = await setup({ rules: undefined })
    const response = await app.request('/v1/verify', postJson({ hc1, country: 'DE' }))
    expect(response.status).toBe(400)
    expect((await response.json()).code).toBe('BAD_REQUEST')
  })

  it('decodes an uploaded image with the injected decoder, allowing 8 MiB', async () => {
    const { app, decoded } = await setup()
    const image = new File([new Uint8Array(1000)], 'qr.png', { type: 'image/png' })
    const response = await app.request('/v1/verify', form({ image, country: 'FR', at: '2021-10-15T12:00:00Z' }))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'VALID', rules: { country: 'FR', passed: true, results: [] } })
    expect(decoded).toEqual([{ bytes: 1000, maxBytes: MAX_IMAGE_BYTES }])
  })

  it('refuses an image over 8 MiB with 413 before decoding it', async () => {
    const { app, decoded } = await setup()
    const image = new File([new Uint8Array(MAX_IMAGE_BYTES + 1)], 'big.jpg', { type: 'image/jpeg' })
    const response = await app.request('/v1/verify', form({ image }))
    expect(response.status).toBe(413)
    expect((await response.json()).code).toBe('PAYLOAD_TOO_LARGE')
    expect(decoded).toHaveLength(0)
  })

  it("answers the decoder's typed errors as problems", async () => {
    for (const [code, status] of [
      ['QR_NOT_FOUND', 400],
      ['QR_IMAGE_UNSUPPORTED', 400],
      ['QR_IMAGE_TOO_LARGE', 413],
      ['QR_DECODER_UNAVAILABLE', 503],
    ] as const) {
      const { app } = await setup({
        decodeImage: async () => {
          throw new QrDecodeError(code, 'no')
        },
      })
      const response = await app.request('/v1/verify', form({ image: new File([new Uint8Array(10)], 'x.png') }))
      expect(response.status).toBe(status)
      expect((await response.json()).code).toBe(code)
    }
  })

  it('verifies a real QR picture through the zxing decoder', async () => {
    const { hc1, deps } = await setup()
    const app = appOf({ ...deps, decodeImage: decodeQrImage })
    const png = renderQr(hc1, { scale: 3 }).png
    const bytes = Uint8Array.from(atob(png.slice(png.indexOf(',') + 1)), (ch) => ch.charCodeAt(0))
    const response = await app.request('/v1/verify', form({ image: new File([bytes], 'qr.png', { type: 'image/png' }), country: 'DE' }))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.status).toBe('RULES_FAILED')
    expect(body.verified).toBe(true)
    expect(body.payload.v[0].dn).toBe(1)
  })

  it('documents both request forms and the status taxonomy in the OpenAPI document', async () => {
    const routes = verifyRoutes({ keys: resolverOf(), now: () => now, decodeImage: async () => '' })
    const doc = routes.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } })
    const operation = doc.paths?.['/v1/verify']?.post
    expect(Object.keys(operation?.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : {})).toEqual([
      'application/json',
      'multipart/form-data',
    ])
    expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '413', '415', '503'])
    expect(operation?.description).toContain('`HCERT_KID_UNKNOWN`: ')
    expect(JSON.stringify(doc.components?.schemas?.VerificationResult)).toContain('RULES_FAILED')
  })
})
