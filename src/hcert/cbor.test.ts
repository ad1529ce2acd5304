import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../test/shared.ts'
import { decodeCbor, encodeCbor } from './cbor.ts'
import { encodeCwt } from './cwt.ts'
import { protectedHeaderBytes } from './cose.ts'

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16))

describe('cbor (cbor-x configured for HCERT)', () => {
  it('writes the protected header as minimal CBOR without tags', () => {
    const kid = fromHex('0102030405060708')
    // a2 (map of 2) 01 26 (1: -7) 04 48 <8 bytes> (4: bstr)
    expect(hex(protectedHeaderBytes(-7, kid))).toBe('a20126044801020304050607' + '08')
  })

  it('writes CWT claims with minimal lengths, no tag 259 and no tag 64', () => {
    const bytes = encodeCwt({ iss: 'DE', iat: 1_620_000_000, exp: 1_651_536_000, dcc: { ver: '1.3.0' } })
    const expected =
      'a4' + // map(4)
      '01' +
      '624445' + // 1: "DE"
      '04' +
      '1a62707080' + // 4: 1651536000
      '06' +
      '1a608f3d00' + // 6: 1620000000
      '390103' +
      'a1' +
      '01' +
      'a1' +
      '63766572' +
      '65312e332e30' // -260: {1: {"ver": "1.3.0"}}
    expect(hex(bytes)).toBe(expected)
  })

  it('encodes byte strings untagged and maps with minimal lengths', () => {
    expect(hex(encodeCbor(new Uint8Array([1, 2])))).toBe('420102')
    expect(hex(encodeCbor({ a: 1 }))).toBe('a1616101')
    expect(hex(encodeCbor(new Map([[1, 2]])))).toBe('a10102')
  })

  it('re-encodes the canonical CBOR of an EU vector byte-identically', () => {
    // DE 1.json carries definite-length maps: decoding and re-encoding must give the same bytes.
    const vector = JSON.parse(readFileSync(testdataPath('dgc-testdata', 'DE', '2DCode', 'raw', '1.json'), 'utf8')) as { CBOR: string }
    const original = fromHex(vector.CBOR)
    expect(hex(encodeCbor(decodeCbor(original)))).toBe(vector.CBOR.toLowerCase())
  })

  it('keeps integer keys when decoding', () => {
    const map = decodeCbor(fromHex('a2012604480102030405060708')) as Map<unknown, unknown>
    expect(map.get(1)).toBe(-7)
    expect(map.get(4)).toEqual(fromHex('0102030405060708'))
  })

  it('rejects malformed and deeply nested input with typed errors', () => {
    expect(() => decodeCbor(fromHex('a201'))).toThrow(expect.objectContaining({ code: 'HCERT_CBOR' }))
    expect(() => decodeCbor(fromHex('5a000fffff00'))).toThrow(expect.objectContaining({ code: 'HCERT_CBOR' }))
    expect(() => decodeCbor(new Uint8Array(10_000).fill(0x81))).toThrow(expect.objectContaining({ code: 'HCERT_TOO_LARGE' }))
  })

  describe('without Function (as on Workers)', () => {
    const original = globalThis.Function
    afterEach(() => {
      globalThis.Function = original
    })
    it('decodes record-tagged input without compiling code', () => {
      globalThis.Function = function blocked() {
        throw new EvalError('code generation from strings disallowed')
      } as unknown as FunctionConstructor
      // cbor-x record definition (tag 0xdfff) read several times: the default build would compile a reader.
      // An inline record definition followed by four reads of the same record structure.
      const records =
        '85' +
        'd9dfff' +
        '84' +
        '19e000' +
        '82' +
        '6161' +
        '6162' +
        '0102' +
        'd9e000820304'.repeat(1) +
        'd9e000820506' +
        'd9e000820708' +
        'd9e000820910'
      expect(decodeCbor(fromHex(records))).toEqual([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
        { a: 5, b: 6 },
        { a: 7, b: 8 },
        { a: 9, b: 16 },
      ])
    })
  })
})
