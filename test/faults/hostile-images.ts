// Hostile QR uploads, built with code (never committed as binaries): a large greyscale PNG tiled with
// QR finder patterns (every tile a candidate, so a naive search tries every triple of them) and a large
// 16-bit PNG (twice the pixel memory of an 8-bit one). Both compress to a few kilobytes.
import { crc32, deflateSync } from 'node:zlib'

/** A PNG of the given IHDR fields and already filtered scanlines (one filter byte per row). */
export function encodePng(
  width: number,
  height: number,
  bitDepth: 8 | 16,
  colourType: 0 | 2,
  scanlines: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([bitDepth, colourType, 0, 0, 0], 8)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const idat = deflateSync(scanlines, { level: 9 })
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array())]))
}

/** Whether module (x, y) of a 7×7 finder pattern is dark: the outer ring and the 3×3 centre. */
function finderDark(x: number, y: number): boolean {
  const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3))
  return ring !== 2
}

/**
 * A `size`×`size` 8-bit greyscale PNG tiled with QR finder patterns of `module` pixels per module,
 * one module of light quiet zone between them (tile = 8 modules).
 */
export function finderTiledPng(size = 4000, module = 4): Uint8Array<ArrayBuffer> {
  const tile = 8 * module
  const stride = size + 1
  const scanlines = new Uint8Array(stride * size)
  for (let y = 0; y < size; y++) {
    const my = Math.floor((y % tile) / module)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x % tile) / module)
      const dark = mx < 7 && my < 7 && finderDark(mx, my)
      scanlines[y * stride + 1 + x] = dark ? 0 : 255
    }
  }
  return encodePng(size, size, 8, 0, scanlines)
}

/** A `size`×`size` 16-bit greyscale PNG of a soft gradient (no QR code in it). */
export function sixteenBitPng(size = 4000): Uint8Array<ArrayBuffer> {
  const stride = 1 + size * 2
  const scanlines = new Uint8Array(stride * size)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = ((x + y) * 8) & 0xffff
      scanlines[y * stride + 1 + 2 * x] = v >> 8
      scanlines[y * stride + 2 + 2 * x] = v & 0xff
    }
  }
  return encodePng(size, size, 16, 0, scanlines)
}
