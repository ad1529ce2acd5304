// COSE_Sign1 (RFC 9052) as HCERT uses it: [protected bstr, unprotected map, payload bstr, signature
// bstr], tagged 18, untagged, or wrapped in the CWT tag 61. The kid may sit in either header
// (protected wins); alg likewise.
import { Tag, decodeCbor, encodeCbor } from './cbor.ts'
import { HcertError } from './errors.ts'

export interface CoseSign1 {
  /** The protected header exactly as transmitted (signed bytes). */
  readonly protectedBytes: Uint8Array
  readonly protectedHeader: ReadonlyMap<unknown, unknown>
  readonly unprotectedHeader: ReadonlyMap<unknown, unknown>
  readonly payload: Uint8Array
  readonly signature: Uint8Array
  /** COSE alg (1) from the protected header, else the unprotected one. */
  readonly alg: number | undefined
  /** kid (4) from the protected header, else the unprotected one. */
  readonly kid: Uint8Array | undefined
}

const COSE_SIGN1_TAG = 18
const CWT_TAG = 61

function unwrapTags(value: unknown): unknown {
  let item = value
  if (item instanceof Tag && item.tag === CWT_TAG) item = item.value
  if (item instanceof Tag && item.tag === COSE_SIGN1_TAG) item = item.value
  if (item instanceof Tag) throw new HcertError('HCERT_COSE', `unexpected CBOR tag ${item.tag} around COSE_Sign1`)
  return item
}

function header(value: unknown): Map<unknown, unknown> {
  if (value instanceof Map) return value
  throw new HcertError('HCERT_COSE', 'COSE header is not a map')
}

function pick(protectedHeader: Map<unknown, unknown>, unprotectedHeader: Map<unknown, unknown>, label: number): unknown {
  return protectedHeader.has(label) ? protectedHeader.get(label) : unprotectedHeader.get(label)
}

export function decodeCoseSign1(bytes: Uint8Array): CoseSign1 {
  const item = unwrapTags(decodeCbor(bytes))
  if (!Array.isArray(item) || item.length !== 4) throw new HcertError('HCERT_COSE', 'not a COSE_Sign1 array of four items')
  const [protectedBytes, unprotected, payload, signature] = item as unknown[]
  if (!(protectedBytes instanceof Uint8Array)) throw new HcertError('HCERT_COSE', 'protected header is not a byte string')
  if (!(payload instanceof Uint8Array)) throw new HcertError('HCERT_COSE', 'payload is not a byte string')
  if (!(signature instanceof Uint8Array)) throw new HcertError('HCERT_COSE', 'signature is not a byte string')
  const protectedHeader = protectedBytes.length === 0 ? new Map() : header(decodeCbor(protectedBytes))
  const unprotectedHeader = header(unprotected)
  const alg = pick(protectedHeader, unprotectedHeader, 1)
  const kid = pick(protectedHeader, unprotectedHeader, 4)
  if (alg !== undefined && typeof alg !== 'number') throw new HcertError('HCERT_COSE', 'alg is not an integer')
  if (kid !== undefined && !(kid instanceof Uint8Array)) throw new HcertError('HCERT_COSE', 'kid is not a byte string')
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, signature, alg, kid }
}

const SIGNATURE1 = new TextEncoder().encode('Signature1')

function bstrHeader(length: number): number[] {
  if (length < 24) return [0x40 | length]
  if (length < 0x100) return [0x58, length]
  if (length < 0x10000) return [0x59, length >> 8, length & 0xff]
  return [0x5a, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]
}

/** Sig_structure ["Signature1", protected, external_aad = h'', payload], assembled byte by byte. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const head = [0x84, 0x40 | 0x20 | SIGNATURE1.length]
  const p = bstrHeader(protectedBytes.length)
  const q = bstrHeader(payload.length)
  const out = new Uint8Array(head.length + SIGNATURE1.length + p.length + protectedBytes.length + 1 + q.length + payload.length)
  let o = 0
  out.set(head, o)
  o += head.length
  out.set(SIGNATURE1, o)
  o += SIGNATURE1.length
  out.set(p, o)
  o += p.length
  out.set(protectedBytes, o)
  o += protectedBytes.length
  out[o++] = 0x40 // external_aad: empty byte string
  out.set(q, o)
  o += q.length
  out.set(payload, o)
  return out
}

/** The protected header {1: alg, 4: kid} as minimal CBOR. */
export function protectedHeaderBytes(alg: number, kid: Uint8Array): Uint8Array {
  return encodeCbor(
    new Map<number, unknown>([
      [1, alg],
      [4, kid],
    ]),
  )
}

/** COSE_Sign1 tagged 18 with an empty unprotected header, assembled byte by byte (minimal lengths). */
export function encodeCoseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  const p = bstrHeader(protectedBytes.length)
  const q = bstrHeader(payload.length)
  const s = bstrHeader(signature.length)
  const out = new Uint8Array(2 + p.length + protectedBytes.length + 1 + q.length + payload.length + s.length + signature.length)
  let o = 0
  out[o++] = 0xc0 | COSE_SIGN1_TAG // tag 18
  out[o++] = 0x84 // array of 4
  for (const [head, body] of [
    [p, protectedBytes],
    [[0xa0], undefined],
    [q, payload],
    [s, signature],
  ] as const) {
    out.set(head, o)
    o += head.length
    if (body) {
      out.set(body, o)
      o += body.length
    }
  }
  return out
}
