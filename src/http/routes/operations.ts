import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { problemResponses } from './schemas.ts'

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and readiness (database, signing key)',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: z.object({ ok: z.boolean(), mode: z.string(), checks: z.record(z.string(), z.string()) }) } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: z.object({ ok: z.boolean(), mode: z.string(), checks: z.record(z.string(), z.string()) }) } } },
  },
})

const SampleSchema = z
  .object({
    adapter: z.string(),
    name: z.string(),
    qr: z.string(),
    holder: z.record(z.string(), z.string()),
    expect: z.object({ status: z.number().int(), type: z.enum(['vaccination', 'recovery', 'test']).optional(), code: z.string().optional() }),
  })
  .openapi('SandboxSample')

const samplesRoute = createRoute({
  method: 'get',
  path: '/v1/sandbox/samples',
  summary: 'Sample national QR texts served by the built-in sandboxes (sandbox mode only)',
  responses: {
    200: { description: 'Samples', content: { 'application/json': { schema: z.object({ samples: z.array(SampleSchema) }) } } },
    ...problemResponses([404]),
  },
})

const populationRoute = createRoute({
  method: 'get',
  path: '/v1/sandbox/population',
  summary: 'Samples of the synthetic holders the sandboxes serve (sandbox mode with CERTBRIDGE_SANDBOX_POPULATION), one page at a time',
  request: {
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
    }),
  },
  responses: {
    200: {
      description: 'One page of samples, each an issuable record of an invented holder',
      content: { 'application/json': { schema: z.object({ total: z.number().int(), offset: z.number().int(), samples: z.array(SampleSchema) }) } },
    },
    ...problemResponses([400, 404]),
  },
})

export function operationRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(healthRoute, async (c) => {
    const { ok, checks } = await deps.ready()
    return c.json({ ok, mode: deps.config.mode, checks }, ok ? 200 : 503)
  })
  app.get('/metrics', async (c) =>
    c.text(deps.metricsText ? await deps.metricsText() : deps.metrics.registry.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
  )
  app.openapi(samplesRoute, (c) => {
    if (deps.config.mode !== 'sandbox' || !deps.samples) throw new HttpError('NOT_FOUND', 'Samples exist in sandbox mode only.')
    return c.json({ samples: deps.samples().map((s) => ({ ...s, holder: { ...s.holder } as Record<string, string> })) }, 200)
  })
  app.openapi(populationRoute, (c) => {
    if (deps.config.mode !== 'sandbox' || !deps.populationSamples) {
      throw new HttpError('NOT_FOUND', 'A synthetic population exists in sandbox mode with CERTBRIDGE_SANDBOX_POPULATION set.')
    }
    const { offset, limit } = c.req.valid('query')
    const all = deps.populationSamples()
    const page = all.slice(offset, offset + limit).map((s) => ({ ...s, holder: { ...s.holder } as Record<string, string> }))
    return c.json({ total: all.length, offset, samples: page }, 200)
  })
  return app
}
