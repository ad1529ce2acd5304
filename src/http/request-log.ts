// One JSON log line per request: time, request id, method, the route pattern that answered (never
// the raw path, whose parameters may hold identifiers; no query string, no headers, no address),
// status, the problem code of a refusal, the adapter a QR text belonged to, and the duration.
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Logger } from '../platform/log.ts'

export interface RequestLogOptions {
  readonly log: Logger
  /** The adapter id of a QR text (the `qr` of an issuance, the `text` of a link description). */
  readonly adapterOf?: (qr: string) => string | undefined
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

/** Routes whose JSON body carries a QR text: `qr` (issuance) or `text` (link description). */
const QR_ROUTES = new Set(['/v1/certificates', '/v1/links/describe'])

/** The adapter of the request's QR text, when the handler has read a JSON body that has one. */
async function adapterOf(c: Context, route: string, options: RequestLogOptions): Promise<string | undefined> {
  if (!options.adapterOf || !QR_ROUTES.has(route)) return undefined
  // Only a body the handler already read (Hono keeps its text): the log never reads a body itself.
  const cached = c.req.bodyCache.text
  if (!cached) return undefined
  try {
    const text = await cached
    if (text.length > 16_384) return undefined
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null) return undefined
    const qr = (body as { qr?: unknown }).qr ?? (body as { text?: unknown }).text
    return typeof qr === 'string' ? options.adapterOf(qr) : undefined
  } catch {
    return undefined
  }
}

/** The middleware; the request id must be set (c.get('requestId')) before it runs `next`. */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  const clock = options.clock ?? (() => performance.now())
  return async (c, next) => {
    const started = clock()
    try {
      await next()
    } finally {
      const res = c.res
      const code = res.status >= 400 ? await problemCode(res) : undefined
      const route = routePattern(c)
      const adapter = await adapterOf(c, route, options)
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
