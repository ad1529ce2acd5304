// The zlib stage. HCERT mandates zlib (RFC 1950) compression; as several national verifiers do, the
// decoder also accepts a COSE structure that was left uncompressed (recognised by its first byte:
// tag 18, tag 61, or a bare four-item array). `inflateZlib` is the strict form.
import { HcertError } from './errors.ts'
import { MAX_INFLATED_BYTES } from './limits.ts'
import { InflateLimitError, primitives } from '../platform/primitives.ts'

export function inflateZlib(bytes: Uint8Array): Uint8Array {
  // A zlib header: CM = 8 (deflate), window ≤ 32 KiB, and the FCHECK multiple of 31.
  const cmf = bytes[0]
  const flg = bytes[1]
  if (cmf === undefined || flg === undefined || (cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) {
    throw new HcertError('HCERT_ZLIB', 'not a zlib stream')
  }
  try {
    return primitives().inflate(bytes, MAX_INFLATED_BYTES)
  } catch (error) {
    if (error instanceof InflateLimitError) throw new HcertError('HCERT_TOO_LARGE', `inflated size over ${MAX_INFLATED_BYTES} bytes`)
    throw new HcertError('HCERT_ZLIB', 'corrupt zlib stream', { cause: error })
  }
}

/** True when the bytes look like an uncompressed COSE_Sign1 (tag 18, tag 61, or an array of four). */
export function looksLikeCose(bytes: Uint8Array): boolean {
  const first = bytes[0]
  return first === 0xd2 || first === 0x84 || (first === 0xd8 && bytes[1] === 61)
}

/** Lenient decompression: zlib, or an uncompressed COSE passed through. */
export function decompress(bytes: Uint8Array): { cose: Uint8Array; compressed: boolean } {
  if (looksLikeCose(bytes)) return { cose: bytes, compressed: false }
  return { cose: inflateZlib(bytes), compressed: true }
}

export function deflateZlib(bytes: Uint8Array): Uint8Array {
  return primitives().deflate(bytes)
}
