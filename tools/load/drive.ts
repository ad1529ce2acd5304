// One measured run: autocannon POSTs the mix's requests to /v1/certificates, each connection taking the
// next request of the mix when it sends, for `seconds` or for exactly `requests` requests. The same
// settings drive the service and the floor. Latency is taken from the generator's own callbacks.
import { createRequire } from 'node:module'
import type { LoadRequest, Mix } from './mix.ts'

const require = createRequire(import.meta.url)

export interface DriveOptions {
  readonly url: string
  readonly connections: number
  /** Exactly this many requests, however long they take; else as many as fit in `seconds`. */
  readonly requests?: number
  readonly seconds: number
  /** The QR images asked for (`?qr=`). */
  readonly qr: string
  readonly mix: Mix
  /** Called with each answer (the generator shares the CPU: read little of it). */
  readonly onAnswer?: (request: LoadRequest, status: number, body: string) => void
}

export interface Driven {
  readonly statuses: Readonly<Record<string, number>>
  /** Answered requests. */
  readonly answered: number
  readonly elapsedSeconds: number
  /** Milliseconds, ascending. */
  readonly latencies: readonly number[]
  readonly connectionErrors: number
  readonly timeouts: number
}

type Autocannon = (options: object) => Promise<{ errors: number; timeouts: number }>

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function drive(options: DriveOptions): Promise<Driven> {
  const autocannon = require('autocannon') as Autocannon
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const inFlight = new Map<object, { request: LoadRequest; began: number }>()
  const began = performance.now()
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.requests === undefined ? { duration: options.seconds } : { amount: options.requests }),
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        path: `/v1/certificates?qr=${options.qr}`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: object, context: object) => {
          const request = options.mix.next()
          inFlight.set(context, { request, began: performance.now() })
          return { ...req, body: request.body }
        },
        onResponse: (status: number, body: string, context: object) => {
          const sent = inFlight.get(context)
          if (!sent) return
          latencies.push(performance.now() - sent.began)
          statuses[status] = (statuses[status] ?? 0) + 1
          options.onAnswer?.(sent.request, status, body)
        },
      },
    ],
  })
  const elapsedSeconds = (performance.now() - began) / 1000
  latencies.sort((a, b) => a - b)
  return { statuses, answered: latencies.length, elapsedSeconds, latencies, connectionErrors: result.errors, timeouts: result.timeouts }
}
