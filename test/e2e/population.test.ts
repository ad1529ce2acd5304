// The sandboxes' synthetic population over real HTTP (CERTBRIDGE_SANDBOX_POPULATION): paged samples
// from every populated adapter, each one a distinct citizen whose certificate issues once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './server.ts'

interface Sample {
  adapter: string
  qr: string
  holder: Record<string, string>
  expect: { status: number; type?: string }
}

let server: TestServer
let plain: TestServer

beforeAll(async () => {
  ;[server, plain] = await Promise.all([startTestServer({ CERTBRIDGE_SANDBOX_POPULATION: '500' }), startTestServer()])
}, 60_000)

afterAll(async () => {
  await Promise.all([server?.close(), plain?.close()])
})

const page = async (url: string, query: string) => fetch(`${url}/v1/sandbox/population${query}`)

describe('GET /v1/sandbox/population', () => {
  it('pages through the holders of every populated adapter, the adapters taking turns', async () => {
    const first = (await (await page(server.url, '?limit=10')).json()) as { total: number; offset: number; samples: Sample[] }
    expect(first.total).toBe(1000) // ru-gosuslugi and ru-mos, 500 each
    expect(first.offset).toBe(0)
    expect(first.samples).toHaveLength(10)
    expect(new Set(first.samples.slice(0, 2).map((s) => s.adapter))).toEqual(new Set(['ru-gosuslugi', 'ru-mos']))
    const last = (await (await page(server.url, '?offset=995&limit=10')).json()) as { samples: Sample[] }
    expect(last.samples).toHaveLength(5)
    const all = (await (await page(server.url, '?limit=1000')).json()) as { samples: Sample[] }
    expect(new Set(all.samples.map((s) => s.qr)).size).toBe(1000)
  })

  it('issues a distinct certificate for each holder, and the same one again on a repeat', async () => {
    const { samples } = (await (await page(server.url, '?offset=100&limit=24')).json()) as { samples: Sample[] }
    const issue = (s: Sample) =>
      fetch(`${server.url}/v1/certificates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qr: s.qr, holder: s.holder, consent: true }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { uvci: string; type: string; repeated: boolean } }))
    const answers = await Promise.all(samples.map(issue))
    answers.forEach((a, i) => {
      expect(a.status, JSON.stringify(a.body)).toBe(201)
      expect(a.body.type).toBe(samples[i]!.expect.type)
      expect(a.body.repeated).toBe(false)
    })
    expect(new Set(answers.map((a) => a.body.uvci)).size).toBe(samples.length)
    const again = await issue(samples[0]!)
    expect(again.body).toMatchObject({ uvci: answers[0]!.body.uvci, repeated: true })
  })

  it('refuses a page past the limit, and answers 404 without a population', async () => {
    expect((await page(server.url, '?limit=10001')).status).toBe(400)
    expect((await page(server.url, '?offset=-1')).status).toBe(400)
    const none = await page(plain.url, '')
    expect(none.status).toBe(404)
    expect(none.headers.get('content-type')).toContain('application/problem+json')
  })
})
