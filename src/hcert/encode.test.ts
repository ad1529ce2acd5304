import { describe, expect, it } from 'vitest'
import { testKey, sampleDcc } from '../../test/hcert/keys.ts'
import { decodeBase45 } from './base45.ts'
import { decodeCbor } from './cbor.ts'
import { decodeHc1 } from './decode.ts'
import { encodeHc1 } from './encode.ts'
import { primitives, usePrimitives } from '../platform/primitives.ts'
import { webPrimitives } from '../platform/primitives-web.ts'
import { nodePrimitives } from '../runtime/node/primitives.ts'
import { verifySignature } from './signature.ts'
import type { Tag } from './cbor.ts'

const iat = new Date('2021-06-02T00:00:00Z')
const exp = new Date('2022-06-02T00:00:00Z')

describe('encodeHc1', () => {
  it('produces an HC1 text whose COSE is tag 18 with protected {1: -7, 4: kid} and an empty unprotected map', async () => {
    const key = await testKey()
    const hc1 = await encodeHc1(sampleDcc, { signer: key.signer, iss: 'RU', iat, exp })
    expect(hc1.startsWith('HC1:')).toBe(true)
    const cose = primitives().inflate(decodeBase45(hc1.slice(4)), 10_000)
    expect(cose[0]).toBe(0xd2) // tag 18
    const item = decodeCbor(cose) as InstanceType<typeof Tag>
    const [protectedBytes, unprotected, , signature] = item.value as [Uint8Array, Map<unknown, unknown>, Uint8Array, Uint8Array]
    expect(Array.from(protectedBytes)).toEqual([0xa2, 0x01, 0x26, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(unprotected.size).toBe(0)
    expect(signature.length).toBe(64)
  })

  it('round-trips through decodeHc1 and verifies against the signing key', async () => {
    const key = await testKey()
    const hc1 = await encodeHc1(sampleDcc, { signer: key.signer, iss: 'RU', iat, exp })
    const decoded = decodeHc1(hc1)
    expect(decoded).toMatchObject({ iss: 'RU', iat: iat.getTime() / 1000, exp: exp.getTime() / 1000, alg: -7, payload: sampleDcc })
    expect(await verifySignature(decoded, () => [key.trusted])).toBe(key.trusted)
  })

  it('is verifiable across primitives: node-signed verifies on web and web-signed on node', async () => {
    const previous = primitives()
    try {
      for (const [signWith, verifyWith] of [
        [nodePrimitives, webPrimitives],
        [webPrimitives, nodePrimitives],
      ] as const) {
        usePrimitives(signWith)
        const key = await testKey()
        const hc1 = await encodeHc1(sampleDcc, { signer: key.signer, iss: 'RU', iat, exp })
        usePrimitives(verifyWith)
        expect((await verifySignature(decodeHc1(hc1), () => [key.trusted])).source).toBe('test')
      }
    } finally {
      usePrimitives(previous)
    }
  })

  it('tries every key with a colliding kid and rejects a wrong signature', async () => {
    const right = await testKey()
    const other = await testKey()
    const hc1 = await encodeHc1(sampleDcc, { signer: right.signer, iss: 'RU', iat, exp })
    const decoded = decodeHc1(hc1)
    expect(await verifySignature(decoded, () => [other.trusted, right.trusted])).toBe(right.trusted)
    await expect(verifySignature(decoded, () => [other.trusted])).rejects.toMatchObject({ code: 'HCERT_SIGNATURE' })
    await expect(verifySignature(decoded, () => [])).rejects.toMatchObject({ code: 'HCERT_KID_UNKNOWN' })
  })

  it('refuses exp not after iat', async () => {
    const key = await testKey()
    await expect(encodeHc1(sampleDcc, { signer: key.signer, iss: 'RU', iat: exp, exp: iat })).rejects.toMatchObject({
      code: 'HCERT_ENCODE',
    })
  })
})
