// An independent verifier: dcc-utils (Italy's Ministero della Salute, AGPL-3.0, a dev dependency used
// by this dev tool only) decodes the HC1 with its own base45/zlib/cbor stack and checks the COSE
// signature with cose-js, against the key the service publishes in its JWKS. dcc-utils checks the
// signature only; expiry is the other columns' job.
import { createRequire } from 'node:module'
import { HarnessError } from '../errors.ts'
import type { HarnessVerifier } from './types.ts'

interface DccUtils {
  DCC: { fromRaw(raw: string): Promise<{ kid: string; checkSignature(key: { x: Buffer; y: Buffer }): Promise<unknown> }> }
}

export function loadDccUtils(require = createRequire(import.meta.url)): DccUtils {
  try {
    return require('dcc-utils') as DccUtils
  } catch (error) {
    throw new HarnessError(
      'HARNESS_VERIFIER_MISSING',
      'the independent verifier dcc-utils is not installed: run `npm ci` (it is a dev dependency of the harness)',
      { cause: error },
    )
  }
}

export interface Jwk {
  readonly kid?: unknown
  readonly kty?: unknown
  readonly x?: unknown
  readonly y?: unknown
}

export function createDccUtilsVerifier(jwks: { keys: readonly Jwk[] }, utils: DccUtils = loadDccUtils()): HarnessVerifier {
  return {
    name: 'dcc-utils',
    async verify(hc1) {
      let dcc
      try {
        dcc = await utils.DCC.fromRaw(hc1)
      } catch {
        return 'DECODE_FAILED'
      }
      const jwk = jwks.keys.find((k) => k.kid === dcc.kid && k.kty === 'EC')
      if (!jwk || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return 'KID_UNKNOWN'
      try {
        await dcc.checkSignature({ x: Buffer.from(jwk.x, 'base64url'), y: Buffer.from(jwk.y, 'base64url') })
        return 'VALID'
      } catch {
        return 'SIGNATURE_INVALID'
      }
    },
  }
}
