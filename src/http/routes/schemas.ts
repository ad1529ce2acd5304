import { z } from '@hono/zod-openapi'

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable error code, e.g. HOLDER_MISMATCH, PRODUCT_UNMAPPED, UPSTREAM_TIMEOUT' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    retryAfter: z.number().optional(),
  })
  .openapi('Problem')

const descriptions: Record<number, string> = {
  400: 'Bad input (malformed body, unsupported or forged link)',
  401: 'Missing or wrong bearer token',
  403: 'The holder details do not match the national record',
  404: 'Not found',
  409: 'Conflict (Idempotency-Key reused for another request, certificate revoked)',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'The national certificate cannot be converted (expired, revoked, no EU equivalent, product not in the EU value sets)',
  429: 'Rate limited; see Retry-After',
  502: 'The national system answered something unusable',
  503: 'The national system is unavailable; see Retry-After',
  504: 'The national system did not answer in time',
}

export function problemResponses(statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>
}
