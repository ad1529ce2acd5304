import { describe, expect, it } from 'vitest'
import { createSandbox, SANDBOX_TOKEN } from './sandbox.ts'
import { checkAnswer, recordAnswer } from './wire.ts'
import { statusForCode } from '../../src/http/status.ts'

const sandbox = createSandbox({ today: '2024-05-10' })
const base = 'http://sandbox.test'

function search(number: unknown): Promise<Response> {
  return Promise.resolve(
    sandbox.fetch(
      new Request(`${base}/api/search_by_number_form`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number }),
      }),
    ),
  )
}

describe('ru-mos sandbox', () => {
  it("answers mos.ru's check API in its wire format", async () => {
    const res = await search('4501230000000017')
    expect(res.status).toBe(200)
    const body = checkAnswer.parse(await res.json())
    expect(body.result).toMatchObject({
      number: '4501230000000017',
      certificate: {
        type: 'VACCINATED',
        initials: 'С******* А*** В*********',
        birthDay: '1985-03-14',
        start: '2024-03-11T00:00:00+03:00',
        end: '2025-03-11T00:00:00+03:00',
      },
    })
    expect((await search('4501239999999999')).status).toBe(404)
    expect((await search(42)).status).toBe(400)
  })

  it('serves the record source only with the bearer token', async () => {
    const url = `${base}/record-source/v1/certificates/4501230000000058`
    expect((await sandbox.fetch(new Request(url))).status).toBe(401)
    expect((await sandbox.fetch(new Request(url, { headers: { authorization: 'Bearer wrong' } }))).status).toBe(401)
    const res = await sandbox.fetch(new Request(url, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } }))
    expect(recordAnswer.parse(await res.json()).vaccination?.courses).toHaveLength(2)
    const none = await sandbox.fetch(
      new Request(`${base}/record-source/v1/certificates/4501239999999999`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } }),
    )
    expect(none.status).toBe(404)
  })

  it('points the adapter at itself', () => {
    expect(sandbox.config('http://127.0.0.1:4321')).toEqual({
      BASE_URL: 'http://127.0.0.1:4321',
      RECORD_SOURCE_URL: 'http://127.0.0.1:4321/record-source',
      RECORD_SOURCE_TOKEN: SANDBOX_TOKEN,
    })
  })

  it('samples use the real host and the status table', () => {
    const samples = sandbox.samples()
    expect(samples.length).toBeGreaterThanOrEqual(12)
    for (const s of samples) {
      if (!s.name.includes('forged')) expect(s.qr).toMatch(/^https:\/\/immune\.mos\.ru\/qr\?id=[A-Za-z0-9]+$/)
      expect(s.expect.status).toBe(s.expect.code ? statusForCode(s.expect.code) : 201)
    }
    expect(
      samples
        .filter((s) => s.expect.status === 201)
        .map((s) => s.expect.type)
        .sort(),
    ).toEqual(['recovery', 'test', 'vaccination', 'vaccination', 'vaccination', 'vaccination', 'vaccination'])
  })
})
