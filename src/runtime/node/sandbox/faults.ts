// A fault-injecting HTTP proxy on 127.0.0.1 (Node only), put between an adapter client and a sandbox
// to prove how upstream failures are mapped; reusable for load tests. The current fault applies to
// every request until changed; 'pass' forwards to the target unchanged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listen } from './listen.ts'

export type Fault =
  | { readonly kind: 'pass' }
  /** Answers this status with a small JSON body (and the given headers). */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>> }
  /** Accepts the request and never answers. */
  | { readonly kind: 'hang' }
  /** Destroys the connection as soon as the request arrives. */
  | { readonly kind: 'reset' }
  /** 200 with an HTML page. */
  | { readonly kind: 'non-json' }
  /** 200 with JSON that no adapter's schema accepts. */
  | { readonly kind: 'wrong-shape' }
  /** 200 with valid JSON of `bytes` bytes, announced with Content-Length or streamed without it. */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly declared: boolean }
  /** 200 JSON headers at once, then one byte every `intervalMs`, never finishing on its own. */
  | { readonly kind: 'slow-body'; readonly intervalMs: number }
  /** 302 to `location`. */
  | { readonly kind: 'redirect'; readonly location: string }

export interface SeenRequest {
  readonly method: string
  readonly path: string
}

export interface FaultProxy {
  readonly baseUrl: string
  /** Requests the proxy received, in order. */
  readonly requests: SeenRequest[]
  setFault(fault: Fault): void
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = []
  for await (const chunk of req) chunks.push(chunk as Uint8Array)
  if (chunks.length === 0) return undefined
  const total = chunks.reduce((n, c) => n + c.byteLength, 0)
  const body = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    body.set(c, offset)
    offset += c.byteLength
  }
  return body
}

async function forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value)
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req)
  const upstream = await fetch(`${target}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    body: body as BodyInit | undefined,
    redirect: 'manual',
  })
  const out: Record<string, string> = {}
  upstream.headers.forEach((value, name) => {
    if (name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value
  })
  const bytes = new Uint8Array(await upstream.arrayBuffer())
  out['content-length'] = String(bytes.byteLength)
  res.writeHead(upstream.status, out)
  res.end(bytes)
}

function json(res: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(value))
}

function oversized(res: ServerResponse, bytes: number, declared: boolean): void {
  const padding = 'x'.repeat(Math.max(0, bytes - 12))
  const text = `{"pad":"${padding}"}`
  res.writeHead(
    200,
    declared ? { 'content-type': 'application/json', 'content-length': String(text.length) } : { 'content-type': 'application/json' },
  )
  if (declared) return void res.end(text)
  // Streamed in 8 KiB pieces without Content-Length, so only a counting reader can stop it.
  for (let i = 0; i < text.length; i += 8192) res.write(text.slice(i, i + 8192))
  res.end()
}

function slowBody(res: ServerResponse, intervalMs: number, timers: Set<ReturnType<typeof setInterval>>): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.write('{"pad":"')
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer)
      timers.delete(timer)
    } else res.write('x')
  }, intervalMs)
  timers.add(timer)
  res.on('close', () => {
    clearInterval(timer)
    timers.delete(timer)
  })
}

/** Starts the proxy in front of `target` (a base URL without trailing slash). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let fault: Fault = { kind: 'pass' }
  const requests: SeenRequest[] = []
  const timers = new Set<ReturnType<typeof setInterval>>()
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' })
    const current = fault
    switch (current.kind) {
      case 'pass':
        return void forward(target, req, res).catch(() => res.destroy())
      case 'status':
        return json(res, current.status, { error: 'injected' }, current.headers)
      case 'hang':
        return
      case 'reset':
        return void req.socket.destroy()
      case 'non-json':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        return void res.end('<!doctype html><title>Maintenance</title><p>Service temporarily unavailable')
      case 'wrong-shape':
        return json(res, 200, [{ unexpected: true }])
      case 'oversized':
        return oversized(res, current.bytes, current.declared)
      case 'slow-body':
        return slowBody(res, current.intervalMs, timers)
      case 'redirect':
        res.writeHead(302, { location: current.location, 'content-type': 'application/json' })
        return void res.end('{}')
    }
  })
  const served = await listen(server, 0)
  return {
    baseUrl: served.baseUrl,
    requests,
    setFault(next) {
      fault = next
    },
    async close() {
      for (const timer of timers) clearInterval(timer)
      await served.close()
    },
  }
}
