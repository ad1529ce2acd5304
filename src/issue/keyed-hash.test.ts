import { describe, expect, it } from 'vitest'
import { canonicalJson, createKeyedHasher } from './keyed-hash.ts'

describe('keyed hashes', () => {
  it('are stable per key, purpose and data, and differ across each', async () => {
    const a = await createKeyedHasher(new Uint8Array(32).fill(1))
    const b = await createKeyedHasher(new Uint8Array(32).fill(2))
    const h = await a.hash('source', 'ru-gosuslugi:unrz:1234')
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await a.hash('source', 'ru-gosuslugi:unrz:1234')).toBe(h)
    expect(await a.hash('event', 'ru-gosuslugi:unrz:1234')).not.toBe(h)
    expect(await b.hash('source', 'ru-gosuslugi:unrz:1234')).not.toBe(h)
    expect(h).not.toContain('1234')
  })

  it('gives the HMAC-SHA-256 of purpose NUL data, base64url (pinned values)', async () => {
    const a = await createKeyedHasher(new Uint8Array(32).fill(1))
    expect(await a.hash('source', 'ru-gosuslugi:unrz:1234')).toBe('2hmGH8cuPayLqr_y4yBCBpvDuAENYZx5KXf0K2itjIA')
    expect(await a.hash('', '')).toBe('xxDKt0rC54Ugex8npKeyVBQxFyTwmAnQsRhor1iWSaw')
    // a key longer than the 64-byte HMAC block is hashed first
    const long = await createKeyedHasher(new Uint8Array(100).map((_, i) => i))
    expect(await long.hash('event', 'x')).toBe('uIlobubPdhCRp2pJLaxc4hKyOVRH052R3ZAMc5PLwXs')
  })

  it('refuses a short key', async () => {
    await expect(createKeyedHasher(new Uint8Array(16))).rejects.toThrow(/32 bytes/)
  })

  it('serialises objects with sorted keys and without undefined members', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }] })).toBe('{"a":[2,{"c":"x"}],"b":1}')
  })
})
