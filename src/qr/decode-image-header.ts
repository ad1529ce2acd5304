// Reads an image's format and declared dimensions from its first bytes, without decoding any pixel
// data, so that an oversized image (or a decompression bomb: a tiny file declaring a huge canvas) is
// refused before a decoder allocates anything. Only PNG and JPEG are accepted.
import { QrDecodeError } from './decode-errors.ts'

export interface ImageHeader {
  readonly format: 'png' | 'jpeg'
  readonly width: number
  readonly height: number
  /** Bytes per pixel once decoded (channels × bytes per sample), before conversion to grey. */
  readonly bytesPerPixel: number
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (startsWith(bytes, PNG_SIGNATURE)) return readPngHeader(bytes)
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return readJpegHeader(bytes)
  throw unsupported('the image is neither PNG nor JPEG')
}

function readPngHeader(bytes: Uint8Array): ImageHeader {
  // Signature (8), then the IHDR chunk: length 13 (4), "IHDR" (4), width (4), height (4), ...
  if (bytes.length < 33) throw unsupported('the PNG image is truncated')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const isIhdr = view.getUint32(8) === 13 && view.getUint32(12) === 0x49484452
  if (!isIhdr) throw unsupported('the PNG image has no header chunk')
  const bitDepth = bytes[24]!
  // Grey, RGB, palette (expanded to RGBA), grey + alpha, RGBA.
  const channels = ({ 0: 1, 2: 3, 3: 4, 4: 2, 6: 4 } as Record<number, number>)[bytes[25]!] ?? 4
  return checked('png', view.getUint32(16), view.getUint32(20), channels * (bitDepth > 8 ? 2 : 1))
}

/** Start-of-frame markers (SOF0–SOF15) are C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}

function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let pos = 2
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) break
    while (bytes[pos] === 0xff) pos++ // fill bytes
    const marker = bytes[pos]
    if (marker === undefined) break
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos++
      continue
    } // no payload
    if (marker === 0xd9 || marker === 0xda) break // end of image or scan data before any frame header
    if (pos + 2 >= bytes.length) break
    const length = view.getUint16(pos + 1)
    if (length < 2) break
    if (isStartOfFrame(marker)) {
      if (pos + 7 >= bytes.length || length < 8) break
      const precision = bytes[pos + 3]!
      const components = pos + 8 < bytes.length ? bytes[pos + 8]! : 3
      return checked('jpeg', view.getUint16(pos + 6), view.getUint16(pos + 4), Math.max(1, components) * (precision > 8 ? 2 : 1))
    }
    pos += 1 + length
  }
  throw unsupported('the JPEG image has no readable frame header')
}

function checked(format: ImageHeader['format'], width: number, height: number, bytesPerPixel: number): ImageHeader {
  if (width === 0 || height === 0) throw unsupported('the image declares an empty canvas')
  return { format, width, height, bytesPerPixel }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}

function unsupported(message: string): QrDecodeError {
  return new QrDecodeError('QR_IMAGE_UNSUPPORTED', `${message}; upload a PNG or JPEG picture of the QR code`)
}
