// src/qr/ (floor: rules/qr): drawing an HC1 as a QR symbol (SVG, PNG) and reading QR images with the
// decoder injected by the edge. It imports the platform and the codec only.
// Renders an HC1 string as a QR code the way the HCERT spec asks: alphanumeric mode (base45 is a
// subset of the QR alphanumeric alphabet, so the whole text fits one segment), error correction Q.
// The symbol is computed by the `qr` package (paulmillr/qr: about 0.2 ms for an HC1, where `qrcode`
// takes 2 ms and would cap issuance at a few hundred per second per core); SVG and PNG are drawn
// from its module matrix here, with Web APIs only (deflate through the codec's swappable primitives:
// node:zlib is five times faster than pako here), so the same code serves on Node and on Workers.
// The matrix is scanned once into horizontal runs of dark modules; both renderers draw from the runs.
import encodeQR from 'qr'
import { CertbridgeError } from '../platform/errors.ts'
import { toBase64 } from '../platform/bytes.ts'
import { primitives } from '../platform/primitives.ts'

export interface RenderedQr {
  readonly svg: string
  /** data:image/png;base64,... */
  readonly png: string
  /** QR version (1–40) and modules per side. */
  readonly version: number
  readonly size: number
}

export interface RenderOptions {
  /** Quiet zone in modules (the spec asks for at least 4 in print). */
  readonly margin?: number
  /** PNG pixels per module. */
  readonly scale?: number
}

export interface QrMatrix {
  readonly size: number
  readonly version: number
  /** Horizontal runs of dark modules, row by row and left to right, as triples (y, first x, end x). */
  readonly runs: Uint16Array
  isDark(x: number, y: number): boolean
}

export const QR_RENDER_CODES = ['QR_RENDER_TEXT', 'QR_RENDER_OPTIONS'] as const
export type QrRenderErrorCode = (typeof QR_RENDER_CODES)[number]
export class QrRenderError extends CertbridgeError<QrRenderErrorCode> {}

/**
 * HC1 texts that fit version 19 at level Q (644 characters) are drawn at version 19 at least. A
 * vaccination HC1 (about 560 characters) would need 18 and a test or recovery one (about 610) 19;
 * `qr` keeps the layout of one version only, so alternating between them rebuilt it on nearly every
 * certificate, which cost more than the encoding (`npx tsx tools/bench/qr-render.ts`). Version 19 is four
 * modules wider than 18 and keeps more error correction codewords; readers treat both alike.
 */
export const HC1_QR_VERSION_FLOOR = 19
export const HC1_QR_FLOOR_CAPACITY = 644

export function qrMatrix(text: string): QrMatrix {
  // `qr` always adds a quiet zone; ask for one module and drop it, the renderers add their own.
  let rows: boolean[][]
  const floor = text.startsWith('HC1:') && text.length <= HC1_QR_FLOOR_CAPACITY ? { version: HC1_QR_VERSION_FLOOR } : {}
  try {
    rows = encodeQR(text, 'raw', { ecc: 'quartile', encoding: 'alphanumeric', border: 1, ...floor })
  } catch (cause) {
    // `qr` names the offending character; the message here names none of the text.
    throw new QrRenderError('QR_RENDER_TEXT', 'text is not one QR alphanumeric segment that fits version 40 at level Q', { cause })
  }
  const size = rows.length - 2
  return { size, version: (size - 17) / 4, runs: darkRuns(rows, size), isDark: (x, y) => rows[y + 1]![x + 1] === true }
}

/** Dark runs of the symbol inside a one-module ring (at most size/2 runs per row, 3 numbers each). */
function darkRuns(rows: readonly (readonly boolean[])[], size: number): Uint16Array {
  const runs = new Uint16Array(3 * size * Math.ceil(size / 2))
  let n = 0
  for (let y = 0; y < size; y++) {
    const row = rows[y + 1]!
    let x = 1
    while (x <= size) {
      if (row[x] !== true) {
        x++
        continue
      }
      const start = x
      while (row[x] === true) x++ // the ring's last cell is light, so this stops at x ≤ size + 1
      runs[n] = y
      runs[n + 1] = start - 1
      runs[n + 2] = x - 1
      n += 3
    }
  }
  return runs.subarray(0, n)
}

/** The defaults: a 4-module quiet zone (what the spec asks for in print) and 4 PNG pixels per module. */
export const QR_MARGIN = 4
export const QR_SCALE = 4

export function renderQr(text: string, options: RenderOptions = {}): RenderedQr {
  const margin = options.margin ?? QR_MARGIN
  const scale = options.scale ?? QR_SCALE
  if (!Number.isInteger(margin) || margin < 0 || margin > 64 || !Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new QrRenderError('QR_RENDER_OPTIONS', 'margin must be an integer from 0 to 64 and scale from 1 to 64')
  }
  const m = qrMatrix(text)
  return { svg: renderSvg(m, margin), png: renderPngDataUrl(m, margin, scale), version: m.version, size: m.size }
}

const ascii = new TextDecoder() // the bytes are ASCII, which UTF-8 decodes as is

/** Writes the decimal digits of a non-negative integer at `n`; returns the offset after them. */
function writeDecimal(out: Uint8Array, n: number, value: number): number {
  if (value >= 10) n = writeDecimal(out, n, Math.floor(value / 10))
  out[n] = 0x30 + (value % 10)
  return n + 1
}

