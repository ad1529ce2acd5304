// Operations: readiness, metrics (optionally behind CERTBRIDGE_METRICS_TOKEN), the audit log (admin
// token) and the sandbox's samples.
import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.ts'
import { bearerToken, requireAdmin, sameSecret } from '../admin-auth.ts'

import { createRouter } from '../router.ts'
import { HttpError } from '../problem.ts'
import { problemResponses } from '../schemas.ts'

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and readiness (database, signing key)',
  responses: {
    200: {
      description: 'Ready',
      content: {
        'application/json': { schema: z.object({ ok: z.boolean(), mode: z.string(), checks: z.record(z.string(), z.string()) }) },
      },
    },
    503: {
      description: 'Not ready',
      content: {
        'application/json': { schema: z.object({ ok: z.boolean(), mode: z.string(), checks: z.record(z.string(), z.string()) }) },
      },
    },
  },
})

const SampleSchema = z
  .object({
    adapter: z.string(),
    name: z.string(),
    qr: z.string(),
    holder: z.record(z.string(), z.string()),
    expect: z.object({
      status: z.number().int(),
      type: z.enum(['vaccination', 'recovery', 'test']).optional(),
      code: z.string().optional(),
    }),
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
      content: {
        'application/json': { schema: z.object({ total: z.number().int(), offset: z.number().int(), samples: z.array(SampleSchema) }) },
      },
    },
    ...problemResponses([400, 404]),
  },
})

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'ISO 8601, whole seconds' }),
    action: z
      .string()
      .openapi({ description: 'admin.revoke, admin.auth, holder.lock, breaker.state, trust.refresh, keys.rotate, db.purge' }),
    adapter: z.string().nullable(),
    outcome: z.string().openapi({ description: 'A code: REVOKED, NOT_FOUND, UNAUTHORIZED, LOCKED, OPEN, HALF_OPEN, CLOSED, OK, …' }),
  })
  .openapi('AuditEvent')

const auditRoute = createRoute({
  method: 'get',
  path: '/v1/audit',
  summary: 'The audit log, newest first, one page at a time (admin)',
  description:
    'What happened, never who: admin actions (revocations, refused admin tokens), holder locks, circuit-breaker changes, trust-list refreshes, key rotations and purges. Pass the `next` of a page as `before` to read the older page that follows.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'Cursor: only events older than this id (the `next` of the previous page)' }),
    }),
  },
  responses: {
    200: {
      description: 'One page of audit events',
      content: { 'application/json': { schema: z.object({ events: z.array(AuditEventSchema), next: z.string().optional() }) } },
    },
    ...problemResponses([400, 401]),
  },
})

export function operationRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(healthRoute, async (c) => {
    const { ok, checks } = await deps.ready()
    return c.json({ ok, mode: deps.config.mode, checks }, ok ? 200 : 503)
  })
  app.get('/metrics', async (c) => {
    if (deps.metricsToken) {
      const token = bearerToken(c.req.header('authorization'))
      if (!token || !sameSecret(token, deps.metricsToken)) throw new HttpError('UNAUTHORIZED', 'A valid metrics bearer token is required.')
    }
    return c.text(deps.metricsText ? await deps.metricsText() : deps.metrics.registry.render(), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    })
  })
  app.use('/v1/audit', requireAdmin(deps))
  app.openapi(auditRoute, async (c) => {
    if (!deps.auditPage) throw new HttpError('NOT_FOUND', 'No audit log is kept here.')
    const { limit, before } = c.req.valid('query')
    return c.json(await deps.auditPage({ limit, before }), 200, { 'cache-control': 'no-store' })
  })
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
