// GET|POST /v1/acceptance against the EU business-rules test data: a Sputnik V course (signed with a
// trusted test key) that some countries accept and others refuse, with from/until dates; the rule
// descriptions in the asked language or English, flagged; no rules loaded; bad input.
import { HTTPException } from 'hono/http-exception'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolverOf, signed, testKey } from '../../../test/verify/support.ts'
import { testdataPath } from '../../../test/shared.ts'
import { loadRuleSetFromDirectory } from '../../runtime/node/rules-dir.ts'
import type { RuleSet } from '../../rules/types.ts'
import type { VerifyRouteDeps } from './verify.ts'
import { problem, problemFromError, problemResponse } from '../problem.ts'
import { createRouter } from '../router.ts'
import { acceptanceRoutes } from './acceptance.ts'

const sputnik = {
  ver: '1.3.0',
  nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' },
  dob: '1980-01-01',
  v: [
    {
      tg: '840539006',
      vp: '29061000087103',
      mp: 'Sputnik-V',
      ma: 'Gamaleya-Research-Institute',
      dn: 2,
      sd: 2,
      dt: '2021-09-01',
      co: 'RU',
      is: 'Ministry',
      ci: 'URN:UVCI:01:RU:X1#2',
    },
  ],
}
const times = { iat: new Date('2021-09-02T00:00:00Z'), exp: new Date('2022-09-02T00:00:00Z') }
const now = new Date('2022-01-15T12:00:00Z')

function appOf(deps: VerifyRouteDeps) {
  const app = createRouter()
  app.onError((error) => {
    if (error instanceof HTTPException && error.status < 500)
      return problemResponse(problem('BAD_REQUEST', 'The request body is not valid JSON.'))
    return problemResponse(problemFromError(error, 'test'))
  })
  app.route('/', acceptanceRoutes(deps))
  return app
}

interface Answer {
  status: string
  verified: boolean
  rulesLoaded: boolean
  countries: {
    country: string
    accepted: boolean
    from: string | null
    until: string | null
    failing: { identifier: string; description: { language: string; fallback: boolean; text: string } }[]
  }[]
}

describe('/v1/acceptance', () => {
  let rules: RuleSet
  let hc1: string
  let deps: VerifyRouteDeps
  beforeAll(async () => {
    rules = await loadRuleSetFromDirectory(testdataPath('business-rules'))
    const { signer, key } = await testKey({ source: 'RU', country: 'RU' })
    hc1 = (await signed(sputnik, signer, times, 'RU')).hc1
    deps = { keys: resolverOf(key), now: () => now, rules, decodeImage: async () => hc1 }
  })
  const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('lists every country with rules: some accept, some refuse, with their windows', async () => {
    const response = await appOf(deps).request('/v1/acceptance', post({ hc1 }))
    expect(response.status).toBe(200)
    const body = (await response.json()) as Answer
    expect(body).toMatchObject({ status: 'VALID', verified: true, rulesLoaded: true, clock: now.toISOString() })
    const by = Object.fromEntries(body.countries.map((c) => [c.country, c]))
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['AT', 'CY', 'DE', 'FR', 'PL']))
    expect(by.DE).toMatchObject({ accepted: false, from: null, until: null })
    expect(by.DE!.failing.map((f) => f.identifier)).toEqual(['VR-DE-0002'])
    expect(by.CY).toMatchObject({ accepted: true, from: '2021-09-02T00:00:00.000Z', until: '2022-09-01T00:00:00.000Z' })
    expect(by.PL).toMatchObject({ accepted: true, until: '2022-02-25T23:59:59.999Z' })
    expect(by.FR).toMatchObject({ accepted: false, from: '2021-09-02T00:00:00.000Z', until: '2021-12-17T17:59:59.999Z' })
  })

  it('gives rule descriptions in the asked language, else English flagged, by GET too', async () => {
    const url = `/v1/acceptance?hc1=${encodeURIComponent(hc1)}&lang=de&countries=DE,AT&at=2022-01-15T12:00:00Z`
    const body = (await (await appOf(deps).request(url)).json()) as Answer
    expect(body.countries.map((c) => c.country)).toEqual(['DE', 'AT'])
    expect(body.countries[0]!.failing[0]!.description).toMatchObject({ language: 'de', fallback: false })
    expect(body.countries[1]!.failing[0]!.description).toMatchObject({ language: 'en', fallback: true })
    const ru = (await (await appOf(deps).request('/v1/acceptance', post({ hc1, lang: 'ru', countries: 'DE' }))).json()) as Answer
    expect(ru.countries[0]!.failing[0]!.description).toMatchObject({ language: 'en', fallback: true })
  })

  it('evaluates at another clock', async () => {
    const body = (await (await appOf(deps).request('/v1/acceptance', post({ hc1, at: '2021-11-01', countries: 'FR' }))).json()) as Answer
    expect(body.countries[0]).toMatchObject({ country: 'FR', accepted: true, until: '2021-12-17T17:59:59.999Z' })
  })

  it('says when no rules are loaded, listing no country', async () => {
    const { rules: _, ...noRules } = deps
    const body = (await (await appOf(noRules).request('/v1/acceptance', post({ hc1 }))).json()) as Answer
    expect(body).toMatchObject({ status: 'VALID', rulesLoaded: false, countries: [] })
  })

  it('evaluates an unverified certificate, saying it is not verified', async () => {
    const other = await testKey({ source: 'XX', country: 'XX' })
    const body = (await (
      await appOf({ ...deps, keys: resolverOf(other.key) }).request('/v1/acceptance', post({ hc1, countries: 'CY' }))
    ).json()) as Answer
    expect(body).toMatchObject({ status: 'HCERT_KID_UNKNOWN', verified: false, countries: [{ country: 'CY', accepted: true }] })
  })

  it('refuses bad input with problem+json', async () => {
    const app = appOf(deps)
    expect((await app.request('/v1/acceptance', post({}))).status).toBe(400)
    expect((await app.request('/v1/acceptance', post({ hc1, at: 'tomorrow' }))).status).toBe(400)
    expect((await app.request('/v1/acceptance', post({ hc1, countries: 'Germany' }))).status).toBe(400)
    expect((await app.request('/v1/acceptance', post({ hc1, extra: 1 }))).status).toBe(400)
    const garbage = await app.request('/v1/acceptance', post({ hc1: 'HC1:???' }))
    expect(garbage.status).toBe(200)
    expect(await garbage.json()).toMatchObject({ verified: false, countries: [] })
  })
})
