// POST /v1/qa through the router: JSON and picture uploads, claims, rules with windows, the OpenAPI
// document, and problems for malformed requests.
import { HTTPException } from 'hono/http-exception'
import QRCode from 'qrcode'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeQrImage } from '../../runtime/node/qr/decode.ts'
import { makeDsc, makeHc1, VACCINATION, type TestDsc } from '../../qa/test-certificate.ts'
import { parseRuleSet } from '../../rules/load.ts'
import { makeRule } from '../../rules/test-rule.ts'
import type { VerifyRouteDeps } from './verify.ts'
import { problem, problemFromError, problemResponse } from '../problem.ts'
import { createRouter } from '../router.ts'
import { qaRoutes } from './qa.ts'

const rules = parseRuleSet(
  [
    { path: 'r', json: makeRule({ Country: 'XX', Logic: { '!': [{ var: 'payload.v.1' }] } }) },
    {
      path: 's',
      json: makeRule({
        Identifier: 'VR-YY-0001',
        Country: 'YY',
        Logic: { '>=': [{ var: 'payload.v.0.dn' }, 2] },
        Description: [
          { lang: 'en', desc: 'Two doses' },
          { lang: 'de', desc: 'Zwei Dosen' },
        ],
      }),
    },
  ],
  {},
)

let dsc: TestDsc
let hc1: string
beforeAll(async () => {
  dsc = await makeDsc()
  hc1 = await makeHc1(dsc, { payload: VACCINATION })
})

function appOf(overrides: Partial<VerifyRouteDeps> = {}) {
  const app = createRouter()
  app.onError((error) => {
    if (error instanceof HTTPException && error.status < 500)
      return problemResponse(problem('BAD_REQUEST', 'The request body is not valid JSON.'))
    return problemResponse(problemFromError(error, 'test'))
  })
  app.route(
    '/',
    qaRoutes({ keys: dsc.resolve, now: () => new Date('2022-01-15T12:00:00Z'), rules, decodeImage: decodeQrImage, ...overrides }),
  )
  return app
}

const postJson = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('POST /v1/qa', () => {
  it('answers every check of a clean certificate with its claims', async () => {
    const response = await appOf().request('/v1/qa', postJson({ hc1, issuer: 'DE', version: '1.3.0' }))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ path: 'hc1', country: 'DE', decoded: true, acceptance: {} })
    expect(body.checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([])
    expect(body.checks.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['SIG_VALID', 'ISS_CLAIMED_COUNTRY', 'SCHEMA_CLAIMED_VERSION']),
    )
  })

  it('evaluates the chosen countries with windows and rule descriptions in the asked language', async () => {
    const body = await (await appOf().request('/v1/qa', postJson({ hc1, countries: 'XX,YY', lang: 'de' }))).json()
    expect(body.acceptance.YY).toMatchObject({ accepted: true, from: '2021-09-02T00:00:00.000Z', until: '2022-09-02T00:00:00.000Z' })
    const refused = await (
      await appOf().request(
        '/v1/qa',
        postJson({
          hc1: await makeHc1(dsc, { payload: { ...VACCINATION, v: [{ ...VACCINATION.v[0], dn: 1 }] } }),
          countries: 'YY',
          lang: 'de',
        }),
      )
    ).json()
    expect(refused.acceptance.YY.failing[0]).toMatchObject({
      identifier: 'VR-YY-0001',
      description: { text: 'Zwei Dosen', language: 'de', fallback: false },
      failingLogic: 'payload.v.0.dn >= 2',
    })
    expect(refused.checks.find((c: { code: string }) => c.code === 'RULES_ACCEPTED')).toMatchObject({ passed: false })
  })

  it('reads a QR picture sent as a form', async () => {
    const data = new FormData()
    data.append(
      'image',
      new Blob([new Uint8Array(await QRCode.toBuffer(hc1, { errorCorrectionLevel: 'Q', scale: 3 }))], { type: 'image/png' }),
      'qr.png',
    )
    const body = await (await appOf().request('/v1/qa', { method: 'POST', body: data })).json()
    expect(body).toMatchObject({ path: 'image', decoded: true })
    expect(body.checks.find((c: { code: string }) => c.code === 'QR_DECODES')).toMatchObject({ passed: true })
  })

  it('refuses malformed requests with problems', async () => {
    expect((await appOf().request('/v1/qa', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: hc1 })).status).toBe(415)
    expect((await appOf().request('/v1/qa', postJson({ hc1, at: 'yesterday' }))).status).toBe(400)
    expect((await appOf().request('/v1/qa', postJson({ hc1, extra: 1 }))).status).toBe(400)
    const noRules = await appOf({ rules: undefined }).request('/v1/qa', postJson({ hc1, countries: 'DE' }))
    expect(noRules.status).toBe(400)
    expect((await noRules.json()).detail).toMatch(/No business rules/)
  })

  it('is described in the OpenAPI document', () => {
    const doc = appOf().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } })
    expect(doc.paths?.['/v1/qa']?.post?.summary).toMatch(/Quality checks/)
    expect(JSON.stringify(doc.components?.schemas?.QaResult)).toContain('DECODE_PREFIX')
  })
})
