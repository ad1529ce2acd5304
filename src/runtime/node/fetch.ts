// The fetch national requests go through on Node: undici's `request` behind the Fetch API's shape.
// The adapter SDK speaks `fetch` (the same code runs on Workers), but undici's spec fetch costs about
// twice as much CPU per exchange as its `request` (see the README's "Operations"), and a conversion
// makes two or three exchanges. Redirects are never followed: a 3xx comes back as it is, and the SDK
// refuses it. Deadlines come from the caller's signal and from the dispatcher's timeouts.
import type { Readable } from 'node:stream'
import { Agent, fetch as undiciFetch, request, type Dispatcher } from 'undici'

/** Bodies that declare a length up to this are read at once and handed over as bytes: a Web stream
 *  per exchange costs more than the read. Longer or undeclared ones are streamed. */
const BUFFERED_MAX = 64 * 1024
/** Statuses whose Response must not have a body (Fetch standard, "null body status"; 1xx never arrive). */
const nullBodyStatuses = new Set([204, 205, 304])
/** Sent unless the caller sets them: some national gateways refuse requests without a User-Agent, and
 *  bodies are read as they come (nothing here inflates them). */
const defaultEntries = Object.entries({ 'user-agent': 'certbridge', 'accept-encoding': 'identity' })

/**
 * undici's answer headers as name-value pairs for the Response to read once: handing it a Headers
 * object built here made it copy every header a second time. A repeated header (set-cookie) gives a pair each.
 */
function headerPairs(raw: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = []
  for (const name in raw) {
    const value = raw[name]
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) pairs.push([name, v])
    else pairs.push([name, value])
  }
  return pairs
}

/**
 * The request headers as one plain object with lowercase names, the defaults where the caller set
 * none. The adapters pass plain objects: those are read without a Headers object in between (a name
 * given twice in two cases is combined, as Headers would); any other form goes through Headers.
 */
function requestHeaders(given: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  if (given instanceof Headers || Array.isArray(given)) {
    for (const [name, value] of new Headers(given)) headers[name] = value
  } else if (given !== undefined) {
    for (const name in given) {
      const value = given[name]
      if (value === undefined) continue
      const key = name.toLowerCase()
      const before = headers[key]
      headers[key] = before === undefined ? value : `${before}, ${value}`
    }
  }
  for (const [name, value] of defaultEntries) headers[name] ??= value
  return headers
}

/**
 * A Web stream over a Node body, pulled chunk by chunk. (Node 20's Readable.toWeb throws an uncaught
 * "Controller is already closed" when a body is cancelled while data is still arriving.)
 */
function webBody(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (error) {
        controller.error(error) // a no-op once the reader has cancelled
      }
    },
    cancel() {
      body.destroy()
    },
  })
}

export interface UpstreamFetchOptions {
  /** Parallel connections per origin (default 128). */
  readonly connections?: number
}

/** A fetch for upstream calls: string or URL input, no redirects, bodies as strings or bytes. */
export function createUpstreamFetch(options: UpstreamFetchOptions = {}): typeof fetch & { close(): Promise<void> } {
  const dispatcher: Dispatcher = new Agent({
    connections: options.connections ?? 128,
    connectTimeout: 3_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    keepAliveTimeout: 10_000,
  })
  const upstream = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    // A Request object (not used by the adapters) keeps the full fetch semantics.
    if (typeof input !== 'string' && !(input instanceof URL))
      return undiciFetch(input as never, { ...(init as object), dispatcher, redirect: 'manual' } as never) as unknown as Response
    const body = init.body
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('upstream requests send a string or bytes as body')
    }
    const answer = await request(input, {
      dispatcher,
      method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers: requestHeaders(init.headers),
      body: body ?? undefined,
      signal: init.signal ?? undefined,
    })
    try {
      const headers = headerPairs(answer.headers)
      if (nullBodyStatuses.has(answer.statusCode)) {
        answer.body.resume()
        return new Response(null, { status: answer.statusCode, headers })
      }
      const declared = answer.headers['content-length']
      if (typeof declared === 'string' && /^\d+$/.test(declared) && Number(declared) <= BUFFERED_MAX) {
        return new Response(new Uint8Array(await answer.body.arrayBuffer()), { status: answer.statusCode, headers })
      }
      return new Response(webBody(answer.body), { status: answer.statusCode, headers })
    } catch (error) {
      // A status outside 200–599, a header Fetch refuses, or a body that broke off or passed its
      // deadline while read at once: the connection is not kept waiting.
      answer.body.destroy()
      throw error
    }
  }
  return Object.assign(upstream as typeof fetch, { close: () => dispatcher.close() })
}
