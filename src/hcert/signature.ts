// Signature verification of a decoded HCERT against the keys a resolver returns for its kid. Kids
// are 8 bytes and do collide, so every candidate key is tried.
import type { KeyResolver, TrustedKey } from './trusted-key.ts'
import { sigStructure } from './cose.ts'
import type { DecodedHcert } from './decode.ts'
import { HcertError } from './errors.ts'
import { primitives } from '../platform/primitives.ts'
import { ES256, PS256 } from '../platform/signer.ts'

/** Returns the key that verified the signature; throws HCERT_ALGORITHM, HCERT_KID_UNKNOWN or HCERT_SIGNATURE. */
export async function verifySignature(decoded: DecodedHcert, keys: KeyResolver): Promise<TrustedKey> {
  const { alg, kid, cose } = decoded
  if (alg !== ES256 && alg !== PS256) throw new HcertError('HCERT_ALGORITHM', `unsupported COSE algorithm ${String(alg)}`)
  if (!kid || kid.length === 0) throw new HcertError('HCERT_KID_UNKNOWN', 'no kid in the COSE headers')
  const candidates = (await keys(kid)).filter((key) => key.algorithm === alg)
  if (candidates.length === 0) throw new HcertError('HCERT_KID_UNKNOWN', 'no trusted key for this kid')
  const data = sigStructure(cose.protectedBytes, cose.payload)
  for (const key of candidates) {
    let valid = false
    try {
      valid = await primitives().verify(alg, key.publicKey, cose.signature, data)
    } catch {
      valid = false // a malformed signature or a key of the wrong shape verifies nothing
    }
    if (valid) return key
  }
  throw new HcertError('HCERT_SIGNATURE', 'signature does not verify')
}
