import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../test/shared.ts'
import { detectFormat, importTrustListEntry, parseTrustList, readTrustList, typesFromUse } from './lists.ts'
import { toBase64 } from '../platform/bytes.ts'

const snapshot = (cc: string): unknown => JSON.parse(readFileSync(testdataPath('trustlists', `trustlist_${cc}.json`), 'utf8'))

describe('trust lists: the real snapshots', () => {
  it('DE (gateway JSON): imports all 832 DSCs, exactly one of them Vietnamese', async () => {
    const started = performance.now()
    const parsed = await parseTrustList(snapshot('de'), { source: 'DE' })
    const elapsed = performance.now() - started
    console.info(`DE trust list: ${parsed.keys.length} keys imported in ${elapsed.toFixed(0)} ms`)
    expect(parsed.format).toBe('gateway')
    expect(parsed.keys).toHaveLength(832)
    expect(parsed.skipped).toEqual({})
    const vn = parsed.keys.filter((k) => k.country === 'VN')
    expect(vn).toHaveLength(1)
    expect(toBase64(vn[0]!.kid)).toBe('ZtJVElOdWm0=')
    expect(vn[0]!.algorithm).toBe(-37) // Vietnam signs PS256 (RSA-2048)
    expect(new Set(parsed.keys.map((k) => k.country)).size).toBe(77)
    expect(parsed.keys.every((k) => k.source === 'DE' && k.der && k.notAfter)).toBe(true)
  })

  it('AT and SE (kid + rawData only): every entry is read, countries come from the certificates', async () => {
    for (const [cc, count] of [
      ['at', 791],
      ['se', 616],
    ] as const) {
      const read = readTrustList(snapshot(cc), { source: cc.toUpperCase() })
      expect(read.format).toBe('gateway')
      expect(read.entries).toHaveLength(count)
      // Import a sample (every 25th) to keep the test light; the DE test imports a whole list.
      const sample = read.entries.filter((_, i) => i % 25 === 0)
      const keys = await Promise.all(sample.map(importTrustListEntry))
      expect(keys.every((k) => /^[A-Z]{2}$/.test(k.country ?? ''))).toBe(true)
      expect(keys.map((k) => toBase64(k.kid))).toEqual(sample.map((e) => toBase64(e.kid)))
    }
  })

  it('CH (bare keys by kid): imports EC and RSA keys, maps use letters, skips the light-only key', async () => {
    const parsed = await parseTrustList(snapshot('ch'), { source: 'CH' })
    expect(parsed.format).toBe('ch')
    expect(parsed.keys).toHaveLength(683)
    expect(parsed.skipped).toEqual({ 'light-only': 1 })
    expect(parsed.keys.filter((k) => k.algorithm === -37)).toHaveLength(36)
    const byKid = (kid: string) => parsed.keys.filter((k) => toBase64(k.kid) === kid)
    expect([...byKid('3lTmAZX19GQ=')[0]!.allowedTypes!]).toEqual(['vaccination'])
    expect(byKid('6CDB1hL+uKU=')[0]!.allowedTypes).toEqual(new Set(['test', 'vaccination', 'recovery']))
    expect(byKid('EzYR1uk/E0I=')[0]!.allowedTypes).toBeUndefined()
    expect(byKid('1PtilTAMiyk=')).toHaveLength(2) // two keys under one kid, both kept
    expect(parsed.keys.every((k) => k.der === undefined && k.notAfter === undefined)).toBe(true)
  })
})

describe('trust lists: formats and unusable entries', () => {
  it('detects formats and refuses unknown ones with a stable code', () => {
    expect(detectFormat({ certificates: [] })).toBe('gateway')
    expect(detectFormat({ keys: [] })).toBe('jwks')
    expect(detectFormat({ 'AAAAAAAAAAA=': [{ use: 'sig' }] })).toBe('ch')
    expect(detectFormat({ foo: 1 })).toBeUndefined()
    expect(() => readTrustList({ foo: 1 }, { source: 'x' })).toThrow(expect.objectContaining({ code: 'TRUST_LIST_INVALID' }))
    expect(() => readTrustList([], { source: 'x', format: 'gateway' })).toThrow(expect.objectContaining({ code: 'TRUST_LIST_INVALID' }))
  })

  it('maps Swiss use letters', () => {
    expect(typesFromUse('sig')).toBeUndefined()
    expect(typesFromUse('rtv')).toEqual(new Set(['recovery', 'test', 'vaccination']))
    expect(typesFromUse('l')).toBeNull()
    expect(typesFromUse('zz')).toBeNull()
  })

  it('skips and counts unusable entries instead of failing the list', async () => {
    const de = snapshot('de') as { certificates: Record<string, unknown>[] }
    const good = de.certificates[0]!
    const list = {
      certificates: [
        good,
        { ...good, certificateType: 'CSCA' },
        { ...good, rawData: undefined },
        { ...good, kid: 'not base64 !' },
        { ...good, rawData: 'AAAA' }, // base64, but not a certificate
        'junk',
      ],
    }
    const parsed = await parseTrustList(list, { source: 'mixed' })
    expect(parsed.keys).toHaveLength(1)
    expect(parsed.skipped).toEqual({ 'not-dsc': 1, 'no-certificate': 1, 'bad-kid': 1, 'unusable-key': 1, malformed: 1 })
  })

  it('reads a JWKS with x5c (certificate) and without (bare key)', async () => {
    const de = snapshot('de') as { certificates: { kid: string; rawData: string; country: string }[] }
    const ec = de.certificates.find((c) => c.country === 'NL')!
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
    const parsed = await parseTrustList(
      {
        keys: [
          { kid: ec.kid, kty: 'EC', x5c: [ec.rawData] },
          { kid: 'AQIDBAUGBwg=', kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
          { kty: 'EC' },
        ],
      },
      { source: 'jwks' },
    )
    expect(parsed.format).toBe('jwks')
    expect(parsed.keys.map((k) => toBase64(k.kid))).toEqual([ec.kid, 'AQIDBAUGBwg='])
    expect(parsed.keys[0]!.country).toBe('NL')
    expect(parsed.skipped).toEqual({ 'bad-kid': 1 })
    // The imported bare key verifies what the private key signs.
    const data = new TextEncoder().encode('hello')
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data)
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, parsed.keys[1]!.publicKey, signature, data)).toBe(true)
  })
})
