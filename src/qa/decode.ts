// QA of the decoding stages: prefix → base45 → zlib → COSE_Sign1 → CWT, each its own check, plus the
// lenient cases the HCERT specification lets decoders accept (whitespace, no compression, CWT tag 61
// or no tag, kid in the unprotected header, tagged or fractional dates), each saying which leniency
// was needed. A failing stage ends the chain: later stages are not reported.
import { decodeBase45 } from '../hcert/base45.ts'
import { Tag, decodeCbor } from '../hcert/cbor.ts'
import { decodeCoseSign1, type CoseSign1 } from '../hcert/cose.ts'
import { decodeCwt } from '../hcert/cwt.ts'
import type { DecodedHcert } from '../hcert/decode.ts'
import { HC1_PREFIX } from '../hcert/prefix.ts'
import { inflateZlib, looksLikeCose } from '../hcert/zlib.ts'
import { check } from './catalogue.ts'
import type { CheckResult } from './types.ts'

export interface DecodeOutcome {
  readonly checks: CheckResult[]
  readonly decoded?: DecodedHcert
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : 'unreadable'
}

export function decodeChecks(text: string): DecodeOutcome {
  const checks: CheckResult[] = []
  const trimmed = text.trim()
  if (!trimmed.startsWith(HC1_PREFIX)) {
    const start = trimmed.slice(0, 4).replace(/[^\x20-\x7e]/g, '?')
    checks.push(check('DECODE_PREFIX', false, `the text starts with "${start}", not "HC1:"`))
    return { checks }
  }
  checks.push(check('DECODE_PREFIX', true, 'starts with HC1:'))
  checks.push(
    check(
      'DECODE_LENIENT_WHITESPACE',
      trimmed === text,
      trimmed === text ? 'no surrounding whitespace' : 'leniency needed: whitespace around the text was trimmed',
    ),
  )

  let bytes: Uint8Array
  try {
    bytes = decodeBase45(trimmed.slice(HC1_PREFIX.length))
  } catch (error) {
    checks.push(check('DECODE_BASE45', false, reason(error)))
    return { checks }
  }
  checks.push(check('DECODE_BASE45', true, `${bytes.length} bytes`))

  let coseBytes: Uint8Array
  const compressed = !looksLikeCose(bytes)
  if (compressed) {
    try {
      coseBytes = inflateZlib(bytes)
    } catch (error) {
      checks.push(check('DECODE_ZLIB', false, reason(error)))
      return { checks }
    }
    checks.push(check('DECODE_ZLIB', true, `${bytes.length} → ${coseBytes.length} bytes`))
    checks.push(check('DECODE_LENIENT_UNCOMPRESSED', true, 'compressed'))
  } else {
    coseBytes = bytes
    checks.push(check('DECODE_LENIENT_UNCOMPRESSED', false, 'leniency needed: the COSE structure is not zlib-compressed'))
  }

  let cose: CoseSign1
  try {
    cose = decodeCoseSign1(coseBytes)
  } catch (error) {
    checks.push(check('DECODE_COSE', false, reason(error)))
    return { checks }
  }
  checks.push(check('DECODE_COSE', true, `COSE_Sign1, alg ${String(cose.alg)}`), ...coseLeniency(coseBytes))
  let decoded: DecodedHcert
  try {
    const claims = decodeCwt(cose.payload)
    decoded = { iss: claims.iss, iat: claims.iat, exp: claims.exp, kid: cose.kid, alg: cose.alg, payload: claims.dcc, cose, compressed }
  } catch (error) {
    checks.push(check('DECODE_CWT', false, reason(error)))
    return { checks }
  }
  const kidProtected = decoded.cose.protectedHeader.has(4) && decoded.cose.protectedHeader.has(1)
  checks.push(
    check(
      'DECODE_LENIENT_KID_UNPROTECTED',
      kidProtected,
      kidProtected ? 'kid and alg protected' : 'leniency needed: kid or alg only in the unprotected header (not covered by the signature)',
    ),
  )
  checks.push(check('DECODE_CWT', true, 'CWT with the EU DCC at -260/1'))
  checks.push(dateLeniency(decoded.cose.payload))
  const { iat, exp } = decoded
  const timesOk = iat !== undefined && exp !== undefined && exp > iat
  checks.push(
    check(
      'CWT_TIMES',
      timesOk,
      iat === undefined || exp === undefined
        ? `the CWT lacks ${iat === undefined ? 'iat' : ''}${iat === undefined && exp === undefined ? ' and ' : ''}${exp === undefined ? 'exp' : ''}`
        : timesOk
          ? `valid ${new Date(iat * 1000).toISOString()} … ${new Date(exp * 1000).toISOString()}`
          : 'exp is not after iat',
    ),
  )
  return { checks, decoded }
}

function coseLeniency(coseBytes: Uint8Array): CheckResult[] {
  let item: unknown
  try {
    item = decodeCbor(coseBytes)
  } catch {
    return []
  }
  if (item instanceof Tag && item.tag === 18) return [check('DECODE_LENIENT_COSE_TAG', true, 'tag 18')]
  const what = item instanceof Tag && item.tag === 61 ? 'wrapped in the CWT tag 61' : 'untagged'
  return [check('DECODE_LENIENT_COSE_TAG', false, `leniency needed: COSE_Sign1 ${what}`)]
}

function dateLeniency(payload: Uint8Array): CheckResult {
  let claims: unknown
  try {
    claims = decodeCbor(payload)
  } catch {
    return check('DECODE_LENIENT_CWT_DATES', false, 'claims unreadable')
  }
  const odd = [6, 4].filter((key) => {
    const value = claims instanceof Map ? claims.get(key) : undefined
    return value !== undefined && !Number.isInteger(value)
  })
  if (odd.length === 0) return check('DECODE_LENIENT_CWT_DATES', true, 'integer seconds')
  const names = odd.map((key) => (key === 6 ? 'iat' : 'exp')).join(' and ')
  return check('DECODE_LENIENT_CWT_DATES', false, `leniency needed: ${names} not integer seconds (tagged or fractional)`)
}
