// PNG and JPEG pictures as RGBA pixels (fast-png, jpeg-js; pure JavaScript), for the QR print-quality
// checks: the light margin around the symbol, and the picture scaled down to half its size.
import { decode as decodePng } from 'fast-png'
import jpeg from 'jpeg-js'

export interface Rgba {
  readonly width: number
  readonly height: number
  /** 4 bytes per pixel, rows top to bottom. */
  readonly data: Uint8ClampedArray<ArrayBuffer>
}

const MAX_PIXELS = 16_000_000

export function isPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

/** The picture's pixels; throws on anything but a readable PNG or JPEG within 16 million pixels. */
export function readPixels(bytes: Uint8Array): Rgba {
  if (isJpeg(bytes)) {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 })
    return { width: image.width, height: image.height, data: Uint8ClampedArray.from(image.data) }
  }
  if (!isPng(bytes)) throw new Error('not a PNG or JPEG picture')
  const png = decodePng(bytes)
  if (png.width * png.height > MAX_PIXELS) throw new Error('picture too large')
  const fast = fastPath(png)
  if (fast) return fast
  const out = new Uint8ClampedArray(png.width * png.height * 4)
  const channels = png.palette ? 1 : png.channels
  const depth = png.depth
  const rowBytes = depth === 16 ? png.width * channels : Math.ceil((png.width * channels * depth) / 8)
  const max = (1 << depth) - 1
  const scale = depth < 8 ? 255 / max : 1
  const data = png.data
  const values = new Array<number>(4).fill(0)
  for (let y = 0; y < png.height; y++) {
    const row = y * rowBytes
    for (let x = 0; x < png.width; x++) {
      for (let c = 0; c < channels; c++) {
        const index = x * channels + c
        if (depth === 16) values[c] = data[row + index]! >> 8
        else if (depth === 8) values[c] = data[row + index]!
        else {
          const bit = index * depth
          values[c] = ((data[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & max) * (png.palette ? 1 : scale)
        }
      }
      const o = (y * png.width + x) * 4
      if (png.palette) {
        const entry = png.palette[values[0]!] ?? [0, 0, 0]
        out[o] = entry[0]!
        out[o + 1] = entry[1]!
        out[o + 2] = entry[2]!
        out[o + 3] = entry[3] ?? 255
      } else if (channels <= 2) {
        out[o] = out[o + 1] = out[o + 2] = values[0]!
        out[o + 3] = channels === 2 ? values[1]! : 255
      } else {
        out[o] = values[0]!
        out[o + 1] = values[1]!
        out[o + 2] = values[2]!
        out[o + 3] = channels === 4 ? values[3]! : 255
      }
    }
  }
  return { width: png.width, height: png.height, data: out }
}

/** The common layouts without per-sample dispatch: RGBA, RGB, grey at 8 bits, and 1-bit grey. */
function fastPath(png: ReturnType<typeof decodePng>): Rgba | undefined {
  const { width, height, data, channels, depth } = png
  if (png.palette || (depth !== 8 && !(depth === 1 && channels === 1))) return undefined
  const out = new Uint8ClampedArray(width * height * 4)
  if (depth === 8 && channels === 4) {
    out.set(data)
    return { width, height, data: out }
  }
  if (depth === 8 && channels !== 3 && channels !== 1) return undefined
  const rowBytes = depth === 1 ? Math.ceil(width / 8) : width * channels
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      if (depth === 1) {
        out[o] = out[o + 1] = out[o + 2] = (data[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0
      } else if (channels === 1) {
        out[o] = out[o + 1] = out[o + 2] = data[row + x]!
      } else {
        const i = row + x * 3
        out[o] = data[i]!
        out[o + 1] = data[i + 1]!
        out[o + 2] = data[i + 2]!
      }
      out[o + 3] = 255
    }
  }
  return { width, height, data: out }
}

/** Luminance 0–255 of a pixel, transparent pixels counted as white (paper). */
export function luminance(image: Rgba, x: number, y: number): number {
  const o = (y * image.width + x) * 4
  const d = image.data
  const alpha = d[o + 3]! / 255
  const lum = 0.299 * d[o]! + 0.587 * d[o + 1]! + 0.114 * d[o + 2]!
  return lum * alpha + 255 * (1 - alpha)
}

/** The picture at half its width and height, each pixel the mean of a 2×2 block. */
export function halve(image: Rgba): Rgba {
  const width = Math.max(1, Math.floor(image.width / 2))
  const height = Math.max(1, Math.floor(image.height / 2))
  const data = new Uint8ClampedArray(width * height * 4)
  const source = image.data
  const last = image.width - 1
  for (let y = 0; y < height; y++) {
    const row0 = 2 * y * image.width
    const row1 = Math.min(image.height - 1, 2 * y + 1) * image.width
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x
      const x1 = Math.min(last, x0 + 1)
      const a = (row0 + x0) * 4
      const b = (row0 + x1) * 4
      const c = (row1 + x0) * 4
      const d = (row1 + x1) * 4
      const o = (y * width + x) * 4
      for (let k = 0; k < 4; k++) data[o + k] = (source[a + k]! + source[b + k]! + source[c + k]! + source[d + k]!) / 4
    }
  }
  return { width, height, data }
}
