// The Hono app factory: the same app on Node and on Workers. Everything runtime-specific (database,
// keys, the client's address, the national sandboxes) arrives in `deps`.
import { secureHeaders } from 'hono/secure-headers'
import { HTTPException } from 'hono/http-exception'
import { createRouter } from './router.ts'
import { limitBody } from './body-limit.ts'
import { requestLog } from './request-log.ts'
import { CLIENT_LIMITED_PATHS, limitClients } from './client-limit.ts'
import { problem, problemFromError, problemResponse } from './problem.ts'
import type { AppDeps } from './deps.ts'
import { certificateRoutes } from './routes/certificates.ts'
import { trustRoutes } from './routes/trust.ts'
import { revocationRoutes } from './routes/revocations.ts'
import { operationRoutes } from './routes/operations.ts'
import { registerDocs } from './routes/docs.ts'
import { acceptanceRoutes } from './routes/acceptance.ts'
import { verifyRoutes, MAX_VERIFY_BODY_BYTES } from './routes/verify.ts'
import { qaRoutes } from './routes/qa.ts'
import { webRoutes } from '../web/routes.ts'

export type { AppEnv } from './router.ts'

export const MAX_BODY_BYTES = 64 * 1024

export function createApp(deps: AppDeps) {
  const app = createRouter()

  app.use('*', async (c, next) => {
    c.set('requestId', crypto.randomUUID())
    await next()
    // Through c.res.headers, not c.header(): after the handler, c.header() rebuilds the response
    // around its body stream, which costs more than the rest of the middleware together.
    if (deps.config.mode === 'sandbox') c.res.headers.set('Certbridge-Mode', 'sandbox; test keys, not valid for travel')
    deps.metrics.http({ status: String(c.res.status) })
  })
  app.use('*', requestLog({ log: deps.log }))
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  const clientLimit = limitClients(deps)
  for (const path of CLIENT_LIMITED_PATHS) app.use(path, clientLimit)
  const jsonLimit = limitBody(MAX_BODY_BYTES)
  const imageLimit = limitBody(MAX_VERIFY_BODY_BYTES)
  app.use('*', (c, next) => (c.req.path === '/v1/verify' || c.req.path === '/v1/qa' ? imageLimit(c, next) : jsonLimit(c, next)))

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? crypto.randomUUID()
    // Hono's own validators throw HTTPException (e.g. malformed JSON): a client error, not a bug.
    const p =
      error instanceof HTTPException && error.status < 500
        ? problem(
            error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
            error.status === 400 ? 'The request body is not valid JSON.' : error.message,
          )
        : problemFromError(error, requestId)
    if (p.status >= 500 && p.code === 'INTERNAL') deps.log.error('request failed', { requestId, error })
    const headers: Record<string, string> = {}
    if (deps.config.mode === 'sandbox') headers['Certbridge-Mode'] = 'sandbox; test keys, not valid for travel'
    return problemResponse(p, headers)
  })
  app.notFound((c) => problemResponse(problem('NOT_FOUND', `No resource at ${new URL(c.req.url).pathname}.`)))

  app.route('/', certificateRoutes(deps))
  app.route('/', trustRoutes(deps))
  app.route('/', revocationRoutes(deps))
  app.route('/', operationRoutes(deps))
  app.route('/', verifyRoutes(deps.verification))
  app.route('/', qaRoutes(deps.verification))
  app.route('/', acceptanceRoutes(deps.verification))
  app.route(
    '/',
    webRoutes({
      sandbox: deps.config.mode === 'sandbox',
      ...(deps.verification.rules ? { rules: deps.verification.rules } : {}),
      ...(deps.cardPdf ? { cardPdf: deps.cardPdf } : {}),
    }),
  )
  registerDocs(app)
  return app
}
