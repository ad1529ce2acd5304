import { describe, expect, it } from 'vitest'
import { revocationHashes } from './hashes.ts'
import { createRevocationList, mergeRevocationLists, normalizeHash, parseRevocationList } from './list.ts'

const certificate = { uvci: 'URN:UVCI:01:XX:0123456789ABCDEF#Q', country: 'XX', signature: new Uint8Array(64).map((_, i) => 255 - i) }
const other = { uvci: 'URN:UVCI:01:XX:FEDCBA9876543210#Q', country: 'XX', signature: new Uint8Array(64).fill(3) }

describe('revocation list', () => {
  it('normalises base64, url-safe base64 and hex forms of one hash', () => {
    const base64 = 'QjvQqEdjTOjepd1elADyhw=='
    expect(normalizeHash(base64)).toBe(base64)
    expect(normalizeHash('QjvQqEdjTOjepd1elADyhw')).toBe(base64)
    expect(normalizeHash('423bd0a847634ce8dea5dd5e9400f287')).toBe(base64)
    expect(normalizeHash('423BD0A847634CE8DEA5DD5E9400F287')).toBe(base64)
    expect(normalizeHash('QjvQqEdjTOjepd1elADyhwAA')).toBeUndefined() // 18 bytes
    expect(normalizeHash(42)).toBeUndefined()
  })

  it('finds a certificate by each hash type, and only the listed one', async () => {
    const hashes = await revocationHashes(certificate)
    for (const [type, hash] of [
      ['UCI', hashes.uci],
      ['COUNTRYCODEUCI', hashes.countryCodeUci],
      ['SIGNATURE', hashes.signature],
    ] as const) {
      const list = createRevocationList({ [type]: [hash] })
      expect(await list.match(certificate)).toBe(type)
      expect(await list.match(other)).toBeUndefined()
      expect(list.has(type, hash)).toBe(true)
      expect(list.size).toBe(1)
    }
  })

  it('does not confuse hash types', async () => {
    const hashes = await revocationHashes(certificate)
    const list = createRevocationList({ SIGNATURE: [hashes.uci] })
    expect(await list.match(certificate)).toBeUndefined()
  })

  it('parses the simple shape and counts unusable entries', async () => {
    const hashes = await revocationHashes(certificate)
    const list = parseRevocationList({ hashes: { UCI: [hashes.uci, 'not a hash'], SIGNATURE: [] } }, { source: 'test' })
    expect(list.size).toBe(1)
    expect(list.skipped).toBe(1)
    expect(list.sources).toEqual(['test'])
    expect(await list.match(certificate)).toBe('UCI')
  })

  it('parses the list the bridge publishes', async () => {
    const hashes = await revocationHashes(certificate)
    const published = {
      generatedAt: '2026-01-01T00:00:00Z',
      hashTypes: ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'],
      entries: [{ kid: 'AAAAAAAAAAA=', hashType: 'COUNTRYCODEUCI', hashes: [hashes.countryCodeUci], expires: '2027-01-01T00:00:00Z' }],
    }
    expect(await parseRevocationList(published, { source: 'peer' }).match(certificate)).toBe('COUNTRYCODEUCI')
  })

  it('refuses malformed lists with a stable code', () => {
    for (const bad of [null, [], { hashes: { FOO: [] } }, { hashes: { UCI: 'x' } }, { entries: [{ hashType: 'NOPE', hashes: [] }] }]) {
      expect(() => parseRevocationList(bad, { source: 'bad' })).toThrow(expect.objectContaining({ code: 'REVOCATION_LIST_INVALID' }))
    }
  })

  it('merges lists', async () => {
    const a = await revocationHashes(certificate)
    const b = await revocationHashes(other)
    const merged = mergeRevocationLists([
      createRevocationList({ UCI: [a.uci] }, ['own']),
      createRevocationList({ SIGNATURE: [b.signature] }, ['peer']),
    ])
    expect(merged.sources).toEqual(['own', 'peer'])
    expect(merged.size).toBe(2)
    expect(await merged.match(certificate)).toBe('UCI')
    expect(await merged.match(other)).toBe('SIGNATURE')
    expect(await merged.match({ uvci: 'URN:UVCI:01:XX:NONE#A' })).toBeUndefined()
  })
})
