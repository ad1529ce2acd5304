// UVCI (eHealth Network guidelines, Annex 2): `URN:UVCI:01:<CC>:<opaque>#<check>`, <CC> the issuing
// country (the bridge's own, as in the CWT `iss`, never the source record's), where the check
// character is Luhn mod 38 over the whole identifier before '#', in the alphabet A-Z 0-9 '/' ':'.
// The bridge derives the opaque part with HMAC-SHA-256 of the source record and event (the codec's
// primitives for a raw key, crypto.subtle for a CryptoKey): the same record and event give the same
// UVCI, and the national id cannot be read back from it.
import { createHmacSha256, type HmacSha256 } from '../platform/primitives.ts'
import { DccError } from './errors.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:'
const N = ALPHABET.length // 38
const UVCI = /^URN:UVCI:(\d{2}):([A-Z]{2}):([A-Z0-9/]+)(?:#([A-Z0-9/:]))?$/
const COUNTRY = /^[A-Z]{2}$/
/** 128 bits of the HMAC, in base 36: 25 characters. */
const OPAQUE_LENGTH = 25
/** Purpose label, so an HMAC made here never equals one made for another purpose with the same key. */
const PURPOSE = 'certbridge-uvci-v1'
const encoder = new TextEncoder()

/** The Luhn mod 38 check character of `text`, or undefined if it holds a character outside the alphabet. */
export function uvciCheckCharacter(text: string): string | undefined {
  let factor = 2
  let sum = 0
  for (let i = text.length - 1; i >= 0; i--) {
    const codePoint = ALPHABET.indexOf(text.charAt(i))
    if (codePoint < 0) return undefined
    let addend = factor * codePoint
    factor = factor === 2 ? 1 : 2
    addend = Math.floor(addend / N) + (addend % N)
    sum += addend
  }
  return ALPHABET.charAt((N - (sum % N)) % N)
}

export interface ParsedUvci {
  readonly version: string
  readonly country: string
  readonly opaque: string
  /** The check character after '#', when present. */
  readonly check?: string
}

/** Splits a UVCI of the `URN:UVCI:<vv>:<CC>:<opaque>[#<check>]` form (uppercase), or undefined. */
export function parseUvci(text: string): ParsedUvci | undefined {
  if (text.length > 80) return undefined
  const match = UVCI.exec(text)
  if (!match) return undefined
  const [, version = '', country = '', opaque = '', check] = match
  return check === undefined ? { version, country, opaque } : { version, country, opaque, check }
}

/** True for a well-formed UVCI of at most 80 characters whose check character is right. */
export function isValidUvci(text: string): boolean {
  const parsed = parseUvci(text)
  if (!parsed?.check) return false
  return uvciCheckCharacter(text.slice(0, text.length - 2)) === parsed.check
}

/** Appends '#' and the check character to a UVCI body (`URN:UVCI:01:CC:opaque`). */
export function withUvciCheck(body: string): string {
  const check = uvciCheckCharacter(body)
  if (check === undefined || !parseUvci(body)) throw new DccError('DCC_UVCI', 'The UVCI body holds characters outside A-Z, 0-9 and /.')
  return `${body}#${check}`
}

export interface DeriveUvciInput {
  /**
   * ISO 3166-1 alpha-2, in uppercase, of the bridge's own issuing country: the CWT `iss` and the
   * signing DSC's `C` (configuration `country`). Never the country of the source record: Vietnam
   * issues its own `URN:UVCI:01:VN:` certificates, and the bridge must not issue inside another
   * issuer's namespace.
   */
  readonly country: string
  /** HMAC-SHA-256 key: a CryptoKey allowed to sign, or at least 16 raw bytes. */
  readonly key: CryptoKey | Uint8Array
  /** What identifies the certificate (source record and event); never shown, only hashed. */
  readonly material: string
}

/** `URN:UVCI:01:<country>:<25 base-36 characters of HMAC-SHA-256(key, material)>#<check>`. */
export async function deriveUvci(input: DeriveUvciInput): Promise<string> {
  if (!COUNTRY.test(input.country)) throw new DccError('DCC_UVCI', 'The UVCI country must be two uppercase letters.')
  if (input.material.length === 0) throw new DccError('DCC_UVCI', 'The UVCI material is empty.')
  const data = encoder.encode(`${PURPOSE}\u0000${input.country}\u0000${input.material}`)
  const mac = await hmacOf(input.key)(data)
  return withUvciCheck(`URN:UVCI:01:${input.country}:${base36(mac.subarray(0, 16))}`)
}

/** One prepared HMAC per raw key, made on its first use (a later change to the key's bytes is not seen). */
const prepared = new WeakMap<Uint8Array, HmacSha256>()

function hmacOf(key: CryptoKey | Uint8Array): HmacSha256 {
  if (!(key instanceof Uint8Array))
    return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>))
  if (key.length < 16) throw new DccError('DCC_UVCI', 'The UVCI key must have at least 16 bytes.')
  let hmac = prepared.get(key)
  if (!hmac) {
    hmac = createHmacSha256(key)
    prepared.set(key, hmac)
  }
  return hmac
}

function base36(bytes: Uint8Array): string {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value.toString(36).toUpperCase().padStart(OPAQUE_LENGTH, '0')
}
