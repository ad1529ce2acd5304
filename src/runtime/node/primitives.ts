// Primitives on node:crypto and node:zlib: the only file of the codec allowed `node:` imports. On
// Workers (nodejs_compat) node:crypto.sign accepts a PEM string with dsaEncoding but throws for a
// KeyObject with dsaEncoding, so the signer probes the KeyObject form once and falls back to the PEM.
import { KeyObject, constants, createHash, createHmac, createPrivateKey, sign, verify } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import type { Hashing, Primitives } from '../../platform/primitives-types.ts'
import { InflateLimitError } from '../../platform/primitives-types.ts'
import type { CoseAlgorithm, Signer } from '../../platform/signer.ts'

const keyObjects = new WeakMap<CryptoKey, KeyObject>()

function keyObjectOf(key: CryptoKey): KeyObject {
  let object = keyObjects.get(key)
  if (!object) {
    object = KeyObject.from(key)
    keyObjects.set(key, object)
  }
  return object
}

function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function createEs256Signer({ privateKeyPem, kid }: { privateKeyPem: string; kid: Uint8Array }): Signer {
  let key: KeyObject | string = privateKeyPem
  try {
    const object = createPrivateKey(privateKeyPem)
    sign('sha256', new Uint8Array(1), { key: object, dsaEncoding: 'ieee-p1363' })
    key = object
  } catch {
    key = privateKeyPem // runtimes that refuse a KeyObject with dsaEncoding
  }
  const signingKey = key
  return {
    kid,
    algorithm: -7,
    sign: async (data) =>
      view(
        typeof signingKey === 'string'
          ? sign('sha256', data, { key: signingKey, dsaEncoding: 'ieee-p1363' })
          : sign('sha256', data, { key: signingKey, dsaEncoding: 'ieee-p1363' }),
      ),
  }
}

// Synchronous hashing: no WebCrypto job, no thread-pool hop (≈ 1-2 µs against ≈ 20-50 µs for
// crypto.subtle on Node, see tools/bench/hashing.ts). createHmac with the raw key bytes is as fast as with
// a KeyObject from createSecretKey and needs no KeyObject support from the runtime.
const sha256 = (data: Uint8Array): Uint8Array => view(createHash('sha256').update(data).digest())

export const nodeHashing: Hashing = {
  sha256,
  createHmacSha256(key) {
    // RFC 2104: a key longer than the 64-byte block is replaced by its hash; done once here.
    const prepared = key.length > 64 ? sha256(key) : key.slice()
    return (data) => view(createHmac('sha256', prepared).update(data).digest())
  },
}

export const nodePrimitives: Primitives = {
  name: 'node',
  // The default 32 KiB window on purpose: a smaller one would save ≈ 3 µs but change the zlib header
  // from 0x78, which several verifiers test to tell compressed certificates from uncompressed ones.
  deflate: (data, level = 9) => view(deflateSync(data, { level })),
  inflate(data, maxBytes) {
    try {
      return view(inflateSync(data, { maxOutputLength: maxBytes }))
    } catch (error) {
      // Node says ERR_BUFFER_TOO_LARGE past maxOutputLength; workerd throws RangeError('Memory limit exceeded').
      if (
        (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
        (error instanceof RangeError && /memory limit/i.test(error.message))
      ) {
        throw new InflateLimitError('inflated size over limit')
      }
      throw error
    }
  },
  async verify(algorithm: CoseAlgorithm, key, signature, data) {
    const object = keyObjectOf(key)
    if (algorithm === -7) {
      if (signature.length !== 64) return false
      return verify('sha256', data, { key: object, dsaEncoding: 'ieee-p1363' }, signature)
    }
    return verify('sha256', data, { key: object, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)
  },
  createEs256Signer,
  ...nodeHashing,
}
