import { describe, expect, it } from 'vitest'
import { deflateSync } from 'node:zlib'
import { encodeBase45 } from './base45.ts'
import { decodeHc1 } from './decode.ts'
import { HcertError } from './errors.ts'
import { checkDscValidity, checkExpiry, checkKeyUsage } from './checks.ts'
import { encodeCbor, Tag } from './cbor.ts'
import type { TrustedKey } from './trusted-key.ts'

const hc1Of = (cose: Uint8Array) => 'HC1:' + encodeBase45(new Uint8Array(deflateSync(cose)))
const cwt = (claims: Map<number, unknown>) => encodeCbor(claims)
const dcc = new Map([[1, { ver: '1.3.0', t: [{}] }]])

describe('decodeHc1: leniency', () => {
  it('accepts untagged COSE, CWT tag 61, kid in the unprotected header, and tagged dates', () => {
    const payload = cwt(
      new Map<number, unknown>([
        [1, 'DE'],
        [4, new Tag(1_700_000_000, 1)],
        [6, 1_600_000_000],
        [-260, dcc],
      ]),
    )
    const protectedBytes = encodeCbor(new Map([[1, -7]]))
    const kid = Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9])
    const untagged = encodeCbor([protectedBytes, new Map([[4, kid]]), payload, new Uint8Array(64)])
    const cwtTagged = encodeCbor(new Tag(new Tag([protectedBytes, new Map([[4, kid]]), payload, new Uint8Array(64)], 18), 61))
    for (const cose of [untagged, cwtTagged]) {
      const decoded = decodeHc1(hc1Of(cose))
      expect(decoded).toMatchObject({ iss: 'DE', exp: 1_700_000_000, iat: 1_600_000_000, alg: -7, kid })
    }
  })

  it('prefers the protected kid over the unprotected one', () => {
    const payload = cwt(new Map<number, unknown>([[-260, dcc]]))
    const cose = encodeCbor(
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, -7],
              [4, Uint8Array.of(1)],
            ]),
          ),
          new Map([[4, Uint8Array.of(2)]]),
          payload,
          new Uint8Array(64),
        ],
        18,
      ),
    )
    expect(Array.from(decodeHc1(hc1Of(cose)).kid!)).toEqual([1])
  })

  it('accepts an uncompressed COSE', () => {
    const cose = encodeCbor(
      new Tag([encodeCbor(new Map([[1, -7]])), new Map(), cwt(new Map<number, unknown>([[-260, dcc]])), new Uint8Array(64)], 18),
    )
    expect(decodeHc1('HC1:' + encodeBase45(cose)).compressed).toBe(false)
  })
})

describe('decodeHc1: typed errors for broken input', () => {
  const cases: Array<[string, string, string]> = [
    ['no prefix', 'HC2:ABC', 'HCERT_PREFIX'],
    ['bad base45', 'HC1:abc', 'HCERT_BASE45'],
    ['not zlib', 'HC1:' + encodeBase45(Uint8Array.of(1, 2, 3, 4)), 'HCERT_ZLIB'],
    ['truncated zlib', 'HC1:' + encodeBase45(new Uint8Array(deflateSync(new Uint8Array(100))).slice(0, 6)), 'HCERT_ZLIB'],
    ['not COSE', hc1Of(encodeCbor([1, 2])), 'HCERT_COSE'],
    ['broken CBOR', hc1Of(Uint8Array.of(0xd2, 0x84, 0x40)), 'HCERT_CBOR'],
    [
      'no hcert claim',
      hc1Of(encodeCbor(new Tag([new Uint8Array(0), new Map(), cwt(new Map([[1, 'DE']])), new Uint8Array(64)], 18))),
      'HCERT_CWT',
    ],
    ['too long', 'HC1:' + 'A'.repeat(20_000), 'HCERT_TOO_LARGE'],
    ['zip bomb', hc1Of(new Uint8Array(1_000_000)), 'HCERT_TOO_LARGE'],
  ]
  for (const [name, input, code] of cases) {
    it(name, () => {
      let caught: unknown
      try {
        decodeHc1(input)
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(HcertError)
      expect((caught as HcertError).code).toBe(code)
    })
  }
})

describe('checks', () => {
  const key = {
    kid: new Uint8Array(8),
    algorithm: -7,
    source: 'test',
    notBefore: new Date('2021-01-01Z'),
    notAfter: new Date('2023-01-01Z'),
  } as TrustedKey
  const iat = Date.parse('2021-06-01Z') / 1000
  const exp = Date.parse('2022-06-01Z') / 1000

  it('expiry against the injected clock, and iat in the future beyond the skew', () => {
    expect(() => checkExpiry({ iat, exp }, new Date('2022-01-01Z'))).not.toThrow()
    expect(() => checkExpiry({ iat, exp }, new Date('2022-06-02Z'))).toThrow(expect.objectContaining({ code: 'HCERT_EXPIRED' }))
    expect(() => checkExpiry({ iat, exp }, new Date('2021-05-31Z'))).toThrow(expect.objectContaining({ code: 'HCERT_NOT_YET_VALID' }))
  })

  it('DSC validity bounds iat and exp', () => {
    expect(() => checkDscValidity({ iat, exp }, key)).not.toThrow()
    expect(() => checkDscValidity({ iat: Date.parse('2020-12-31Z') / 1000, exp }, key)).toThrow(
      expect.objectContaining({ code: 'HCERT_NOT_YET_VALID' }),
    )
    expect(() => checkDscValidity({ iat, exp: Date.parse('2023-02-01Z') / 1000 }, key)).toThrow(
      expect.objectContaining({ code: 'HCERT_EXPIRED' }),
    )
  })

  it('key usage: no restriction allows all, a restriction must include the type', () => {
    expect(() => checkKeyUsage(key, 'test')).not.toThrow()
    const testOnly = { ...key, allowedTypes: new Set(['test'] as const) }
    expect(() => checkKeyUsage(testOnly, 'test')).not.toThrow()
    expect(() => checkKeyUsage(testOnly, 'vaccination')).toThrow(expect.objectContaining({ code: 'HCERT_KEY_USAGE' }))
  })
})
