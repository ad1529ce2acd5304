import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { problemResponses } from '../schemas.ts'

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

const JwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string().openapi({ description: 'base64 of the 8-byte DCC kid' }),
  use: z.literal('sig'),
  alg: z.literal('ES256'),
  x5c: z.array(z.string()).openapi({ description: 'base64 DER of the DSC, then of the CSCA that signed it' }),
})

const JwksSchema = z.object({ keys: z.array(JwkSchema) }).openapi('Jwks')

const DidVerificationMethodSchema = z.object({
  id: z.string(),
  type: z.literal('JsonWebKey2020'),
  controller: z.string(),
  publicKeyJwk: z.object({
    kty: z.string(),
    kid: z.string(),
    x5c: z.array(z.string()),
    crv: z.string().optional(),
    x: z.string().optional(),
    y: z.string().optional(),
  }),
  domain: z.object({ code: z.string() }),
  participant: z.object({ code: z.string() }),
  keyusage: z.object({ code: z.string() }),
})

const DidDocumentSchema = z
  .object({
    '@context': z.array(z.string()),
    id: z.string().openapi({ description: 'did:web of this service' }),
    controller: z.string(),
    verificationMethod: z.array(DidVerificationMethodSchema),
  })
  .openapi('DidTrustList')

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

const didRoute = createRoute({
  method: 'get',
  path: '/.well-known/did.json',
  summary: 'The same keys as a GDHCN trust-list DID document (embedded shape; x5c = [DSC, SCA]; unsigned)',
  description: 'The did:web of this service is derived from the host the request names.',
  responses: {
    200: { description: 'DID document', content: { 'application/json': { schema: DidDocumentSchema } } },
    ...problemResponses([404]),
  },
})

/** did:web of the host a request names (a port is percent-encoded, as did:web requires). */
export function didWebOfRequest(url: string): string {
  return `did:web:${new URL(url).host.replace(':', '%3A')}`
}

export function trustRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(trustListRoute, async (c) => c.json(await deps.trustList(), 200, { 'cache-control': 'public, max-age=300' }))
  app.openapi(jwksRoute, async (c) => c.json(await deps.jwks(), 200, { 'cache-control': 'public, max-age=300' }))
  app.openapi(didRoute, async (c) => {
    if (!deps.didDocument) throw new HttpError('NOT_FOUND', 'This deployment publishes no DID document.')
    return c.json(await deps.didDocument(didWebOfRequest(c.req.url)), 200, { 'cache-control': 'public, max-age=300' })
  })
  return app
}