/**
 * One stroked path of unit-wide horizontal lines, one per dark run, on a white background (the form
 * node-qrcode draws): "M<x> <y>.5h<w>" at the first run of a row, then "m<gap> 0h<w>" for each next
 * run. A third of the size of one filled rectangle per run. The path is written as ASCII bytes and
 * decoded once: a flat string at half the cost of concatenation.
 */
export function renderSvg(m: QrMatrix, margin: number): string {
  const side = m.size + 2 * margin
  const { runs } = m
  const out = new Uint8Array((runs.length / 3) * (6 + 3 * String(side).length))
  let n = 0
  let row = -1
  let end = 0 // where the pen stands after the last run
  for (let i = 0; i < runs.length; i += 3) {
    const y = runs[i]!
    const start = runs[i + 1]!
    const width = runs[i + 2]! - start
    if (y !== row) {
      out[n++] = 0x4d // M
      n = writeDecimal(out, n, start + margin)
      out[n++] = 0x20
      n = writeDecimal(out, n, y + margin)
      out[n++] = 0x2e // .
      out[n++] = 0x35 // 5
      row = y
    } else {
      out[n++] = 0x6d // m
      n = writeDecimal(out, n, start - end)
      out[n++] = 0x20
      out[n++] = 0x30 // 0
    }
    out[n++] = 0x68 // h
    n = writeDecimal(out, n, width)
    end = start + width
  }
  const path = ascii.decode(out.subarray(0, n))
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="EU Digital COVID Certificate QR code"><rect width="100%" height="100%" fill="#fff"/><path fill="none" stroke="#000" d="${path}"/></svg>`
}

const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** Writes a PNG chunk (length, type, data, CRC of type and data) at `offset`; returns the offset after it. */
function writeChunk(out: Uint8Array, offset: number, type: string, data: Uint8Array): number {
  const view = new DataView(out.buffer, out.byteOffset)
  view.setUint32(offset, data.length)
  for (let i = 0; i < 4; i++) out[offset + 4 + i] = type.charCodeAt(i)
  out.set(data, offset + 8)
  let c = 0xffffffff
  for (let i = offset + 4, end = offset + 8 + data.length; i < end; i++) c = crcTable[(c ^ out[i]!) & 0xff]! ^ (c >>> 8)
  view.setUint32(offset + 8 + data.length, (c ^ 0xffffffff) >>> 0)
  return offset + 12 + data.length
}

/** Clears bits [from, to) of a 1-bit scanline whose first data byte is at `at` (bit 0 = MSB of that byte). */
function clearBits(raw: Uint8Array, at: number, from: number, to: number): void {
  const first = from >> 3
  const last = (to - 1) >> 3
  const head = 0xff >> (from & 7) // bits from `from` to the end of its byte
  const tail = (0xff00 >> (((to - 1) & 7) + 1)) & 0xff // bits from the start of its byte to `to - 1`
  if (first === last) {
    raw[at + first]! &= ~(head & tail)
    return
  }
  raw[at + first]! &= ~head
  if (last > first + 1) raw.fill(0, at + first + 1, at + last)
  raw[at + last]! &= ~tail
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const FILTER_NONE = 0
const FILTER_UP = 2

/** A 1-bit greyscale PNG (0 = black), the smallest faithful raster of a QR code. The first scanline of
 *  each module row is drawn in full from the runs; every other scanline is the same as the one above,
 *  written as the Up filter over zero bytes, which deflate (level 1: the long runs compress well even
 *  so) passes through faster than repeated rows. */
export function renderPngDataUrl(m: QrMatrix, margin: number, scale: number): string {
  const side = (m.size + 2 * margin) * scale
  const stride = Math.ceil(side / 8) + 1 // each scanline starts with its filter byte
  const raw = new Uint8Array(stride * side)
  for (let at = stride; at < raw.length; at += stride) raw[at] = FILTER_UP
  const white = (py: number) => {
    raw[py * stride] = FILTER_NONE
    raw.fill(0xff, py * stride + 1, (py + 1) * stride)
  }
  const top = margin * scale
  white(0)
  for (let y = 0; y < m.size; y++) white(top + y * scale)
  if (top + m.size * scale < side) white(top + m.size * scale) // back to the white quiet zone
  const { runs } = m
  for (let i = 0; i < runs.length; i += 3) {
    clearBits(raw, (top + runs[i]! * scale) * stride + 1, (runs[i + 1]! + margin) * scale, (runs[i + 2]! + margin) * scale)
  }
  return pngDataUrl(side, raw)
}

/** Signature, IHDR (bit depth 1, greyscale, deflate, adaptive filtering, no interlace), IDAT, IEND. */
function pngDataUrl(side: number, raw: Uint8Array): string {
  const idat = primitives().deflate(raw, 1)
  const header = new Uint8Array(13)
  const hv = new DataView(header.buffer)
  hv.setUint32(0, side)
  hv.setUint32(4, side)
  header.set([1, 0, 0, 0, 0], 8)
  const png = new Uint8Array(8 + 25 + 12 + idat.length + 12)
  png.set(PNG_SIGNATURE)
  let offset = writeChunk(png, 8, 'IHDR', header)
  offset = writeChunk(png, offset, 'IDAT', idat)
  writeChunk(png, offset, 'IEND', new Uint8Array())
  return `data:image/png;base64,${toBase64(png)}`
}
