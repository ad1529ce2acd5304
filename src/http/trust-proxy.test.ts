// CERTBRIDGE_TRUST_PROXY: X-Forwarded-For is ignored unless set; a hop count or trusted ranges say
// which entry is the client's, and what a client wrote further left is never believed.
import { describe, expect, it } from 'vitest'
import { clientAddress, clientIdentifier, parseTrustProxy } from './trust-proxy.ts'

describe('parseTrustProxy', () => {
  it('is off when unset, empty, 0 or off', () => {
    for (const value of [undefined, '', ' ', '0', 'off']) expect(parseTrustProxy(value)).toEqual({ kind: 'off' })
  })
  it('reads a hop count or a list of CIDRs and addresses', () => {
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 })
    const ranges = parseTrustProxy('10.0.0.0/8, 192.0.2.1 ::1 fd00::/8')
    expect(ranges.kind === 'ranges' && ranges.ranges.map(([a, bits]) => `${a.toString()}/${bits}`)).toEqual([
      '10.0.0.0/8',
      '192.0.2.1/32',
      '::1/128',
      'fd00::/8',
    ])
  })
  it('refuses what is neither', () => {
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/CERTBRIDGE_TRUST_PROXY/)
    expect(() => parseTrustProxy('proxy.example')).toThrow(/CERTBRIDGE_TRUST_PROXY/)
    expect(() => parseTrustProxy('99')).toThrow(/CERTBRIDGE_TRUST_PROXY/)
  })
})

describe('clientAddress', () => {
  const xff = '203.0.113.9, 198.51.100.7, 10.0.0.2'
  it('ignores X-Forwarded-For by default', () => {
    expect(clientAddress('10.0.0.1', xff, parseTrustProxy(undefined))).toBe('10.0.0.1')
  })
  it('counts hops from the connection', () => {
    expect(clientAddress('10.0.0.1', xff, parseTrustProxy('1'))).toBe('10.0.0.2')
    expect(clientAddress('10.0.0.1', xff, parseTrustProxy('2'))).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', xff, parseTrustProxy('3'))).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.1', xff, parseTrustProxy('9'))).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.1', undefined, parseTrustProxy('1'))).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', 'not-an-address', parseTrustProxy('1'))).toBe('unknown')
  })
  it('skips trusted proxies from the right and stops at the first other address', () => {
    const trust = parseTrustProxy('10.0.0.0/8')
    expect(clientAddress('10.0.0.1', xff, trust)).toBe('198.51.100.7')
    // the connection itself is not a trusted proxy: the header is a client's claim
    expect(clientAddress('198.51.100.50', '192.0.2.1', trust)).toBe('198.51.100.50')
    expect(clientAddress('10.0.0.1', '10.0.0.3, 10.0.0.2', trust)).toBe('10.0.0.3')
  })
  it('reads IPv6 and IPv4-mapped addresses', () => {
    expect(clientAddress('::ffff:10.0.0.1', '2001:db8::1', parseTrustProxy('10.0.0.0/8'))).toBe('2001:db8::1')
    expect(clientAddress('::1', '::ffff:203.0.113.9', parseTrustProxy('::1'))).toBe('203.0.113.9')
  })
})

describe('clientIdentifier', () => {
  const request = (headers: Record<string, string>) => new Request('https://certbridge.example/v1/verify', { headers })
  const connection = () => '198.51.100.7'
  it("takes the edge's connection address, ignoring X-Forwarded-For unless trusted", () => {
    expect(clientIdentifier(connection, parseTrustProxy(undefined))(request({ 'x-forwarded-for': '203.0.113.9' }), {})).toBe('198.51.100.7')
    expect(clientIdentifier(connection, parseTrustProxy('1'))(request({ 'x-forwarded-for': '203.0.113.9' }), {})).toBe('203.0.113.9')
  })
})
