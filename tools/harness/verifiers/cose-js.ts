// A second independent verifier, written here the way the EU's reference JavaScript does it: base45
// (base45.ts beside this file), node:zlib, the `cbor` package and cose-js, with the DSC taken from the
// gateway-shaped trust list the service publishes (rawData, read with node:crypto's X509Certificate).
// It checks, in order: prefix and decoding, alg ES256, that the list's kid is the first 8 bytes of
// SHA-256 of the DSC's DER, the DSC's validity, the COSE signature, and the CWT's iat/exp at the clock.
// Nothing of the project's codec or trust code is used.
import { X509Certificate, createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import { HarnessError } from '../errors.ts'
import { base45Decode } from './base45.ts'
import type { HarnessVerifier } from './types.ts'

const require = createRequire(import.meta.url)

interface Libraries {
  cbor: { decodeFirstSync(input: Uint8Array): any }
  cose: { sign: { verify(message: Uint8Array, verifier: { key: { x: Buffer; y: Buffer } }): Promise<unknown> } }
}

function loadLibraries(): Libraries {
  try {
    return { cbor: require('cbor'), cose: require('cose-js') }
  } catch (error) {
    throw new HarnessError(
      'HARNESS_VERIFIER_MISSING',
      'the independent verifier needs the dev dependencies cbor and cose-js: run `npm ci`',
      { cause: error },
    )
  }
}

interface Dsc {
  readonly der: Buffer
  readonly certificate: X509Certificate
}

const SKEW_SECONDS = 300

export function createCoseJsVerifier(trustList: unknown): HarnessVerifier {
  const { cbor, cose } = loadLibraries()
  const dscs = new Map<string, Dsc[]>()
  const entries = (trustList as { certificates?: Array<{ kid?: unknown; rawData?: unknown }> })?.certificates ?? []
  for (const entry of entries) {
    if (typeof entry.kid !== 'string' || typeof entry.rawData !== 'string') continue
    const der = Buffer.from(entry.rawData, 'base64')
    dscs.set(entry.kid, [...(dscs.get(entry.kid) ?? []), { der, certificate: new X509Certificate(der) }])
  }
  return {
    name: 'cose-js',
    async verify(hc1, at) {
      if (!hc1.startsWith('HC1:')) return 'PREFIX'
      let coseBytes: Buffer
      let message: any
      try {
        coseBytes = inflateSync(base45Decode(hc1.slice(4)))
        message = cbor.decodeFirstSync(coseBytes)
      } catch {
        return 'DECODE_FAILED'
      }
      const parts = message?.tag === 18 ? message.value : message
      if (!Array.isArray(parts) || parts.length !== 4) return 'COSE_MALFORMED'
      const [protectedBytes, unprotected, payload, signature] = parts as [Buffer, Map<number, unknown>, Buffer, Buffer]
      const headers: Map<number, unknown> = protectedBytes.length > 0 ? cbor.decodeFirstSync(protectedBytes) : new Map()
      if (headers.get(1) !== -7) return 'ALGORITHM_UNSUPPORTED'
      const kidBytes = (headers.get(4) ?? unprotected?.get?.(4)) as Buffer | undefined
      if (!kidBytes || signature.length !== 64) return 'COSE_MALFORMED'
      const kid = Buffer.from(kidBytes).toString('base64')
      const candidates = dscs.get(kid) ?? []
      if (candidates.length === 0) return 'KID_UNKNOWN'
      let lastFailure = 'SIGNATURE_INVALID'
      for (const dsc of candidates) {
        if (!createHash('sha256').update(dsc.der).digest().subarray(0, 8).equals(kidBytes)) {
          lastFailure = 'KID_MISMATCH'
          continue
        }
        if (at < new Date(dsc.certificate.validFrom) || at > new Date(dsc.certificate.validTo)) {
          lastFailure = 'DSC_NOT_VALID'
          continue
        }
        const jwk = dsc.certificate.publicKey.export({ format: 'jwk' })
        if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
          lastFailure = 'ALGORITHM_UNSUPPORTED'
          continue
        }
        try {
          await cose.sign.verify(coseBytes, { key: { x: Buffer.from(jwk.x, 'base64url'), y: Buffer.from(jwk.y, 'base64url') } })
        } catch {
          lastFailure = 'SIGNATURE_INVALID'
          continue
        }
        return checkClaims(cbor.decodeFirstSync(payload), at)
      }
      return lastFailure
    },
  }
}

function checkClaims(claims: unknown, at: Date): string {
  if (!(claims instanceof Map)) return 'CWT_MALFORMED'
  const iat = claims.get(6)
  const exp = claims.get(4)
  const hcert = claims.get(-260)
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    !(hcert instanceof Map) ||
    typeof hcert.get(1) !== 'object' ||
    hcert.get(1) === null
  )
    return 'CWT_MALFORMED'
  const now = at.getTime() / 1000
  if (now + SKEW_SECONDS < iat) return 'NOT_YET_VALID'
  if (now >= exp) return 'EXPIRED'
  return 'VALID'
}
