// RFC 9457 problem details: every error the API answers is application/problem+json with a stable
// `code`. Never a stack trace; a 500 only for a bug, with a correlation id to find it in the logs.
import { CertbridgeError } from '../platform/errors.ts'
import { isErrorCode, STATUS, type ErrorCode, type ProblemStatus } from './status.ts'

export { HttpError } from './errors.ts'

export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: ProblemStatus
  readonly code: ErrorCode
  readonly detail?: string
  readonly instance?: string
  readonly retryAfter?: number
  readonly [extension: string]: unknown
}

const titles = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Not convertible',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
} as const satisfies Record<ProblemStatus, string>

export const problemType = (code: ErrorCode): string => `https://certbridge.invalid/problems/${code.toLowerCase().replace(/_/g, '-')}`

export function problem(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  const status = STATUS[code]
  return { type: problemType(code), title: titles[status], status, code, detail, ...extra }
}

/**
 * Problem details for anything thrown. A typed error answers with its code, and with its Retry-After
 * when it is a refusal for a while; anything else, or a code of no family (a bug the type check and
 * status.test.ts are there to prevent), becomes a generic 500 without internals.
 */
export function problemFromError(error: unknown, correlationId: string): Problem {
  if (error instanceof CertbridgeError && isErrorCode(error.code)) {
    return problem(error.code, error.message, error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {})
  }
  return problem('INTERNAL', `An internal error occurred (reference ${correlationId}).`, {
    instance: `urn:certbridge:error:${correlationId}`,
  })
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  const h = new Headers({ 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers })
  // Every refusal that a later retry may cure says when: rate limits and upstream failures.
  if (p.retryAfter !== undefined) h.set('retry-after', String(Math.max(1, Math.ceil(p.retryAfter))))
  else if (p.status === 429 || p.status === 503) h.set('retry-after', '30')
  else if (p.status === 502 || p.status === 504) h.set('retry-after', '10')
  return new Response(JSON.stringify(p), { status: p.status, headers: h })
}
