// Hostile HTTP input against the real Node server (sandbox mode, 127.0.0.1): huge bodies, deep JSON,
// long headers, wrong content types and many concurrent slow clients. Each is refused cleanly and
// cheaply (problem+json 4xx, or the connection closed by Node's own limits) and /healthz still answers
// promptly afterwards.
import { connect, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../e2e/server.ts'

let server: TestServer
let port: number

beforeAll(async () => {
  server = await startTestServer()
  port = Number(new URL(server.url).port)
}, 60_000)

afterAll(async () => server?.close())

/** /healthz answers 200 within half a second. */
afterEach(async () => {
  const started = performance.now()
  const res = await fetch(`${server.url}/healthz`)
  expect(res.status).toBe(200)
  expect(performance.now() - started).toBeLessThan(500)
})

async function post(path: string, body: BodyInit, contentType?: string) {
  const started = performance.now()
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
    duplex: 'half',
  } as RequestInit)
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type'), body: text, ms: performance.now() - started }
}

function code(body: string): string | undefined {
  return (JSON.parse(body) as { code?: string }).code
}

/** Sends raw bytes on a fresh connection and resolves with everything the server answers before closing. */
function raw(bytes: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error('the server kept the connection open'))
    }, timeoutMs)
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(answer)
    })
    socket.write(bytes, () => socket.end())
  })
}

const validIssue = {
  qr: 'https://immune.mos.ru/qr?id=4501230000000017',
  holder: { familyName: 'A', givenName: 'B', dateOfBirth: '1980-01-01' },
  consent: true,
}

describe('huge bodies', () => {
  it.each(['/v1/certificates', '/v1/verify'])('refuses 16 MiB announced with Content-Length on %s with 413', async (path) => {
    const r = await post(path, new Uint8Array(16 * 1024 * 1024).fill(0x20), 'application/json')
    expect([r.status, r.type, code(r.body)]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE'])
    expect(r.ms).toBeLessThan(3_000)
  })

  it('refuses a chunked body without Content-Length once it passes the cap', async () => {
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 32 * 1024 * 1024) return controller.close()
        sent += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
      },
    })
    const r = await post('/v1/certificates', stream, 'application/json').catch(() => ({ status: 0, type: null, body: '{}', ms: 0 }))
    // Either a 413 problem, or the connection cut while we were still sending; never the whole 32 MiB read.
    if (r.status !== 0) expect([r.status, code(r.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    expect(sent).toBeLessThan(32 * 1024 * 1024)
  })
})

describe('deep JSON', () => {
  it('refuses 100k nested arrays (over the body cap) with 413', async () => {
    const r = await post('/v1/certificates', '['.repeat(100_000) + ']'.repeat(100_000), 'application/json')
    expect([r.status, code(r.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
  })

  it.each(['/v1/certificates', '/v1/verify'])('refuses 30k nested arrays and objects under the cap on %s with 400', async (path) => {
    for (const body of ['['.repeat(30_000) + ']'.repeat(30_000), '{"qr":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_001)]) {
      const r = await post(path, body, 'application/json')
      expect(r.type).toBe('application/problem+json')
      expect(r.status).toBe(400)
      expect(r.ms).toBeLessThan(2_000)
    }
  })

  it('refuses JSON that is not valid with 400 BAD_REQUEST', async () => {
    for (const body of ['{', '{"qr": "x",}', '\u0000', '{"qr":"\ud800"', 'null', '[]', '"x"', '1e999999']) {
      const r = await post('/v1/certificates', body, 'application/json')
      expect([r.status, r.type], body).toEqual([400, 'application/problem+json'])
    }
  })
})

describe('wrong content types', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', undefined])(
    'POST /v1/certificates as %s is 415',
    async (type) => {
      const r = await post('/v1/certificates', JSON.stringify(validIssue), type)
      expect([r.status, r.type, code(r.body)]).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE'])
    },
  )

  it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=x'])('POST /v1/verify as %s is a 4xx problem', async (type) => {
    const r = await post('/v1/verify', 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH', type)
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    expect(r.type).toBe('application/problem+json')
  })
})

describe('long headers', () => {
  it("closes a request whose headers exceed Node's limit with 431", async () => {
    const answer = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
  })

  it('closes a request with 5,000 headers', async () => {
    const headers = Array.from({ length: 5_000 }, (_, i) => `X-H${i}: v`).join('\r\n')
    const answer = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
  })

  it('closes a request with a malformed request line with 400', async () => {
    const answer = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  })
})

describe('many concurrent slow clients', () => {
  it('keeps answering while 300 clients trickle headers and bodies', async () => {
    const sockets: Socket[] = []
    const timers: ReturnType<typeof setInterval>[] = []
    try {
      for (let i = 0; i < 300; i += 1) {
        const socket = connect(port, '127.0.0.1')
        socket.on('error', () => undefined)
        sockets.push(socket)
        // Half send headers a byte at a time; half announce a body and trickle it.
        const script =
          i % 2 === 0
            ? `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'s'.repeat(200)}`
            : `POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"qr":"${'x'.repeat(200)}`
        let at = 0
        timers.push(
          setInterval(() => {
            if (at < script.length && !socket.destroyed) socket.write(script[at++]!)
          }, 100),
        )
      }
      await new Promise((r) => setTimeout(r, 1_500))
      for (let i = 0; i < 10; i += 1) {
        const started = performance.now()
        const res = await fetch(`${server.url}/healthz`)
        expect(res.status).toBe(200)
        expect(performance.now() - started).toBeLessThan(500)
      }
      const r = await post(
        '/v1/certificates',
        JSON.stringify({ ...validIssue, holder: { ...validIssue.holder, extra: 1 } }),
        'application/json',
      )
      expect(r.status).toBe(400)
    } finally {
      for (const t of timers) clearInterval(t)
      for (const s of sockets) s.destroy()
    }
  })
})
