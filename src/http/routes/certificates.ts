import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { qrMatrix, renderPngDataUrl, renderSvg, QR_MARGIN, QR_SCALE } from '../../qr/render.ts'
import { ProblemSchema, problemResponses } from '../schemas.ts'
import { alreadyEuDcc, isEuDccText, ALREADY_EU_DCC_MESSAGE } from '../../verify/already-eu-dcc.ts'
import { VerificationResultSchema } from '../verify-schemas.ts'

export const AlreadyEuDccSchema = z
  .object({
    outcome: z.literal('ALREADY_EU_DCC'),
    message: z.literal(ALREADY_EU_DCC_MESSAGE),
    verification: VerificationResultSchema,
  })
  .openapi('AlreadyEuDcc')

const datePattern = /^\d{4}(-\d{2}(-\d{2})?)?$/

export const HolderSchema = z
  .object({
    familyName: z.string().trim().min(1).max(80).openapi({ example: 'Иванов' }),
    givenName: z.string().trim().min(1).max(80).openapi({ example: 'Иван' }),
    patronymic: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .openapi({ example: 'Иванович', description: 'Used for holder binding only; never printed.' }),
    dateOfBirth: z.string().regex(datePattern, 'expected YYYY-MM-DD').openapi({ example: '1958-08-27' }),
    documentNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'Optional; checked against the visible digits the national system shows, never stored or printed.' }),
  })
  .strict()
  .openapi('Holder')

export const IssueBodySchema = z
  .object({
    qr: z.string().min(1).max(4096).openapi({
      description: "The text of the national QR code (a link, or Vietnam's national QR text).",
      example: 'https://www.gosuslugi.ru/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b?lang=ru',
    }),
    holder: HolderSchema,
    consent: z
      .literal(true)
      .openapi({ description: 'The holder agrees that the fields of the EU certificate are taken from the national record.' }),
  })
  .strict()
  .openapi('IssueRequest')

export const IssuedSchema = z
  .object({
    hc1: z.string().openapi({ description: 'The EU DCC as text, starting with HC1:' }),
    uvci: z.string().openapi({ example: 'URN:UVCI:01:RU:7QH3W0K2M9D1C8X4#Q' }),
    type: z.enum(['vaccination', 'recovery', 'test']),
    issuedAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    kid: z.string().openapi({ description: 'base64 key identifier of the signing DSC' }),
    repeated: z.boolean().openapi({ description: 'True when this record and event had been issued before: same UVCI and validity.' }),
    link: z.object({ adapter: z.string().openapi({ example: 'ru-gosuslugi' }), kind: z.string().openapi({ example: 'v1-unrz' }) }).openapi({
      description:
        'Which adapter and link form the QR text was read as: a Gosuslugi certificate number typed by hand is read as the v1-unrz link.',
    }),
    qr: z
      .object({ svg: z.string().optional(), png: z.string().optional().openapi({ description: 'data:image/png;base64,...' }) })
      .optional()
      .openapi({
        description:
          'The QR images asked for with `?qr=` (the SVG by default; the PNG only when asked, `?qr=png` or `?qr=svg,png`); absent with `?qr=none`.',
      }),
  })
  .openapi('IssuedCertificate')

const issueRoute = createRoute({
  method: 'post',
  path: '/v1/certificates',
  summary: 'Convert a national certificate into an EU DCC',
  description:
    'Resolves the national QR through its country adapter, checks the record and that it belongs to the holder, and issues an EU DCC. Send `Idempotency-Key` to make retries safe: the same record and event always yield the same UVCI.',
  request: {
    query: z.object({
      qr: z
        .string()
        .regex(/^(none|(svg|png)(,(svg|png))?)$/, 'expected svg, png, svg,png or none')
        .optional()
        .openapi({
          description:
            "Which QR images of the HC1 to return: `svg`, `png`, `svg,png` (the default) or `none`. Drawing them takes a fair share of a conversion's CPU; a client that renders the HC1 itself asks for none.",
          example: 'svg',
        }),
    }),
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
    body: { required: true, content: { 'application/json': { schema: IssueBodySchema } } },
  },
  responses: {
    200: {
      description:
        'The QR is already an EU DCC (`HC1:`) and verifies against the configured trust lists: it is not re-issued; its verification is returned instead. An `HC1:` that does not verify (unknown key identifier, bad signature, expired or revoked) is refused with 422 `EU_DCC_UNVERIFIED`, whose detail gives its verification status and why.',
      content: { 'application/json': { schema: AlreadyEuDccSchema } },
    },
    201: { description: 'Issued', content: { 'application/json': { schema: IssuedSchema } } },
    ...problemResponses([400, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504]),
  },
})

export function certificateRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('/v1/certificates', async (c, next) => {
    if (c.req.method === 'POST') {
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/json\b/i.test(type)) throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.')
    }
    await next()
  })
  app.openapi(issueRoute, async (c) => {
    const body = c.req.valid('json')
    const headers = c.req.valid('header')
    if (isEuDccText(body.qr)) {
      // Verified: 200 ALREADY_EU_DCC; not verified: EuDccUnverifiedError (422 EU_DCC_UNVERIFIED).
      const v = deps.verification
      return c.json(await alreadyEuDcc(body.qr.trim(), { keys: v.keys, revocation: v.revocation, rules: v.rules, now: v.now() }), 200, {
        'cache-control': 'no-store',
      })
    }
    // The per-client limit is counted by the issuer, in the same transaction as the per-record one.
    const issued = await deps.issuer.issue({
      qr: body.qr,
      holder: body.holder,
      idempotencyKey: headers['idempotency-key'],
      client: deps.clientId(c.req.raw, c.env),
      onMatched: (adapter) => c.set('adapter', adapter),
    })
    // The SVG by default: the PNG is two thirds of the answer's bytes and a page can draw it from the SVG.
    const wanted = c.req.valid('query').qr ?? 'svg'
    const matrix = wanted === 'none' ? undefined : qrMatrix(issued.hc1)
    const qr = matrix && {
      ...(wanted.includes('svg') ? { svg: renderSvg(matrix, QR_MARGIN) } : {}),
      ...(wanted.includes('png') ? { png: renderPngDataUrl(matrix, QR_MARGIN, QR_SCALE) } : {}),
    }
    return c.json(
      {
        hc1: issued.hc1,
        uvci: issued.uvci,
        type: issued.type,
        issuedAt: issued.issuedAt.toISOString(),
        expiresAt: issued.expiresAt.toISOString(),
        kid: issued.kid,
        repeated: issued.repeated,
        link: { adapter: issued.adapter, kind: issued.linkKind },
        ...(qr ? { qr } : {}),
      },
      201,
      { 'cache-control': 'no-store' },
    )
  })
  return app
}

export { ProblemSchema }
