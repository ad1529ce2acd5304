// The HCERT primitives the Worker uses, chosen from measurements inside workerd (nodejs_compat):
// - ES256 signing: crypto.subtle, ≈ 22 µs, against ≈ 126 µs for node:crypto.sign, which in workerd
//   re-reads the PEM on every call (a KeyObject with dsaEncoding throws there);
// - verification: crypto.subtle; node:crypto.verify throws ERR_INVALID_ARG_TYPE in workerd for the
//   KeyObject that primitives-node.ts derives from a CryptoKey;
// - deflate and inflate: node:zlib, ≈ 8 µs against ≈ 256 µs for pako on a 400-byte payload. Past
//   maxOutputLength workerd's inflateSync throws RangeError('Memory limit exceeded') instead of Node's
//   ERR_BUFFER_TOO_LARGE: it is mapped to InflateLimitError so the codec answers HCERT_TOO_LARGE.
import { InflateLimitError, type Primitives } from '../../platform/primitives.ts'
import { nodePrimitives } from '../node/primitives.ts'
import { webPrimitives } from '../../platform/primitives-web.ts'

export const workerPrimitives: Primitives = {
  name: 'workerd',
  deflate: nodePrimitives.deflate,
  inflate(data, maxBytes) {
    try {
      return nodePrimitives.inflate(data, maxBytes)
    } catch (error) {
      if (error instanceof RangeError && /memory limit|too large|maxOutputLength/i.test(error.message))
        throw new InflateLimitError('inflated size over limit')
      throw error
    }
  },
  verify: webPrimitives.verify,
  createEs256Signer: webPrimitives.createEs256Signer,
}
