// One upstream JSON request, with every failure mapped to a typed AdapterError. Web APIs only.
// Redirects are never followed (`redirect: 'manual'`, any 3xx is UPSTREAM_INVALID); the body is read
// as a stream with a byte cap and abandoned when the context's deadline passes; 2xx and 4xx answers
// are returned parsed, so the adapter decides what a 404 means. Messages never echo the body or URL.
import type { AdapterContext } from './adapter.ts'
import { AdapterError } from './errors.ts'

/** Default cap on an upstream body (256 KiB); a context's `maxBodyBytes` (the adapter client sets it) replaces it. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024
/** Seconds suggested to the caller when an upstream 5xx gives no usable Retry-After. */
export const DEFAULT_RETRY_AFTER = 30

export interface JsonAnswer {
  readonly status: number
  readonly body: unknown
}

function timeout(): AdapterError {
  return new AdapterError('UPSTREAM_TIMEOUT', 'The national service did not answer in time.', { retryAfter: 5 })
}

function invalid(message: string, cause?: unknown): AdapterError {
  return new AdapterError('UPSTREAM_INVALID', message, cause === undefined ? {} : { cause })
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), bounded to [1, 3600]. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined
  const text = header.trim()
  let seconds: number
  if (/^\d+$/.test(text)) seconds = Number(text)
  else {
    const at = Date.parse(text)
    if (Number.isNaN(at)) return undefined
    seconds = Math.ceil((at - now.getTime()) / 1000)
  }
  return Math.min(3600, Math.max(1, seconds))
}

function combineSignals(a: AbortSignal, b: AbortSignal | null | undefined): AbortSignal {
  return b && b !== a ? AbortSignal.any([a, b]) : a
}

/** Made once: a TextDecoder is costly to construct, and decode() without `stream` keeps no state. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

function isJsonType(contentType: string | null): boolean {
  if (contentType === null) return false
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

/** Reads at most `limit` bytes; rejects with UPSTREAM_INVALID beyond, UPSTREAM_TIMEOUT on abort. */
async function readCapped(response: Response, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = response.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw invalid('The national service answered with an oversized body.')
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timeout())
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  aborted.catch(() => undefined)
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted])
      if (done) break
      total += value.byteLength
      if (total > limit) throw invalid('The national service answered with an oversized body.')
      chunks.push(value)
    }
  } catch (error) {
    reader.cancel().catch(() => undefined)
    if (error instanceof AdapterError) throw error
    if (signal.aborted) throw timeout()
    throw new AdapterError('UPSTREAM_UNAVAILABLE', 'The connection to the national service broke off.', {
      retryAfter: DEFAULT_RETRY_AFTER,
      cause: error,
    })
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Calls ctx.fetch and returns the status and parsed JSON body of a 2xx or 4xx answer. */
export async function requestJson(ctx: AdapterContext, url: string | URL, init: RequestInit = {}): Promise<JsonAnswer> {
  const signal = combineSignals(ctx.signal, init.signal)
  if (signal.aborted) throw timeout()
  let response: Response
  try {
    response = await ctx.fetch(url, { ...init, signal, redirect: 'manual' })
  } catch (error) {
    if (error instanceof AdapterError) throw error
    if (signal.aborted) throw timeout()
    throw new AdapterError('UPSTREAM_UNAVAILABLE', 'The national service could not be reached.', {
      retryAfter: DEFAULT_RETRY_AFTER,
      cause: error,
    })
  }
  const status = response.status
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    await response.body?.cancel().catch(() => undefined)
    throw invalid('The national service answered with a redirect, which is never followed.')
  }
  if (status >= 500 || status < 200) {
    await response.body?.cancel().catch(() => undefined)
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), ctx.now()) ?? DEFAULT_RETRY_AFTER
    throw new AdapterError('UPSTREAM_UNAVAILABLE', 'The national service is unavailable.', { retryAfter })
  }
  if (!isJsonType(response.headers.get('content-type'))) {
    await response.body?.cancel().catch(() => undefined)
    throw invalid('The national service answered with something other than JSON.')
  }
  const bytes = await readCapped(response, ctx.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, signal)
  let body: unknown
  try {
    body = JSON.parse(utf8.decode(bytes))
  } catch {
    // The parser's message may quote the body: it is not kept as the cause.
    throw invalid('The national service answered with a body that is not valid JSON.')
  }
  return { status, body }
}
