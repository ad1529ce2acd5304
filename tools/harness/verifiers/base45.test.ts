import { describe, expect, it } from 'vitest'
import { base45Decode } from './base45.ts'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('base45Decode (RFC 9285 examples)', () => {
  it('decodes the RFC examples', () => {
    expect(text(base45Decode('BB8'))).toBe('AB')
    expect(text(base45Decode('%69 VD92EX0'))).toBe('Hello!!')
    expect(text(base45Decode('UJCLQE7W581'))).toBe('base-45')
    expect(text(base45Decode('QED8WEX0'))).toBe('ietf!')
    expect(base45Decode('')).toEqual(new Uint8Array())
  })

  it('refuses characters outside the alphabet, a dangling character and overflow', () => {
    expect(() => base45Decode('GGW')).toThrow(RangeError) // 65535 + 1
    expect(() => base45Decode('ab')).toThrow(RangeError)
    expect(() => base45Decode('BB8A')).toThrow(RangeError)
    expect(() => base45Decode(':::')).toThrow(RangeError)
  })
})
