// A stand-in for the bridge's API, used only while the real Node server (src/runtime/node/main.ts) cannot start:
// the sandbox samples come from the real adapter registry; issuance answers each sample's `expect`
// (a fixed HC1 text for issuable ones) and verification answers VALID for what it issued.
import { Hono } from 'hono'
import { sandboxes } from '../../adapters/registry.ts'
import type { SampleEntry } from '../../src/http/deps.ts'
import { problem, problemResponse } from '../../src/http/problem.ts'
import { isErrorCode } from '../../src/http/status.ts'
import { renderQr } from '../../src/qr/render.ts'

export function fakeSamples(): SampleEntry[] {
  return Object.entries(sandboxes).flatMap(([adapter, factory]) =>
    factory()
      .samples()
      .map((sample) => ({ adapter, ...sample })),
  )
}

export function fakeApi(): Hono {
  const samples = fakeSamples()
  const issued = new Map<string, SampleEntry>()
  const app = new Hono()
  app.get('/v1/sandbox/samples', (c) => c.json({ samples }))
  app.post('/v1/certificates', async (c) => {
    const body = (await c.req.json()) as { qr: string; holder: Record<string, string | undefined> }
    const sameLink = samples.filter((s) => s.qr === body.qr)
    const fields = ['familyName', 'givenName', 'patronymic', 'dateOfBirth'] as const
    const sample = sameLink.find((s) => fields.every((f) => (s.holder[f] ?? '') === (body.holder[f] ?? '')))
    if (!sample) return problemResponse(problem('NO_MATCHING_CERTIFICATE', 'fake'))
    if (sample.expect.status !== 201)
      return problemResponse(
        problem(sample.expect.code !== undefined && isErrorCode(sample.expect.code) ? sample.expect.code : 'BAD_REQUEST', 'fake'),
      )
    const index = samples.indexOf(sample)
    const hc1 = `HC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE$VK G2EN${String(index).padStart(3, '0')}`
    issued.set(hc1, sample)
    const qr = renderQr(hc1)
    return c.json(
      {
        hc1,
        uvci: `URN:UVCI:01:XX:FAKE${index}#A`,
        type: sample.expect.type ?? 'vaccination',
        issuedAt: '2021-09-01T00:00:00.000Z',
        expiresAt: '2022-09-01T00:00:00.000Z',
        kid: 'AAAAAAAAAAA=',
        repeated: false,
        qr: { svg: qr.svg, png: qr.png },
      },
      201,
    )
  })
  app.post('/v1/verify', async (c) => {
    const { hc1 } = (await c.req.json()) as { hc1: string }
    const sample = issued.get(hc1)
    if (!sample) return c.json({ status: 'HCERT_KID_UNKNOWN', verified: false })
    const h = sample.holder
    const payload = {
      ver: '1.3.0',
      nam: { fn: h.familyName, gn: h.givenName, fnt: 'X', gnt: 'Y' },
      dob: h.dateOfBirth,
      v: [
        {
          tg: '840539006',
          vp: '1119305005',
          mp: 'Sputnik-V',
          ma: 'Gamaleya-Research-Institute',
          dn: 2,
          sd: 2,
          dt: '2021-06-01',
          co: 'RU',
          is: 'certbridge test',
          ci: 'URN:UVCI:01:XX:FAKE#A',
        },
      ],
    }
    return c.json({
      status: 'VALID',
      verified: true,
      payload,
      issuer: { iss: 'XX', kid: 'AAAAAAAAAAA=', source: 'certbridge' },
      exp: '2022-09-01T00:00:00.000Z',
    })
  })
  return app
}
