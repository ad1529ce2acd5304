import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'

const TrustListSchema = z
  .object({
    certificates: z.array(
      z.object({
        certificateType: z.literal('DSC'),
        country: z.string(),
        kid: z.string(),
        rawData: z.string().openapi({ description: 'base64 DER of the DSC' }),
        thumbprint: z.string().openapi({ description: 'SHA-256 of the DER, hex' }),
        timestamp: z.string(),
      }),
    ),
  })
  .openapi('TrustList')

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('Jwks')

const trustListRoute = createRoute({
  method: 'get',
  path: '/v1/trust-list',
  summary: "The bridge's signing certificates (DSCs), in the EU gateway JSON shape",
  description: 'The active DSC and retired ones whose certificates may still be valid.',
  responses: { 200: { description: 'Trust list', content: { 'application/json': { schema: TrustListSchema } } } },
})

const jwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  summary: 'The same keys as a JWKS, each with its certificate chain in x5c',
  responses: { 200: { description: 'JWKS', content: { 'application/json': { schema: JwksSchema } } } },
})

export function trustRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(trustListRoute, async (c) => c.json((await deps.trustList()) as z.infer<typeof TrustListSchema>, 200, { 'cache-control': 'public, max-age=300' }))
  app.openapi(jwksRoute, async (c) => c.json((await deps.jwks()) as z.infer<typeof JwksSchema>, 200, { 'cache-control': 'public, max-age=300' }))
  return app
}
