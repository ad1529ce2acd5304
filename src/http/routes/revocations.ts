import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { problemResponses } from '../schemas.ts'
import { requireAdmin } from '../admin-auth.ts'

const RevocationListSchema = z
  .object({
    generatedAt: z.string(),
    hashTypes: z.array(z.enum(['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'])),
    entries: z.array(
      z.object({
        kid: z.string(),
        hashType: z.enum(['UCI', 'COUNTRYCODEUCI', 'SIGNATURE']),
        hashes: z.array(z.string().openapi({ description: 'base64 of the first 128 bits of SHA-256' })),
        expires: z.string(),
      }),
    ),
  })
  .openapi('RevocationList')

const listRoute = createRoute({
  method: 'get',
  path: '/v1/revocation-list',
  summary: 'Revoked certificates issued by the bridge (EU revocation hash types)',
  responses: { 200: { description: 'Revocation list', content: { 'application/json': { schema: RevocationListSchema } } } },
})

const revokeRoute = createRoute({
  method: 'post',
  path: '/v1/revocations',
  summary: 'Revoke a certificate by its UVCI (admin)',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ uvci: z.string().min(10).max(80) })
            .strict()
            .openapi('RevocationRequest'),
        },
      },
    },
  },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: z.object({ revoked: z.number().int() }) } } },
    ...problemResponses([400, 401, 404]),
  },
})

export function revocationRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(listRoute, async (c) => c.json(await deps.revocation.list(), 200, { 'cache-control': 'public, max-age=60' }))
  app.use('/v1/revocations', requireAdmin(deps))
  app.openapi(revokeRoute, async (c) => {
    const { uvci } = c.req.valid('json')
    const revoked = await deps.revocation.revoke(uvci.trim())
    await deps.audit?.({ action: 'admin.revoke', outcome: revoked === 0 ? 'NOT_FOUND' : 'REVOKED' })
    if (revoked === 0) throw new HttpError('NOT_FOUND', 'No valid certificate with this UVCI was issued here.')
    return c.json({ revoked }, 200)
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  return app
}
