// The one module that touches cbor-x. HCERT needs cbor-x configured against its defaults (DESIGN.md
// §4): no tag 259 around maps, no tag 64 on byte strings, minimal map lengths; and decoding keeps Maps
// so integer keys (1, 4, -260) survive. We import the "index-no-eval" build: the default build compiles
// record readers with `new Function`, reachable from hostile input through cbor-x's record tags
// (0xdfff...), and Workers forbid it; the no-eval build never compiles code.
import { Decoder, Encoder } from 'cbor-x/index-no-eval'
import { checkCborDepth } from './cbor-depth.ts'
import { HcertError } from './errors.ts'
import { MAX_CBOR_DEPTH } from './limits.ts'

export { Tag } from 'cbor-x/index-no-eval'

// useTag259ForMaps is honoured by cbor-x's encoder but missing from its typings.
const encoderOptions = {
  useRecords: false,
  mapsAsObjects: true,
  useTag259ForMaps: false,
  variableMapSize: true,
  tagUint8Array: false,
  pack: false,
}
const encoder = new Encoder(encoderOptions as ConstructorParameters<typeof Encoder>[0])

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false })

export function encodeCbor(value: unknown): Uint8Array {
  return encoder.encode(value)
}

/** Decodes one CBOR item; throws HCERT_CBOR (or HCERT_TOO_LARGE for deep nesting) on any failure. */
export function decodeCbor(bytes: Uint8Array): unknown {
  checkCborDepth(bytes, MAX_CBOR_DEPTH)
  try {
    return decoder.decode(bytes)
  } catch (error) {
    throw new HcertError('HCERT_CBOR', 'malformed CBOR', { cause: error })
  }
}

/** Turns decoded CBOR (Maps with text keys, arrays, scalars) into plain JSON-like values. */
export function cborToJson(value: unknown): unknown {
  if (value instanceof Map) {
    const object: Record<string, unknown> = {}
    for (const [key, item] of value) {
      if (typeof key !== 'string') throw new HcertError('HCERT_CBOR', 'payload map key is not text')
      if (key === '__proto__') continue
      object[key] = cborToJson(item)
    }
    return object
  }
  if (Array.isArray(value)) return value.map(cborToJson)
  // A tagged date-time (tag 0/1) inside the payload becomes RFC 3339 text, whole seconds without ".000".
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z')
  if (value instanceof Uint8Array) throw new HcertError('HCERT_CBOR', 'byte string inside the payload')
  if (value !== null && typeof value === 'object') throw new HcertError('HCERT_CBOR', 'unsupported CBOR item inside the payload')
  return value
}
