// The Worker's HCERT primitives inside workerd: what one signs the other verifies, high-S included,
// and deflate/inflate round-trip with the inflate cap enforced. (node:crypto.verify, the Node
// default, throws in workerd for a KeyObject made from a CryptoKey: see src/runtime/workerd/primitives.ts.)
import { describe, expect, it } from 'vitest'
import { InflateLimitError, usePrimitives } from '../../src/platform/primitives.ts'
import { inflateZlib } from '../../src/hcert/zlib.ts'
import { MAX_INFLATED_BYTES } from '../../src/hcert/limits.ts'
import { nodePrimitives } from '../../src/runtime/node/primitives.ts'
import { toPem } from '../../src/platform/bytes.ts'
import { workerPrimitives } from '../../src/runtime/workerd/primitives.ts'

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

function highS(signature: Uint8Array): Uint8Array {
  const s = BigInt('0x' + [...signature.slice(32)].map((b) => b.toString(16).padStart(2, '0')).join(''))
  const flipped = (P256_N - s).toString(16).padStart(64, '0')
  const out = signature.slice()
  for (let i = 0; i < 32; i++) out[32 + i] = parseInt(flipped.slice(i * 2, i * 2 + 2), 16)
  return out
}

describe('workerPrimitives in workerd', () => {
  it('verifies its own ES256 signatures and their high-S twins, and refuses a tampered message', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const pem = toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)))
    const data = new TextEncoder().encode('Sig_structure')
    const signature = await workerPrimitives.createEs256Signer({ privateKeyPem: pem, kid: new Uint8Array(8) }).sign(data)
    expect(signature.length).toBe(64)
    expect(await workerPrimitives.verify(-7, keys.publicKey, signature, data)).toBe(true)
    expect(await workerPrimitives.verify(-7, keys.publicKey, highS(signature), data)).toBe(true)
    expect(await workerPrimitives.verify(-7, keys.publicKey, signature, new TextEncoder().encode('Sig_structurf'))).toBe(false)
    // node:crypto signing (PEM form) also works here, and workerd verifies it
    const nodeSignature = await nodePrimitives.createEs256Signer({ privateKeyPem: pem, kid: new Uint8Array(8) }).sign(data)
    expect(await workerPrimitives.verify(-7, keys.publicKey, nodeSignature, data)).toBe(true)
  })

  it('round-trips deflate and inflate, and refuses output past the cap', () => {
    const data = new TextEncoder().encode('{"v":[{"dn":2,"sd":2}]}'.repeat(40))
    const packed = workerPrimitives.deflate(data)
    expect(packed[0]).toBe(0x78)
    expect(workerPrimitives.inflate(packed, data.length)).toEqual(data)
    expect(() => workerPrimitives.inflate(packed, data.length - 1)).toThrow(InflateLimitError)
    expect(() => workerPrimitives.inflate(packed.slice(0, 12), data.length)).toThrow()
    expect(() => workerPrimitives.inflate(packed.slice(0, 12), data.length)).not.toThrow(InflateLimitError)
  })

  it('answers HCERT_TOO_LARGE through the codec for a zlib bomb', async () => {
    usePrimitives(workerPrimitives)
    const bomb = workerPrimitives.deflate(new Uint8Array(MAX_INFLATED_BYTES + 1))
    expect(() => inflateZlib(bomb)).toThrow(expect.objectContaining({ code: 'HCERT_TOO_LARGE' }))
  })
})
