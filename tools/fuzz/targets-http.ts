// The fuzz target of the HTTP request bodies: POST /v1/certificates and /v1/verify (JSON and multipart
// image uploads) through the real app's `app.request`, with the national sandboxes in process.
import fc from 'fast-check'
import { sandboxes } from '../../adapters/registry.ts'
import { statusForCode } from '../../src/http/status.ts'
import { createFuzzApp } from './app.ts'
import { FuzzFinding, typedAsync } from './check.ts'
import { hc1Vectors, nationalQrTexts, qrImages } from './corpus.ts'
import { anyText, mutatedBytes, mutatedJson, mutatedText } from './mutate.ts'

const holder = fc.record(
  {
    familyName: fc.oneof(fc.string({ maxLength: 90 }), fc.constantFrom('Иванов', 'NGUYEN', 'Sokolova')),
    givenName: fc.oneof(fc.string({ maxLength: 90 }), fc.constantFrom('Иван', 'VAN A', 'Anna')),
    patronymic: fc.string({ maxLength: 90 }),
    dateOfBirth: fc.oneof(fc.constantFrom('1958-08-27', '1987-01-18', '1987', '1987-13-45'), fc.string({ maxLength: 12 })),
    documentNumber: fc.string({ maxLength: 50 }),
  },
  { requiredKeys: ['familyName', 'givenName', 'dateOfBirth'] },
)

/** POST bodies (JSON, and multipart uploads to /v1/verify) and the property their answers meet: never a 500; any error is problem+json with its code's status. */
export async function httpProperty() {
  const app = await createFuzzApp()
  const texts = nationalQrTexts()
  const hc1 = hc1Vectors().map((v) => v.prefix)
  const samples = Object.values(sandboxes).flatMap((factory) => factory().samples())
  const issueBody = fc.oneof(
    fc.constantFrom(...samples).map((sample) => ({ qr: sample.qr, holder: sample.holder, consent: true })),
    fc.record({
      qr: fc.oneof(fc.constantFrom(...texts), mutatedText(texts, 3), anyText),
      holder,
      consent: fc.oneof(fc.constant(true), fc.jsonValue({ maxDepth: 1 })),
    }),
    mutatedJson([{ qr: texts[0], holder: { familyName: 'A', givenName: 'B', dateOfBirth: '1980-01-01' }, consent: true }], 3),
    fc.jsonValue({ maxDepth: 4 }),
  )
  const verifyBody = fc.oneof(
    fc.record(
      {
        hc1: fc.oneof(fc.constantFrom(...hc1), mutatedText(hc1, 4)),
        country: fc.oneof(fc.constantFrom('DE', 'AT', 'de', 'XX'), fc.string({ maxLength: 4 })),
        at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
      },
      { requiredKeys: ['hc1'] },
    ),
    mutatedJson([{ hc1: hc1[0] }], 3),
    fc.jsonValue({ maxDepth: 4 }),
  )
  const request = fc.oneof(
    fc.tuple(
      fc.constant('/v1/certificates'),
      issueBody.map((b) => JSON.stringify(b) ?? 'null'),
      fc.option(fc.string({ maxLength: 140 }), { nil: undefined }),
    ),
    fc.tuple(
      fc.constant('/v1/verify'),
      verifyBody.map((b) => JSON.stringify(b) ?? 'null'),
      fc.constant(undefined),
    ),
    fc.tuple(
      fc.constantFrom('/v1/certificates', '/v1/verify'),
      mutatedText(
        [
          '{"qr":"https://immune.mos.ru/qr?id=4501230000000017","holder":{"familyName":"A","givenName":"B","dateOfBirth":"1980-01-01"},"consent":true}',
          `{"hc1":"${hc1[0]}"}`,
        ],
        6,
      ),
      fc.constant(undefined),
    ),
  )
  // Image uploads: a multipart form with a mutated QR picture (or none), and odd extra fields.
  const images = qrImages()
  const upload = fc
    .record({
      image: fc.option(mutatedBytes(images, 4), { nil: undefined }),
      name: fc.constantFrom('image', 'img', 'image[]'),
      country: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
      at: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    })
    .map(({ image, name, country, at }) => {
      const form = new FormData()
      if (image) form.append(name, new Blob([image as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'qr.png')
      if (country !== undefined) form.append('country', country)
      if (at !== undefined) form.append('at', at)
      return ['/v1/verify', form, undefined] as const
    })
  const requests = fc.oneof({ weight: 19, arbitrary: request }, { weight: 1, arbitrary: upload })
  const property = fc.asyncProperty(requests, async ([path, body, key]) => {
    const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': 'application/json' } : {}
    if (key !== undefined) headers['idempotency-key'] = key
    const before = app.errors.length
    const res = await typedAsync(() => app.request(path, { method: 'POST', headers, body }), { budgetMs: 10_000 })
    if (!res) throw new FuzzFinding('no response')
    const text = await res.text()
    if (res.status >= 500 && !['502', '503', '504'].includes(String(res.status)))
      throw new FuzzFinding(`${path} answered ${res.status}: ${text.slice(0, 200)}`)
    if (app.errors.length > before) throw new FuzzFinding(`${path} logged an error: ${app.errors[app.errors.length - 1]!.slice(0, 300)}`)
    if (res.status >= 400) {
      if (res.headers.get('content-type') !== 'application/problem+json') throw new FuzzFinding(`${path} ${res.status} is not problem+json`)
      const problem = JSON.parse(text) as { code?: unknown; status?: unknown }
      if (typeof problem.code !== 'string' || problem.status !== res.status || statusForCode(problem.code) !== res.status) {
        throw new FuzzFinding(`${path} ${res.status} with code ${String(problem.code)}`)
      }
    }
  })
  return { property, close: app.close }
}
