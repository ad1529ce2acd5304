// What each EXPECTEDRESULTS flag means (dgc-testdata README), as a check that says whether the step
// succeeds on this vector; undefined when the vector lacks the fields the step needs.
import { validateDcc } from '../../src/dcc/schema.ts'
import { decodeBase45 } from '../../src/hcert/base45.ts'
import { cborToJson, decodeCbor, encodeCbor } from '../../src/hcert/cbor.ts'
import { certificateType } from '../../src/hcert/certificate-type.ts'
import { checkExpiry, checkKeyUsage } from '../../src/hcert/checks.ts'
import type { DecodedHcert } from '../../src/hcert/decode.ts'
import { decodeCose, decodeHc1 } from '../../src/hcert/decode.ts'
import { stripPrefix } from '../../src/hcert/prefix.ts'
import { verifySignature } from '../../src/hcert/signature.ts'
import { inflateZlib } from '../../src/hcert/zlib.ts'
import { importDsc } from '../../src/trust/dsc.ts'
import type { TrustedKey } from '../../src/hcert/trusted-key.ts'
import { bytesEqual, jsonEqual } from './json-equal.ts'
import type { Flag, Vector } from './vector.ts'

type Check = (vector: Vector) => Promise<boolean | undefined> | boolean | undefined

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function decodedCose(vector: Vector): DecodedHcert | undefined {
  return vector.cose ? attempt(() => decodeCose(vector.cose!)) : undefined
}

/** The DCC in the CBOR field as JSON values: files hold either the bare payload or the whole CWT. */
function cborPayload(vector: Vector): unknown {
  if (!vector.cbor) return undefined
  return attempt(() => {
    const item = decodeCbor(vector.cbor!)
    const hcert = item instanceof Map ? item.get(-260) : undefined
    return cborToJson(hcert instanceof Map ? hcert.get(1) : item)
  })
}

const keys = new Map<string, Promise<TrustedKey | undefined>>()
function dscOf(vector: Vector): Promise<TrustedKey | undefined> {
  const certificate = vector.certificate
  if (!certificate) return Promise.resolve(undefined)
  let key = keys.get(certificate)
  if (!key) {
    key = importDsc(certificate, { source: 'vector' }).catch(() => undefined)
    keys.set(certificate, key)
  }
  return key
}

async function verifiedKey(vector: Vector): Promise<TrustedKey | undefined> {
  const decoded = decodedCose(vector)
  const key = await dscOf(vector)
  if (!decoded || !key) return undefined
  // As a verifier would: the DSC is found only through the kid of the COSE headers (CO22, CO23 test this).
  return verifySignature(decoded, (kid) => (bytesEqual(kid, key.kid) ? [key] : [])).catch(() => undefined)
}

export const CHECKS: Record<Flag, Check> = {
  EXPECTEDVALIDOBJECT: (v) => (v.json === undefined ? undefined : validateDcc(v.json).valid),
  EXPECTEDSCHEMAVALIDATION(v) {
    const payload = decodedCose(v)?.payload ?? v.json
    if (payload === undefined) return v.cose ? false : undefined
    return validateDcc(payload).valid
  },
  EXPECTEDENCODE(v) {
    if (v.json === undefined || !v.cbor) return undefined
    const ours = attempt(() => cborToJson(decodeCbor(encodeCbor(v.json))))
    return ours !== undefined && jsonEqual(ours, cborPayload(v))
  },
  EXPECTEDDECODE(v) {
    if (!v.cose && !v.cbor) return undefined
    const fromCose = decodedCose(v)?.payload
    if (v.cose && fromCose === undefined) return false
    const fromCbor = cborPayload(v)
    if (v.cbor && fromCbor === undefined) return false
    if (fromCose !== undefined && fromCbor !== undefined && !jsonEqual(fromCose, fromCbor)) return false
    return v.json === undefined || jsonEqual(fromCose ?? fromCbor, v.json)
  },
  EXPECTEDVERIFY: async (v) => (v.cose && v.certificate ? (await verifiedKey(v)) !== undefined : undefined),
  EXPECTEDCOMPRESSION(v) {
    if (!v.compressed || !v.cose) return undefined
    const inflated = attempt(() => inflateZlib(v.compressed!))
    return inflated !== undefined && bytesEqual(inflated, v.cose)
  },
  async EXPECTEDKEYUSAGE(v) {
    // The usage OIDs of TESTCTX.CERTIFICATE against the payload's type, whether or not that DSC signed it
    // (PL */6: a vaccination signed by another DSC fails EXPECTEDVERIFY but meets EXPECTEDKEYUSAGE).
    if (!v.cose || !v.certificate) return undefined
    const key = await dscOf(v)
    const decoded = decodedCose(v)
    if (!key || !decoded) return false
    const type = certificateType(decoded.payload)
    return attempt(() => (checkKeyUsage(key, type), true)) ?? false
  },
  EXPECTEDUNPREFIX(v) {
    if (v.prefix === undefined || v.base45 === undefined) return undefined
    return attempt(() => stripPrefix(v.prefix!) === v.base45) ?? false
  },
  EXPECTEDVALIDJSON(v) {
    if (v.prefix === undefined || v.json === undefined) return undefined
    const decoded = attempt(() => decodeHc1(v.prefix!))
    return decoded !== undefined && jsonEqual(decoded.payload, v.json)
  },
  EXPECTEDB45DECODE(v) {
    if (v.base45 === undefined || !v.compressed) return undefined
    const bytes = attempt(() => decodeBase45(v.base45!))
    return bytes !== undefined && bytesEqual(bytes, v.compressed)
  },
  EXPECTEDEXPIRATIONCHECK(v) {
    const decoded = decodedCose(v) ?? (v.prefix ? attempt(() => decodeHc1(v.prefix!)) : undefined)
    if (!v.clock) return undefined
    if (!decoded) return false
    return attempt(() => (checkExpiry(decoded, v.clock!), true)) ?? false
  },
}
