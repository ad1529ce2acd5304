import { describe, expect, it } from 'vitest'
import { nodeRemoteAddress } from './conn-info.ts'

describe('the Node connection address', () => {
  const request = new Request('http://127.0.0.1/v1/verify', { headers: { 'x-forwarded-for': '203.0.113.9' } })
  it("is the socket's remote address from @hono/node-server's bindings, never a header", () => {
    expect(nodeRemoteAddress(request, { incoming: { socket: { remoteAddress: '192.0.2.4' } } })).toBe('192.0.2.4')
  })
  it('is unknown without a socket address', () => {
    expect(nodeRemoteAddress(request, {})).toBe('unknown')
    expect(nodeRemoteAddress(request, undefined)).toBe('unknown')
    expect(nodeRemoteAddress(request, { incoming: { socket: {} } })).toBe('unknown')
  })
})
