// POST /v1/verify: an HC1 text as JSON, or a photo or screenshot of its QR as multipart/form-data.
// A certificate that is not valid is still a successful verification: 200 with its status. Only a
// malformed request is a problem (400), an oversized one 413, another media type 415; an image
// without a readable QR is the decoder's typed error (QR_*), mapped by the status table.
import { createRoute, type z } from '@hono/zod-openapi'
import { limitBody } from '../body-limit.ts'
import { HttpError } from '../problem.ts'
import { createRouter } from '../router.ts'
import { problemResponses } from '../schemas.ts'
import type { QrImageDecoder } from '../../qr/decode.ts'
import type { RevocationList } from '../../revocation/list.ts'
import type { RuleSet } from '../../rules/types.ts'
import type { KeyResolver } from '../../hcert/trusted-key.ts'
import { parseClock } from '../../verify/clock.ts'
import { MAX_IMAGE_BYTES } from '../../verify/types.ts'
import { VerificationResultSchema, VerifyFormSchema, VerifyJsonSchema } from '../verify-schemas.ts'
import { statusMarkdown } from '../../verify/status.ts'
import type { RevocationLookup } from '../../verify/types.ts'
import { verifyCertificate } from '../../verify/verify.ts'

export interface VerifyRouteDeps {
  /** Every trusted key: the bridge's own DSCs and the configured trust lists. */
  readonly keys: KeyResolver
  readonly revocation?: RevocationList | RevocationLookup
  readonly rules?: RuleSet
  readonly now: () => Date
  /** QR image decoder (src/runtime/node/qr/decode.ts on Node, the wasm module import on Workers). */
  readonly decodeImage: QrImageDecoder
}

/** Largest request body: the image plus room for the multipart envelope and the other fields. */
export const MAX_VERIFY_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024
export const MAX_VERIFY_JSON_BYTES = 64 * 1024

const verifyRoute = createRoute({
  method: 'post',
  path: '/v1/verify',
  summary: 'Verify an EU DCC: signature, trust list, validity, revocation and business rules',
  description: `Send the HC1 text as JSON, or a PNG or JPEG image of the QR code as multipart/form-data (field \`image\`, at most ${MAX_IMAGE_BYTES} bytes). \`country\` selects the arrival country's business rules; \`at\` sets the validation clock. Any certificate, valid or not, is answered 200 with one status:\n\n${statusMarkdown()}`,
  request: {
    body: {
      required: false,
      content: {
        'application/json': { schema: VerifyJsonSchema },
        'multipart/form-data': { schema: VerifyFormSchema },
      },
    },
  },
  responses: {
    200: { description: 'The verification result', content: { 'application/json': { schema: VerificationResultSchema } } },
    ...problemResponses([400, 413, 415, 503]),
  },
})

const isJson = (type: string) => /^application\/json\b/i.test(type)
const isMultipart = (type: string) => /^multipart\/form-data\b/i.test(type)

export function verifyRoutes(deps: VerifyRouteDeps) {
  const app = createRouter()
  app.use('/v1/verify', async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const type = c.req.header('content-type') ?? ''
    if (!isJson(type) && !isMultipart(type)) {
      throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json with hc1, or multipart/form-data with an image.')
    }
    await next()
  })
  // JSON bodies are small (an HC1 is under 16 KiB); only an image upload may reach 8 MiB.
  const jsonLimit = limitBody(MAX_VERIFY_JSON_BYTES)
  const uploadLimit = limitBody(MAX_VERIFY_BODY_BYTES)
  app.use('/v1/verify', (c, next) => (isJson(c.req.header('content-type') ?? '') ? jsonLimit(c, next) : uploadLimit(c, next)))

  app.openapi(verifyRoute, async (c) => {
    // Both validators ran; only the one matching the content type holds the body.
    const json = isJson(c.req.header('content-type') ?? '')
    const fields = (json ? c.req.valid('json') : c.req.valid('form')) as { country?: string; at?: string }
    let hc1: string
    if (json) {
      hc1 = (c.req.valid('json') as z.infer<typeof VerifyJsonSchema>).hc1
    } else {
      const { image } = c.req.valid('form') as Partial<z.infer<typeof VerifyFormSchema>>
      if (!(image instanceof File)) throw new HttpError('BAD_REQUEST', 'The form needs an image field with the QR picture.')
      if (image.size > MAX_IMAGE_BYTES) throw new HttpError('PAYLOAD_TOO_LARGE', `The image is larger than ${MAX_IMAGE_BYTES} bytes.`)
      hc1 = await deps.decodeImage(new Uint8Array(await image.arrayBuffer()), { maxBytes: MAX_IMAGE_BYTES })
    }
    const at = fields.at === undefined ? undefined : parseClock(fields.at)
    if (fields.at !== undefined && !at) throw new HttpError('BAD_REQUEST', 'at is not a valid ISO 8601 date.')
    if (fields.country !== undefined && !deps.rules) {
      throw new HttpError('BAD_REQUEST', 'No business rules are configured on this server; send the request without country.')
    }
    const result = await verifyCertificate(
      { hc1 },
      {
        keys: deps.keys,
        now: deps.now(),
        ...(deps.revocation ? { revocation: deps.revocation } : {}),
        ...(deps.rules ? { rules: deps.rules } : {}),
      },
      { ...(at ? { at } : {}), ...(fields.country !== undefined ? { country: fields.country.toUpperCase() } : {}) },
    )
    return c.json(result, 200, { 'cache-control': 'no-store' })
  })
  return app
}
