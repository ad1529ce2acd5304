// CWT claims (RFC 8392) of an HCERT: 1 iss, 4 exp, 6 iat, -260 hcert → {1: DCC}. Dates may arrive as
// integers, as floats, or tagged (tag 1, which the CBOR layer already turns into Date).
import { cborToJson, decodeCbor, encodeCbor } from './cbor.ts'
import { HcertError } from './errors.ts'

export interface CwtClaims {
  readonly iss: string | undefined
  /** Seconds since the epoch. */
  readonly iat: number | undefined
  readonly exp: number | undefined
  readonly dcc: unknown
}

const ISS = 1
const EXP = 4
const IAT = 6
const HCERT = -260
const EU_DCC_V1 = 1

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) return Math.floor(value.getTime() / 1000)
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value)
  throw new HcertError('HCERT_CWT', `${name} is not a date`)
}

export function decodeCwt(bytes: Uint8Array): CwtClaims {
  const claims = decodeCbor(bytes)
  if (!(claims instanceof Map)) throw new HcertError('HCERT_CWT', 'CWT claims are not a map')
  const iss = claims.get(ISS)
  if (iss !== undefined && typeof iss !== 'string') throw new HcertError('HCERT_CWT', 'iss is not text')
  const hcert = claims.get(HCERT)
  if (!(hcert instanceof Map)) throw new HcertError('HCERT_CWT', 'hcert claim (-260) missing or not a map')
  const dcc = hcert.get(EU_DCC_V1)
  if (!(dcc instanceof Map)) throw new HcertError('HCERT_CWT', 'EU DCC (-260/1) missing or not a map')
  return { iss, iat: seconds(claims.get(IAT), 'iat'), exp: seconds(claims.get(EXP), 'exp'), dcc: cborToJson(dcc) }
}

/** CWT claims in deterministic key order 1, 4, 6, -260; dates as integer seconds. */
export function encodeCwt(claims: { iss: string; iat: number; exp: number; dcc: unknown }): Uint8Array {
  return encodeCbor(
    new Map<number, unknown>([
      [ISS, claims.iss],
      [EXP, claims.exp],
      [IAT, claims.iat],
      [HCERT, new Map([[EU_DCC_V1, claims.dcc]])],
    ]),
  )
}
