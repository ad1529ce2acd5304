// The errors the HTTP layer raises itself: a bad or oversized body, a missing token, a route or
// resource that is not there, a client over its rate, and the generic answer for a bug.
import { CertbridgeError } from '../platform/errors.ts'

export const HTTP_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  /** Too many requests from one client (admin and public routes): a refusal with a Retry-After. */
  'RATE_LIMITED',
  /** A bug: the answer names a correlation id to find it in the logs, nothing else. */
  'INTERNAL',
] as const

export type HttpErrorCode = (typeof HTTP_CODES)[number]

/** An error that the HTTP layer raises itself (bad body, missing token, ...). */
export class HttpError extends CertbridgeError<HttpErrorCode> {}
