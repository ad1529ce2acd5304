import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { problemResponses } from './schemas.ts'

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
    body: { required: true, content: { 'application/json': { schema: z.object({ uvci: z.string().min(10).max(80) }).strict().openapi('RevocationRequest') } } },
  },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: z.object({ revoked: z.number().int() }) } } },
    ...problemResponses([400, 401, 404]),
  },
})

/** Constant-time comparison of two strings of bytes. */
function sameSecret(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  let diff = ea.length ^ eb.length
  for (let i = 0; i < Math.max(ea.length, eb.length); i++) diff |= (ea[i] ?? 0) ^ (eb[i] ?? 0)
  return diff === 0
}

export function revocationRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(listRoute, async (c) => c.json((await deps.revocation.list()) as z.infer<typeof RevocationListSchema>, 200, { 'cache-control': 'public, max-age=60' }))
  app.use('/v1/revocations', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!token || !sameSecret(token, deps.adminToken)) throw new HttpError('UNAUTHORIZED', 'A valid admin bearer token is required.')
    await next()
  })
  app.openapi(revokeRoute, async (c) => {
    const { uvci } = c.req.valid('json')
    const revoked = await deps.revocation.revoke(uvci.trim())
    if (revoked === 0) throw new HttpError('NOT_FOUND', 'No valid certificate with this UVCI was issued here.')
    return c.json({ revoked }, 200)
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  return app
}
