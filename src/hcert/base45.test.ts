import { describe, expect, it } from 'vitest'
import { decodeBase45, encodeBase45 } from './base45.ts'

const text = (s: string) => new TextEncoder().encode(s)

describe('base45 (RFC 9285)', () => {
  it('encodes and decodes the RFC examples', () => {
    expect(encodeBase45(text('AB'))).toBe('BB8')
    expect(encodeBase45(text('Hello!!'))).toBe('%69 VD92EX0')
    expect(encodeBase45(text('base-45'))).toBe('UJCLQE7W581')
    expect(new TextDecoder().decode(decodeBase45('QED8WEX0'))).toBe('ietf!')
  })

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 257 }, (_, i) => (i * 37) & 0xff)
    expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes)
  })

  it('rejects characters outside the alphabet', () => {
    expect(() => decodeBase45('GGW')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' }))
    expect(() => decodeBase45('abc')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' }))
    expect(() => decodeBase45('BB8é')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' }))
  })

  it('rejects out-of-range triplets and pairs, and a lone trailing character', () => {
    expect(() => decodeBase45(':::')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' })) // 44+44*45+44*2025 > 65535
    expect(() => decodeBase45('::')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' })) // > 255
    expect(() => decodeBase45('BB8B')).toThrow(expect.objectContaining({ code: 'HCERT_BASE45' }))
  })
})
