// One JSON log line per request: time, request id, method, the route pattern that answered (never
// the raw path, whose parameters may hold identifiers; no query string, no headers, no address),
// status, the problem code of a refusal, the adapter a QR text belonged to, and the duration.
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Logger } from '../platform/log.ts'
import type { AppEnv } from './router.ts'

export interface RequestLogOptions {
  readonly log: Logger
  /** Milliseconds, monotonic. */
  readonly clock?: () => number
}

/** The pattern of the handler that answered ('/assets/:name'), or '-' when none did (404). */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c)
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!
    if (route.method !== 'ALL') return route.path
  }
  return '-'
}

const PROBLEM = /^application\/problem\+json/i

/** The `code` of a problem+json answer (these are small: the body is read from a copy). */
async function problemCode(res: Response): Promise<string | undefined> {
  if (!PROBLEM.test(res.headers.get('content-type') ?? '')) return undefined
  try {
    const body = (await res.clone().json()) as { code?: unknown }
    return typeof body.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(body.code) ? body.code : undefined
  } catch {
    return undefined
  }
}

/**
 * The middleware; the request id must be set (c.get('requestId')) before it runs `next`. The adapter
 * is the one a handler recorded (c.set('adapter')) when it matched the QR text: the log itself never
 * reads a body or matches a link again.
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler<AppEnv> {
  const clock = options.clock ?? (() => performance.now())
  return async (c, next) => {
    const started = clock()
    try {
      await next()
    } finally {
      const res = c.res
      const code = res.status >= 400 ? await problemCode(res) : undefined
      const route = routePattern(c)
      const adapter = c.get('adapter')
      options.log.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        status: res.status,
        ...(code ? { code } : {}),
        ...(adapter ? { adapter } : {}),
        durationMs: Math.round((clock() - started) * 10) / 10,
      })
    }
  }
}
