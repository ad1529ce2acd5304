import { z } from '@hono/zod-openapi'

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable error code, e.g. NO_MATCHING_CERTIFICATE, PRODUCT_UNMAPPED, UPSTREAM_TIMEOUT' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    retryAfter: z.number().optional(),
  })
  .openapi('Problem')

const descriptions: Record<number, string> = {
  400: 'Bad input (malformed body, unsupported or forged link, a name that is not letters: HOLDER_NAME_INVALID)',
  401: 'Missing or wrong bearer token',
  403: 'The holder details do not match the national record',
  404: 'Not found; for a national link: no convertible certificate matches the link and the holder (NO_MATCHING_CERTIFICATE), the one answer about a record until the holder binds',
  409: 'Conflict (Idempotency-Key reused for another request, certificate revoked)',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'The national certificate cannot be converted (expired, revoked, no EU equivalent, product not in the EU value sets: told to the bound holder only), or the national systems disagree about its holder (RECORD_INCONSISTENT)',
  429: 'Rate limited; see Retry-After',
  502: 'The national system answered something unusable',
  503: 'The national system is unavailable; see Retry-After',
  504: 'The national system did not answer in time',
}

export function problemResponses(statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>
}
