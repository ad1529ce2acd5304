// The admin bearer token check shared by every admin route (POST /v1/revocations, GET /v1/audit):
// a constant-time comparison, and an `admin.auth` audit event for each refusal (never the token sent).
// Refusals count against the client's per-client limit (the one of POST /v1/verify): past it, a
// client's guesses are answered 429 and no longer recorded, so they cannot flood the audit log.
import type { MiddlewareHandler } from 'hono'
import type { AppDeps } from './deps.ts'
import { HttpError } from './problem.ts'

/** Constant-time comparison of two strings of bytes. */
export function sameSecret(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  let diff = ea.length ^ eb.length
  for (let i = 0; i < Math.max(ea.length, eb.length); i++) diff |= (ea[i] ?? 0) ^ (eb[i] ?? 0)
  return diff === 0
}

/** The token of an `Authorization: Bearer <token>` header, or ''. */
export function bearerToken(header: string | undefined): string {
  return header?.startsWith('Bearer ') ? header.slice(7) : ''
}

/** Refuses (401) a request without the admin token, and records the refusal. */
export function requireAdmin(deps: Pick<AppDeps, 'adminToken' | 'audit' | 'clientId' | 'publicLimit'>): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !sameSecret(token, deps.adminToken)) {
      const decision = await deps.publicLimit?.(deps.clientId(c.req.raw, c.env))
      if (decision && !decision.allowed)
        throw new HttpError('RATE_LIMITED', 'Too many requests from this client; try again later.', { retryAfter: decision.retryAfter })
      await deps.audit?.({ action: 'admin.auth', outcome: 'UNAUTHORIZED' })
      throw new HttpError('UNAUTHORIZED', 'A valid admin bearer token is required.')
    }
    await next()
  }
}
