// The admin bearer token check shared by every admin route (POST /v1/revocations, GET /v1/audit):
// a constant-time comparison, and an `admin.auth` audit event for each refusal (never the token sent).
import type { MiddlewareHandler } from 'hono'
import type { AuditSink } from '../audit/audit.ts'
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
export function requireAdmin(deps: { readonly adminToken: string; readonly audit?: AuditSink }): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !sameSecret(token, deps.adminToken)) {
      await deps.audit?.({ action: 'admin.auth', outcome: 'UNAUTHORIZED' })
      throw new HttpError('UNAUTHORIZED', 'A valid admin bearer token is required.')
    }
    await next()
  }
}
