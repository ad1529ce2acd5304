// POST /v1/qa: every QA check of `certbridge qa` on one certificate, so an issuer can try a single
// code without installing anything. The HC1 text as JSON, or a picture of its QR as
// multipart/form-data (the picture is read; its print-quality measures need the CLI). Checked
// against the server's trust lists and business rules. A certificate that fails checks is a
// successful answer (200); only a malformed request is a problem.
import { createRoute, z } from '@hono/zod-openapi'
import { MAX_HC1_LENGTH } from '../../hcert/limits.ts'
import { CATALOGUE } from '../../qa/catalogue.ts'
import { checkCertificate, type QaSubject } from '../../qa/check-certificate.ts'
import { parseClock, CLOCK_PATTERN } from '../../verify/clock.ts'
import type { VerifyRouteDeps } from './verify.ts'
import { MAX_IMAGE_BYTES } from '../../verify/types.ts'
import { limitBody } from '../body-limit.ts'
import { HttpError } from '../problem.ts'
import { createRouter } from '../router.ts'
import { problemResponses } from '../schemas.ts'

export const MAX_QA_JSON_BYTES = 64 * 1024

const country = z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
const fields = {
  issuer: country
    .optional()
    .openapi({ description: 'The issuing country the certificate claims to come from (checked against the CWT iss).', example: 'VN' }),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional()
    .openapi({ description: 'The schema version it claims (checked against ver).', example: '1.3.0' }),
  countries: z
    .string()
    .regex(/^(all|[A-Za-z]{2}(,[A-Za-z]{2})*)$/)
    .optional()
    .openapi({
      description: "Arrival countries whose business rules are evaluated: 'all' or a comma-separated list (needs rules on the server).",
      example: 'DE,FR',
    }),
  at: z
    .string()
    .regex(CLOCK_PATTERN)
    .optional()
    .openapi({ description: 'Validation clock (default: now).', example: '2022-01-15T12:00:00Z' }),
  lang: z
    .string()
    .regex(/^[a-zA-Z]{2}$/)
    .optional()
    .openapi({ description: 'Language of rule descriptions (English when a rule lacks it).', example: 'de' }),
}

const QaJsonSchema = z
  .object({ hc1: z.string().min(1).max(MAX_HC1_LENGTH).openapi({ description: 'The certificate text, starting with HC1:' }), ...fields })
  .strict()
  .openapi('QaRequest')
const QaFormSchema = z
  .object({
    image: z
      .custom<File>((value) => value instanceof File, { message: 'expected a file' })
      .openapi({
        type: 'string',
        format: 'binary',
        description: `A PNG or JPEG picture of the QR code, at most ${MAX_IMAGE_BYTES} bytes.`,
      }),
    ...fields,
  })
  .openapi('QaImageRequest')

