// HC1 text → decoded HCERT, without any trust decision: prefix → base45 → zlib → COSE_Sign1 → CWT.
import { decodeBase45 } from './base45.ts'
import type { CoseSign1 } from './cose.ts'
import { decodeCoseSign1 } from './cose.ts'
import { decodeCwt } from './cwt.ts'
import { stripPrefix } from './prefix.ts'
import { decompress } from './zlib.ts'

export interface DecodedHcert {
  /** Issuing country (CWT claim 1), when present. */
  readonly iss: string | undefined
  /** Issued-at and expiry, seconds since the epoch (CWT claims 6 and 4), when present. */
  readonly iat: number | undefined
  readonly exp: number | undefined
  readonly kid: Uint8Array | undefined
  readonly alg: number | undefined
  /** The DCC payload (-260/1) as plain JSON values. */
  readonly payload: unknown
  /** The raw COSE parts: signed bytes and the signature, e.g. for revocation hashes. */
  readonly cose: CoseSign1
  /** False when the QR carried an uncompressed COSE (accepted leniently). */
  readonly compressed: boolean
}

/** Decodes the COSE_Sign1 bytes (after base45 and zlib). */
export function decodeCose(bytes: Uint8Array, compressed = true): DecodedHcert {
  const cose = decodeCoseSign1(bytes)
  const claims = decodeCwt(cose.payload)
  return { iss: claims.iss, iat: claims.iat, exp: claims.exp, kid: cose.kid, alg: cose.alg, payload: claims.dcc, cose, compressed }
}

export function decodeHc1(text: string): DecodedHcert {
  const { cose, compressed } = decompress(decodeBase45(stripPrefix(text)))
  return decodeCose(cose, compressed)
}
