import { describe, expect, it } from 'vitest'
import { fromBase64, fromHex, fromPem, sameBytes, toBase64, toBase64Url, toHex, toPem } from './bytes.ts'

describe('byte encodings', () => {
  it('round-trips base64 of every byte value and large inputs', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256)
    expect(sameBytes(fromBase64(toBase64(bytes)), bytes)).toBe(true)
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=')
  })

  it('reads url-safe, unpadded and wrapped base64', () => {
    expect(Array.from(fromBase64('-_8'))).toEqual([0xfb, 0xff])
    expect(Array.from(fromBase64('+/8=\n'))).toEqual([0xfb, 0xff])
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
  })

  it('refuses what is not base64', () => {
    expect(() => fromBase64('ab$c')).toThrow(TypeError)
  })

  it('writes hex and PEM', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff')
    const der = new Uint8Array(100).fill(7)
    const pem = toPem('CERTIFICATE', der)
    expect(pem.split('\n')[1]).toHaveLength(64)
    expect(sameBytes(fromPem('CERTIFICATE', pem), der)).toBe(true)
    expect(() => fromPem('PRIVATE KEY', pem)).toThrow(TypeError)
  })

  it('reads hex of either case, and refuses odd lengths and other characters', () => {
    expect(Array.from(fromHex('000fFF'))).toEqual([0, 15, 255])
    expect(fromHex('')).toHaveLength(0)
    expect(() => fromHex('abc')).toThrow(TypeError)
    expect(() => fromHex('zz')).toThrow(TypeError)
  })
})
