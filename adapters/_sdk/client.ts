// The per-adapter runtime the issuance service uses: `resolve(link)` runs retrieve then normalize
// under the adapter's rules of conduct. Web APIs only.
//
// For every resolve it builds a fresh AdapterContext whose fetch is guarded:
// - only origins in `adapter.origins(config)` are reachable; any other URL is refused with
//   UPSTREAM_FORBIDDEN_HOST before anything is sent (a bug in the adapter, never a user error);
// - `redirect: 'manual'` is forced (requestJson turns any 3xx into UPSTREAM_INVALID);
// - one deadline (`deadlineMs`, default 5 s) covers the whole resolve, bodies included;
// - response bodies are cut off past `maxBodyBytes` (default 256 KiB);
// - idempotent requests (GET, HEAD) are retried up to `retries` times (default 2) on connection
//   errors and 5xx, with jittered exponential backoff, never past the deadline.
// A circuit breaker per client (see breaker.ts) pauses calls to an upstream that keeps failing.
import type { AdapterConfig, AdapterContext, AdapterLink, CountryAdapter } from './adapter.ts'
import { createBreaker, isUpstreamFailure, type BreakerOptions, type BreakerState } from './breaker.ts'
import { AdapterError } from './errors.ts'
import { DEFAULT_MAX_BODY_BYTES } from './http.ts'
import type { NormalizedRecord } from '../../src/dcc/record.ts'

export interface AdapterClientOptions {
  readonly config: AdapterConfig
  readonly fetch?: typeof fetch
  readonly now?: () => Date
  readonly deadlineMs?: number
  readonly maxBodyBytes?: number
  readonly retries?: number
  readonly breaker?: BreakerOptions
  /** Randomness for the backoff jitter, in [0, 1). */
  readonly random?: () => number
}

export interface AdapterClient {
  resolve(link: AdapterLink, options?: { signal?: AbortSignal }): Promise<NormalizedRecord>
  state(): BreakerState
}

const BACKOFF_BASE_MS = 50
const BACKOFF_MAX_MS = 1_000

function timeoutError(): AdapterError {
  return new AdapterError('UPSTREAM_TIMEOUT', 'The national service did not answer in time.', { retryAfter: 5 })
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/** A body stream that errors with UPSTREAM_INVALID past `limit` bytes. */
function capBody(response: Response, limit: number): Response {
  if (!response.body) return response
  // A declared length within the cap needs no counting: the HTTP client delivers no more than it.
  // (A larger one is refused by requestJson before it reads.) Not so for an encoded body, which a
  // fetch may inflate past its declared, compressed length.
  const declared = response.headers.get('content-length')
  const encoding = response.headers.get('content-encoding')
  const identity = encoding === null || encoding.trim().toLowerCase() === 'identity'
  if (identity && declared !== null && /^\d+$/.test(declared) && Number(declared) <= limit) return response
  let total = 0
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength
        if (total > limit) controller.error(new AdapterError('UPSTREAM_INVALID', 'The national service answered with an oversized body.'))
        else controller.enqueue(chunk)
      },
    }),
  )
  return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers })
}

function guardedFetch(
  allowed: ReadonlySet<string>,
  base: typeof fetch,
  deadline: AbortSignal,
  options: { maxBodyBytes: number; retries: number; random: () => number },
): typeof fetch {
  return async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request ? request.url : input instanceof URL ? input.href : String(input))
    if (!allowed.has(url.origin)) {
      throw new AdapterError('UPSTREAM_FORBIDDEN_HOST', 'The adapter tried to reach a host outside its declared origins.')
    }
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase()
    const idempotent = method === 'GET' || method === 'HEAD'
    // requestJson passes the context's own deadline back: combining it with itself would only cost.
    const signal = init.signal && init.signal !== deadline ? AbortSignal.any([deadline, init.signal]) : deadline
    for (let attempt = 0; ; attempt += 1) {
      const last = !idempotent || attempt >= options.retries
      let response: Response
      try {
        response = await base(request ? request.clone() : url.href, { ...init, redirect: 'manual', signal })
      } catch (error) {
        if (last || signal.aborted) throw error
        await sleep(backoff(attempt, options.random), signal)
        continue
      }
      if (response.status >= 500 && !last) {
        await response.body?.cancel().catch(() => undefined)
        await sleep(backoff(attempt, options.random), signal)
        if (!signal.aborted) continue
      }
      return capBody(response, options.maxBodyBytes)
    }
  }
}

/** Full-jitter exponential backoff: uniform in [0.5, 1.5) × 50 ms × 2^attempt, at most 1 s. */
function backoff(attempt: number, random: () => number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + random())
}

export function createAdapterClient<Link extends AdapterLink, Raw>(
  adapter: CountryAdapter<Link, Raw>,
  options: AdapterClientOptions,
): AdapterClient {
  const config = options.config
  const now = options.now ?? (() => new Date())
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const deadlineMs = options.deadlineMs ?? 5_000
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const retries = Math.max(0, options.retries ?? 2)
  const random = options.random ?? Math.random
  const breaker = createBreaker(now, options.breaker)
  const allowed = new Set(adapter.origins(config).map((origin) => new URL(origin).origin))

  async function resolve(link: AdapterLink, resolveOptions: { signal?: AbortSignal } = {}): Promise<NormalizedRecord> {
    breaker.admit()
    const timer = new AbortController()
    const handle = setTimeout(() => timer.abort(), deadlineMs)
    const signal = resolveOptions.signal ? AbortSignal.any([timer.signal, resolveOptions.signal]) : timer.signal
    const ctx: AdapterContext = {
      fetch: guardedFetch(allowed, baseFetch, signal, { maxBodyBytes, retries, random }),
      now,
      signal,
      config,
      maxBodyBytes,
    }
    // An adapter that ignores the signal still cannot hang the caller past the deadline.
    let onAbort: (() => void) | undefined
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(timeoutError())
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    aborted.catch(() => undefined)
    try {
      const raw = await Promise.race([adapter.retrieve(link as Link, ctx), aborted])
      const record = adapter.normalize(raw, { now, config })
      breaker.succeeded()
      return record
    } catch (error) {
      const callerGaveUp = resolveOptions.signal?.aborted === true
      const failure = error instanceof AdapterError ? error : signal.aborted ? timeoutError() : error
      if (callerGaveUp) breaker.abandoned()
      else if (isUpstreamFailure(failure)) breaker.failed()
      else breaker.succeeded() // the upstream answered; the record was refused
      throw failure
    } finally {
      clearTimeout(handle)
      if (onAbort) signal.removeEventListener('abort', onAbort)
    }
  }

  return { resolve, state: () => breaker.state() }
}
