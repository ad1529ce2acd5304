import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { limitBody } from './body-limit.ts'
import { HttpError } from './problem.ts'

function app() {
  const hono = new Hono()
  hono.onError((error, c) => c.json({ code: error instanceof HttpError ? error.code : 'OTHER' }, error instanceof HttpError ? 413 : 500))
  hono.post('/', limitBody(10), async (c) => c.text(await c.req.text()))
  return hono
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4) controller.enqueue(bytes.subarray(i, i + 4))
      controller.close()
    },
  })
}

describe('limitBody', () => {
  it('passes a body whose declared length is within the cap, and the handler reads it whole', async () => {
    const res = await app().request('/', { method: 'POST', body: '0123456789', headers: { 'content-length': '10' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('0123456789')
  })

  it('refuses a declared length over the cap from the header alone, before any body is read', async () => {
    let pulled = false
    const body = new ReadableStream(
      {
        pull() {
          pulled = true
        },
      },
      { highWaterMark: 0 },
    )
    const res = await app().request('/', { method: 'POST', body, headers: { 'content-length': '11' }, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE' })
    expect(pulled).toBe(false)
  })

  it('counts a body without a declared length as it reads: within the cap it passes, beyond it is refused', async () => {
    const ok = await app().request('/', { method: 'POST', body: chunked('abcdefgh'), duplex: 'half' } as RequestInit)
    expect(await ok.text()).toBe('abcdefgh')
    const over = await app().request('/', { method: 'POST', body: chunked('abcdefghijkl'), duplex: 'half' } as RequestInit)
    expect(over.status).toBe(413)
  })
})
