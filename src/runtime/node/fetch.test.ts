// The Node upstream fetch behaves as `fetch` does for what the adapter SDK relies on, against a real
// server on 127.0.0.1: statuses, headers, bodies both ways, redirects not followed, aborts, refusals.
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpstreamFetch } from './fetch.ts'
import { listen, type ServedSandbox } from './sandbox/listen.ts'
import { requestJson } from '../../../adapters/_sdk/http.ts'
import type { AdapterContext } from '../../../adapters/_sdk/adapter.ts'

let served: ServedSandbox
const upstream = createUpstreamFetch()

beforeAll(async () => {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x')
      switch (url.pathname) {
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] })
          return res.end(
            JSON.stringify({
              name: 'Жукова',
              method: req.method,
              auth: req.headers.authorization ?? null,
              ua: req.headers['user-agent'] ?? null,
              encoding: req.headers['accept-encoding'] ?? null,
              sent: Buffer.concat(chunks).toString(),
            }),
          )
        case '/empty':
          res.writeHead(204, { 'x-empty': 'yes' })
          return res.end()
        case '/redirect':
          res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' })
          return res.end('moved')
        case '/slow-body':
          res.writeHead(200, { 'content-type': 'application/json' })
          res.write('{"a":')
          return // never ends
        default:
          res.writeHead(404, { 'content-type': 'application/json' })
          return res.end('{"error":"not found"}')
      }
    })
  })
  served = await listen(server, 0)
})

afterAll(async () => {
  await served.close()
  await upstream.close()
})

describe('createUpstreamFetch', () => {
  it('answers with status, headers (repeated ones kept) and the body, and sends method, headers and body', async () => {
    const response = await upstream(`${served.baseUrl}/json`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/plain' },
      body: 'hello',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(await response.json()).toEqual({
      name: 'Жукова',
      method: 'POST',
      auth: 'Bearer t',
      ua: 'certbridge',
      encoding: 'identity',
      sent: 'hello',
    })
  })

  it('lets the caller set User-Agent and Accept-Encoding', async () => {
    const response = await upstream(`${served.baseUrl}/json`, { headers: { 'User-Agent': 'mine/1', 'accept-encoding': 'gzip' } })
    expect(await response.json()).toMatchObject({ ua: 'mine/1', encoding: 'gzip' })
  })

  it('takes a URL object and a Headers object', async () => {
    const response = await upstream(new URL('/json', served.baseUrl), { headers: new Headers({ authorization: 'Bearer u' }) })
    expect(((await response.json()) as { auth: string }).auth).toBe('Bearer u')
  })

  it('gives a null body for 204, and a 404 with its body', async () => {
    const empty = await upstream(`${served.baseUrl}/empty`)
    expect(empty.status).toBe(204)
    expect(empty.body).toBeNull()
    expect(empty.headers.get('x-empty')).toBe('yes')
    const missing = await upstream(`${served.baseUrl}/nowhere`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'not found' })
  })

  it('never follows a redirect: the 3xx comes back as it is', async () => {
    const response = await upstream(`${served.baseUrl}/redirect`)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('http://127.0.0.1:1/elsewhere')
    await response.body?.cancel()
  })

  it('rejects when the connection is refused, and when the signal aborts before or during the body', async () => {
    await expect(upstream('http://127.0.0.1:1/x')).rejects.toThrow()
    await expect(upstream(`${served.baseUrl}/json`, { signal: AbortSignal.abort() })).rejects.toThrow()
    const controller = new AbortController()
    const response = await upstream(`${served.baseUrl}/slow-body`, { signal: controller.signal })
    const reading = response.text()
    controller.abort()
    await expect(reading).rejects.toThrow()
  })

  it('refuses bodies it does not send (streams, forms)', async () => {
    await expect(upstream(`${served.baseUrl}/json`, { method: 'POST', body: new URLSearchParams('a=1') })).rejects.toThrow(TypeError)
  })

  it('gives the adapter SDK the same typed outcomes as fetch: JSON, redirect refused, deadline', async () => {
    const ctx = (signal: AbortSignal): AdapterContext =>
      ({ fetch: upstream, signal, now: () => new Date(), log: { info() {}, warn() {} } }) as unknown as AdapterContext
    expect(await requestJson(ctx(AbortSignal.timeout(5_000)), `${served.baseUrl}/json`)).toMatchObject({
      status: 200,
      body: { name: 'Жукова' },
    })
    await expect(requestJson(ctx(AbortSignal.timeout(5_000)), `${served.baseUrl}/redirect`)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
    })
    await expect(requestJson(ctx(AbortSignal.timeout(200)), `${served.baseUrl}/slow-body`)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    })
  })

  it('delivers no more than a declared Content-Length, whatever the server sends after it', async () => {
    const liar = createTcpServer((socket) => {
      socket.on('error', () => undefined) // the client drops the connection after its 10 bytes
      socket.once('data', () =>
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n${'1'.repeat(100_000)}`),
      )
    })
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = liar.address() as { port: number }
      const body = await (await upstream(`http://127.0.0.1:${port}/`)).arrayBuffer()
      expect(body.byteLength).toBe(10)
    } finally {
      liar.close()
    }
  })
})
