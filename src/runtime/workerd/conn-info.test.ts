import { describe, expect, it } from 'vitest'
import { clientIdentifier, parseTrustProxy } from '../../http/trust-proxy.ts'
import { workerRemoteAddress } from './conn-info.ts'

describe('the Worker client id', () => {
  const request = (headers: Record<string, string>) => new Request('https://certbridge.example/v1/verify', { headers })
  it('takes CF-Connecting-IP, ignoring X-Forwarded-For unless trusted', () => {
    const off = clientIdentifier(workerRemoteAddress, parseTrustProxy(undefined))
    expect(off(request({ 'cf-connecting-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.9' }), {})).toBe('198.51.100.7')
    expect(
      clientIdentifier(workerRemoteAddress, parseTrustProxy('1'))(
        request({ 'cf-connecting-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.9' }),
        {},
      ),
    ).toBe('203.0.113.9')
    expect(off(request({}), {})).toBe('unknown')
  })
})
