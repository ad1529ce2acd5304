// OpenAPI schemas of POST /v1/verify: the two request forms and the VerificationResult.
import { z } from '@hono/zod-openapi'
import { MAX_HC1_LENGTH } from '../hcert/limits.ts'
import { MAX_IMAGE_BYTES } from '../verify/types.ts'
import { CLOCK_PATTERN } from '../verify/clock.ts'
import { VERIFICATION_STATUSES, statusMarkdown } from '../verify/status.ts'

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
  .openapi({
    description: "Arrival country whose business rules apply (its Acceptance rules, plus the issuing country's Invalidation rules).",
    example: 'DE',
  })
const at = z.string().regex(CLOCK_PATTERN, 'expected an ISO 8601 date or date-time with zone').openapi({
  description: 'Validation clock (default: now).',
  example: '2021-10-15T12:00:00Z',
})

export const VerifyJsonSchema = z
  .object({
    hc1: z.string().min(1).max(MAX_HC1_LENGTH).openapi({ description: 'The EU DCC text, starting with HC1:', example: 'HC1:NCF...' }),
    country: country.optional(),
    at: at.optional(),
  })
  .strict()
  .openapi('VerifyRequest')

const image = z
  .custom<File>((value) => value instanceof File, { message: 'expected a file' })
  .openapi({
    type: 'string',
    format: 'binary',
    description: `A PNG or JPEG photo or screenshot of the QR code, at most ${MAX_IMAGE_BYTES} bytes.`,
  })

export const VerifyFormSchema = z.object({ image, country: country.optional(), at: at.optional() }).openapi('VerifyImageRequest')

const RuleOutcomeSchema = z.object({
  identifier: z.string().openapi({ example: 'VR-DE-0001' }),
  type: z.enum(['Acceptance', 'Invalidation']),
  country: z.string(),
  version: z.string(),
  description: z.string(),
  result: z.enum(['PASS', 'FAIL', 'OPEN']),
  reason: z.enum(['EVALUATION_ERROR', 'NON_BOOLEAN_RESULT']).optional(),
})

const HashType = z.enum(['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'])

export const VerificationResultSchema = z
  .object({
    status: z.enum(VERIFICATION_STATUSES).openapi({ description: `One status from the taxonomy:\n\n${statusMarkdown()}` }),
    statusText: z.string(),
    detail: z.string().optional().openapi({ description: 'What exactly failed, when the status alone does not say.' }),
    verified: z
      .boolean()
      .openapi({ description: 'True only when the signature verified with a trusted key; otherwise the payload is untrusted.' }),
    clock: z.string().openapi({ description: 'The validation clock used.' }),
    payload: z.unknown().optional().openapi({ description: 'The decoded DCC payload (schema 1.3).' }),
    type: z.enum(['vaccination', 'test', 'recovery']).optional(),
    issuer: z
      .object({
        iss: z.string().optional().openapi({ description: 'Issuing country (CWT claim 1).' }),
        kid: z.string().optional().openapi({ description: 'Key identifier, base64.' }),
        source: z.string().optional().openapi({ description: 'The trust list the signing certificate came from.' }),
        country: z.string().optional().openapi({ description: 'Country of the signing certificate.' }),
      })
      .optional(),
    iat: z.string().optional(),
    exp: z.string().optional(),
    revocation: z.object({ checked: z.boolean(), hashTypes: z.array(HashType).readonly(), revokedBy: HashType.optional() }).optional(),
    rules: z.object({ country: z.string(), passed: z.boolean(), results: z.array(RuleOutcomeSchema).readonly() }).optional(),
  })
  .openapi('VerificationResult')
