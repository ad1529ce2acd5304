// Per-client rate limit of the public endpoints that do work without a national call: POST
// /v1/verify and the page's helpers (POST /v1/links/describe, POST /v1/transliterate). The client is
// the one the issuance limit names (deps.clientId, which honours CERTBRIDGE_TRUST_PROXY); the count is
// kept in the database by the same mechanism as issuance, in a bucket of its own.
import type { MiddlewareHandler } from 'hono'
import type { AppDeps } from './deps.ts'
import { HttpError } from './problem.ts'

export const CLIENT_LIMITED_PATHS = [
  '/v1/verify',
  '/v1/qa',
  '/v1/links/describe',
  '/v1/transliterate',
  '/v1/card.pdf',
  '/v1/acceptance',
] as const

export function limitClients(deps: Pick<AppDeps, 'clientId' | 'publicLimit'>): MiddlewareHandler {
  return async (c, next) => {
    if (!deps.publicLimit || (c.req.method !== 'POST' && c.req.method !== 'GET')) return next()
    const decision = await deps.publicLimit(deps.clientId(c.req.raw, c.env))
    if (!decision.allowed)
      throw new HttpError('RATE_LIMITED', 'Too many requests from this client; try again later.', { retryAfter: decision.retryAfter })
    await next()
  }
}