const Window = z.object({ from: z.string().nullable(), until: z.string().nullable() })
const QaResultSchema = z
  .object({
    path: z.string(),
    country: z.string().optional().openapi({ description: 'The claimed issuing country.' }),
    decoded: z.boolean(),
    checks: z
      .array(
        z.object({
          code: z.string().openapi({ example: 'UVCI_CHECKSUM' }),
          severity: z.enum(['error', 'warning']),
          passed: z.boolean(),
          message: z.string(),
        }),
      )
      .readonly()
      .openapi({
        description: `Every check that ran, in catalogue order:\n\n${CATALOGUE.map((d) => `- \`${d.code}\` (${d.severity}): ${d.explanation}`).join('\n')}`,
      }),
    acceptance: z
      .record(
        z.string(),
        z.object({
          country: z.string(),
          accepted: z.boolean(),
          outside: z.enum(['NOT_YET_ISSUED', 'EXPIRED']).optional(),
          from: z.string().nullable(),
          until: z.string().nullable(),
          windows: z.array(Window).readonly(),
          rulesEvaluated: z.number().int(),
          failing: z
            .array(
              z.object({
                identifier: z.string(),
                version: z.string(),
                type: z.enum(['Acceptance', 'Invalidation']),
                country: z.string(),
                description: z.object({ text: z.string(), language: z.string(), fallback: z.boolean() }),
                result: z.enum(['FAIL', 'OPEN']),
                reason: z.enum(['EVALUATION_ERROR', 'NON_BOOLEAN_RESULT']).optional(),
                failingLogic: z.string(),
              }),
            )
            .readonly(),
        }),
      )
      .openapi({
        description:
          'Per arrival country: accepted at the clock, the windows of acceptance (inclusive ISO instants; null = unbounded) and the failing rules.',
      }),
  })
  .openapi('QaResult')

const qaRoute = createRoute({
  method: 'post',
  path: '/v1/qa',
  summary: 'Quality checks of one EU DCC, as a mutual-recognition tester runs them',
  description:
    "Runs the `certbridge qa` catalogue on one certificate: decoding stages and lenient cases, schema 1.3.x strictly, value sets, UVCI, plausibility, the signature against the server's trust lists, and (with `countries`) the business rules with the windows in which each country accepts it. Send the HC1 as JSON or a QR picture as multipart/form-data (field `image`); the picture's print-quality measures (quiet zone, module size, downscaling) are made by the CLI only.",
  request: {
    body: { required: false, content: { 'application/json': { schema: QaJsonSchema }, 'multipart/form-data': { schema: QaFormSchema } } },
  },
  responses: {
    200: { description: 'The checks and the acceptance', content: { 'application/json': { schema: QaResultSchema } } },
    ...problemResponses([400, 413, 415, 503]),
  },
})

const isJson = (type: string) => /^application\/json\b/i.test(type)
const isMultipart = (type: string) => /^multipart\/form-data\b/i.test(type)

export function qaRoutes(deps: VerifyRouteDeps) {
  const app = createRouter()
  app.use('/v1/qa', async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    if (!isJson(type) && !isMultipart(type))
      throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json with hc1, or multipart/form-data with an image.')
    await next()
  })
  const jsonLimit = limitBody(MAX_QA_JSON_BYTES)
  const uploadLimit = limitBody(MAX_IMAGE_BYTES + 64 * 1024)
  app.use('/v1/qa', (c, next) => (isJson(c.req.header('content-type') ?? '') ? jsonLimit(c, next) : uploadLimit(c, next)))

  app.openapi(qaRoute, async (c) => {
    const json = isJson(c.req.header('content-type') ?? '')
    const body = (json ? c.req.valid('json') : c.req.valid('form')) as {
      issuer?: string
      version?: string
      countries?: string
      at?: string
      lang?: string
    }
    let subject: QaSubject
    if (json) {
      subject = { path: 'hc1', text: (c.req.valid('json') as z.infer<typeof QaJsonSchema>).hc1 }
    } else {
      const { image } = c.req.valid('form') as Partial<z.infer<typeof QaFormSchema>>
      if (!(image instanceof File)) throw new HttpError('BAD_REQUEST', 'The form needs an image field with the QR picture.')
      if (image.size > MAX_IMAGE_BYTES) throw new HttpError('PAYLOAD_TOO_LARGE', `The image is larger than ${MAX_IMAGE_BYTES} bytes.`)
      subject = { path: 'image', image: new Uint8Array(await image.arrayBuffer()) }
    }
    const at = body.at === undefined ? deps.now() : parseClock(body.at)
    if (!at) throw new HttpError('BAD_REQUEST', 'at is not a valid ISO 8601 date.')
    if (body.countries !== undefined && !deps.rules)
      throw new HttpError('BAD_REQUEST', 'No business rules are configured on this server; send the request without countries.')
    const countries =
      body.countries === undefined || body.countries.toLowerCase() === 'all' ? undefined : body.countries.toUpperCase().split(',')
    const claims = { ...(body.issuer ? { country: body.issuer.toUpperCase() } : {}), ...(body.version ? { version: body.version } : {}) }
    const report = await checkCertificate(
      { ...subject, claims },
      {
        at,
        keys: deps.keys,
        inspectQr: async (bytes) => ({ text: await deps.decodeImage(bytes, { maxBytes: MAX_IMAGE_BYTES }) }),
        ...(deps.rules && body.countries !== undefined ? { rules: deps.rules } : {}),
        ...(countries ? { countries } : {}),
        ...(body.lang ? { language: body.lang.toLowerCase() } : {}),
      },
    )
    return c.json(report, 200, { 'cache-control': 'no-store' })
  })
  return app
}
