// Renders an HC1 string as a QR code the way the HCERT spec asks: alphanumeric mode (base45 is a
// subset of the QR alphanumeric alphabet, so the whole text fits one segment), error correction Q.
// The symbol is computed by the `qr` package (paulmillr/qr: about 0.2 ms for an HC1, where `qrcode`
// takes 2 ms and would cap issuance at a few hundred per second per core); SVG and PNG are drawn
// from its module matrix here, with Web APIs only (deflate through the codec's swappable primitives:
// node:zlib is five times faster than pako here), so the same code serves on Node and on Workers.
import encodeQR from 'qr'
import { primitives } from '../hcert/primitives.ts'

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

export function qrMatrix(text: string): { size: number; version: number; isDark(x: number, y: number): boolean } {
  // `qr` always adds a quiet zone; ask for one module and drop it, the renderers below add their own.
  const rows = encodeQR(text, 'raw', { ecc: 'quartile', encoding: 'alphanumeric', border: 1 })
  const size = rows.length - 2
  return { size, version: (size - 17) / 4, isDark: (x, y) => rows[y + 1]![x + 1] === true }
}

export function renderQr(text: string, options: RenderOptions = {}): RenderedQr {
  const margin = options.margin ?? 4
  const scale = options.scale ?? 4
  const m = qrMatrix(text)
  return { svg: toSvg(m, margin), png: toPngDataUrl(m, margin, scale), version: m.version, size: m.size }
}

type Matrix = ReturnType<typeof qrMatrix>

function toSvg(m: Matrix, margin: number): string {
  const side = m.size + 2 * margin
  let path = ''
  for (let y = 0; y < m.size; y++) {
    let x = 0
    while (x < m.size) {
      if (!m.isDark(x, y)) { x++; continue }
      const start = x
      while (x < m.size && m.isDark(x, y)) x++
      path += `M${start + margin} ${y + margin}h${x - start}v1h${start - x}z`
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="EU Digital COVID Certificate QR code"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
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

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** A 1-bit greyscale PNG: the smallest faithful raster of a QR code (deflate level 1: its long runs
 *  compress well even so, at a fraction of level 9's time). */
function toPngDataUrl(m: Matrix, margin: number, scale: number): string {
  const side = (m.size + 2 * margin) * scale
  const rowBytes = Math.ceil(side / 8)
  const stride = rowBytes + 1 // each scanline starts with its filter byte (0: none)
  const raw = new Uint8Array(stride * side).fill(0xff)
  for (let py = 0; py < side; py++) raw[py * stride] = 0
  // Draw each module row once, then copy it to the `scale` scanlines it covers.
  for (let y = 0; y < m.size; y++) {
    const first = ((y + margin) * scale) * stride
    for (let x = 0; x < m.size; x++) {
      if (!m.isDark(x, y)) continue
      for (let px = (x + margin) * scale, end = px + scale; px < end; px++) raw[first + 1 + (px >> 3)]! &= ~(0x80 >> (px & 7))
    }
    for (let k = 1; k < scale; k++) raw.copyWithin(first + k * stride, first, first + stride)
  }
  const header = new Uint8Array(13)
  const hv = new DataView(header.buffer)
  hv.setUint32(0, side)
  hv.setUint32(4, side)
  header.set([1, 0, 0, 0, 0], 8) // bit depth 1, greyscale, deflate, no filter, no interlace
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', primitives().deflate(raw, 1)), chunk('IEND', new Uint8Array())]
  let bin = ''
  for (const part of parts) for (const b of part) bin += String.fromCharCode(b)
  return `data:image/png;base64,${btoa(bin)}`
}
