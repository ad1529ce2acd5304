import { describe, expect, it } from 'vitest'
import { webRoutes } from './routes.ts'
import { createApp } from '../http/app.ts'
import type { AppDeps } from '../http/deps.ts'
import { createServiceMetrics } from '../http/metrics.ts'

const app = webRoutes({ sandbox: false })
const post = (body: unknown) =>
  app.request('/v1/transliterate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('GET|POST /v1/transliterate', () => {
  it('writes every script the tables cover, Kazakh letters included', async () => {
    const res = await post({ familyName: 'Қасымова', givenName: 'Іңкәр' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ fnt: 'KASYMOVA', gnt: 'INKAR' })
    const get = await app.request(
      `/v1/transliterate?familyName=${encodeURIComponent('Ødegård-Müller')}&givenName=${encodeURIComponent('Ngô Bảo'.normalize('NFD'))}`,
    )
    expect(await get.json()).toEqual({ fnt: 'OEDEGAARD<MUELLER', gnt: 'NGO<BAO' })
  })

  it('refuses a letter outside the tables with a problem naming the field, the letter and its code point only', async () => {
    const res = await post({ familyName: 'Иванова', givenName: 'ვაჟა' })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ code: 'DCC_NAME', field: 'givenName', character: 'ვ', codePoint: 'U+10D5' })
    expect(problem.detail).toContain('ვ')
    const text = JSON.stringify(problem)
    for (const other of ['ა', 'ჟ', 'Иванова', 'IVANOVA']) expect(text).not.toContain(other)
    const get = await app.request(`/v1/transliterate?familyName=${encodeURIComponent('Ӂеорӂе')}`)
    expect(await get.json()).toMatchObject({ code: 'DCC_NAME', field: 'familyName', codePoint: 'U+04C1' })
  })

  it('refuses names that are not text, too long, or a body that is not a JSON object', async () => {
    for (const body of [{ familyName: 42 }, { givenName: 'a'.repeat(81) }, [], 'Иванов']) {
      const res = await post(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { code: string }).code).toBe('BAD_REQUEST')
    }
    const broken = await app.request('/v1/transliterate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(broken.status).toBe(400)
    expect(await (await post({})).json()).toEqual({ fnt: '', gnt: '' })
  })

  it('is described in the OpenAPI document of the app, with both methods and the name problem', async () => {
    const spec = (await (await createApp(deps()).request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; parameters?: { name: string }[] }>>
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
    }
    const path = spec.paths['/v1/transliterate']
    expect(path && Object.keys(path).sort()).toEqual(['get', 'post'])
    expect(path?.get?.parameters?.map((p) => p.name).sort()).toEqual(['familyName', 'givenName'])
    expect(path?.post?.requestBody).toBeDefined()
    expect(Object.keys(path?.post?.responses ?? {}).sort()).toEqual(['200', '400', '422'])
    expect(Object.keys(spec.components.schemas.Transliteration?.properties ?? {})).toEqual(['fnt', 'gnt'])
    // the problem of a refused letter: the Problem schema and the three fields that name the letter
    const nameProblem = JSON.stringify(spec.components.schemas.NameProblem)
    for (const part of ['#/components/schemas/Problem', '"field"', '"character"', '"codePoint"']) expect(nameProblem).toContain(part)
  })
})

function deps(): AppDeps {
  return {
    config: { mode: 'production' },
    issuer: {
      issue: async () => {
        throw new Error('not used')
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
    verification: { keys: () => [], now: () => new Date(0), decodeImage: async () => 'HC1:' },
  }
}
