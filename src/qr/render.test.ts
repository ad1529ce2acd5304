import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import jsQR from 'jsqr'
import { inflate } from 'pako'
import { renderQr, qrMatrix, renderPngDataUrl, renderSvg, QrRenderError, HC1_QR_FLOOR_CAPACITY, HC1_QR_VERSION_FLOOR } from './render.ts'

interface DecodedPng {
  width: number
  height: number
  bitDepth: number
  colourType: number
  chunks: string[]
  dark(x: number, y: number): boolean
}

// An independent reader of our 1-bit greyscale PNG: checks every chunk's CRC (node:zlib's crc32),
// inflates the IDATs (pako) and undoes all five scanline filters of the PNG spec (bpp 1).
function decodePng(dataUrl: string): DecodedPng {
  const bytes = Uint8Array.from(atob(dataUrl.split(',')[1]!), (c) => c.charCodeAt(0))
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(bytes.buffer)
  let offset = 8
  let width = 0,
    height = 0,
    bitDepth = 0,
    colourType = -1
  const idat: Uint8Array[] = []
  const chunks: string[] = []
  while (offset < bytes.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    expect(view.getUint32(offset + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)))
    chunks.push(type)
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8)
      height = view.getUint32(offset + 12)
      bitDepth = data[8]!
      colourType = data[9]!
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  expect(offset).toBe(bytes.length)
  const raw = inflate(Uint8Array.from(idat.flatMap((d) => [...d])))
  const rowBytes = Math.ceil((width * bitDepth) / 8)
  expect(raw.length).toBe((rowBytes + 1) * height)
  const pixels = new Uint8Array(rowBytes * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!
    expect(filter, 'filter type').toBeLessThanOrEqual(4)
    for (let i = 0; i < rowBytes; i++) {
      const a = i > 0 ? pixels[y * rowBytes + i - 1]! : 0
      const b = y > 0 ? pixels[(y - 1) * rowBytes + i]! : 0
      const c = i > 0 && y > 0 ? pixels[(y - 1) * rowBytes + i - 1]! : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth
      pixels[y * rowBytes + i] = (raw[y * (rowBytes + 1) + 1 + i]! + predictor) & 0xff
    }
  }
  return { width, height, bitDepth, colourType, chunks, dark: (x, y) => ((pixels[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0 }
}

function rgbaOf(png: DecodedPng): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(png.width * png.height * 4)
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const v = png.dark(x, y) ? 0 : 255
      rgba.set([v, v, v, 255], (y * png.width + x) * 4)
    }
  return rgba
}

/** The SVG path as the first renderer drew it, module by module through isDark. */
/** The dark cells a stroked path of unit-wide horizontal lines covers (M/m moves, h lines only). */
function cellsOfPath(d: string): Set<string> {
  const cells = new Set<string>()
  let x = 0
  let y = 0
  for (const [, command, args] of d.matchAll(/([Mmh])([^Mmh]*)/g)) {
    const numbers = args!.trim().split(/[ ,]+/).map(Number)
    if (command === 'M') [x, y] = [numbers[0]!, numbers[1]!]
    else if (command === 'm') [x, y] = [x + numbers[0]!, y + numbers[1]!]
    else {
      // A unit-wide stroke along y = row + 0.5 covers cells [x, x + w) of that row.
      expect(y % 1).toBe(0.5)
      for (let i = 0; i < numbers[0]!; i++) cells.add(`${x + i},${y - 0.5}`)
      x += numbers[0]!
    }
  }
  return cells
}

const hc1 =
  'HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F'

describe('renderQr', () => {
  it('encodes the whole HC1 in one alphanumeric segment at error correction Q', () => {
    const m = qrMatrix(hc1)
    expect(m.size).toBe(4 * m.version + 17)
    const qr = renderQr(hc1)
    expect(qr.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/)
    expect(qr.png.startsWith('data:image/png;base64,')).toBe(true)
  })

  it('draws every HC1 that fits version 19 at version 19, so the encoder keeps one layout; longer text at the smallest version that holds it', () => {
    const body = (n: number) => 'HC1:' + 'NCF'.repeat(Math.ceil(n / 3)).slice(0, n - 4)
    expect(qrMatrix(body(300)).version).toBe(HC1_QR_VERSION_FLOOR)
    expect(qrMatrix(body(HC1_QR_FLOOR_CAPACITY)).version).toBe(HC1_QR_VERSION_FLOOR)
    expect(qrMatrix(body(HC1_QR_FLOOR_CAPACITY + 1)).version).toBe(20)
    expect(qrMatrix('NOT AN HC1').version).toBe(1)
    for (const n of [300, HC1_QR_FLOOR_CAPACITY]) {
      const png = decodePng(renderQr(body(n)).png)
      expect(jsQR(rgbaOf(png), png.width, png.height)?.data).toBe(body(n))
    }
  })

  it('lists exactly the dark modules as runs', () => {
    const m = qrMatrix(hc1)
    const dark = new Set<string>()
    for (let i = 0; i < m.runs.length; i += 3) {
      expect(m.runs[i + 2]!).toBeGreaterThan(m.runs[i + 1]!)
      for (let x = m.runs[i + 1]!; x < m.runs[i + 2]!; x++) dark.add(`${x},${m.runs[i]}`)
    }
    for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) expect(dark.has(`${x},${y}`)).toBe(m.isDark(x, y))
  })

  it('draws a PNG that an independent decoder reads back to the same text', () => {
    const png = decodePng(renderQr(hc1).png)
    expect(jsQR(rgbaOf(png), png.width, png.height)?.data).toBe(hc1)
  })

  it('draws a 1-bit greyscale PNG, 4 pixels per module and a 4-module quiet zone by default', () => {
    const m = qrMatrix(hc1)
    const png = decodePng(renderQr(hc1).png)
    expect({ bitDepth: png.bitDepth, colourType: png.colourType, chunks: png.chunks }).toEqual({
      bitDepth: 1,
      colourType: 0,
      chunks: ['IHDR', 'IDAT', 'IEND'],
    })
    expect(png.width).toBe((m.size + 8) * 4)
    expect(png.height).toBe(png.width)
  })

  // Scales and margins that put module edges at every bit position of a byte, and none at all.
  it.each([
    [4, 4],
    [1, 0],
    [3, 1],
    [5, 2],
    [7, 3],
    [8, 4],
    [12, 0],
  ])('paints every pixel as its module at scale %i, margin %i', (scale, margin) => {
    const m = qrMatrix(hc1)
    const png = decodePng(renderPngDataUrl(m, margin, scale))
    const side = (m.size + 2 * margin) * scale
    expect([png.width, png.height]).toEqual([side, side])
    let wrong = 0
    for (let py = 0; py < side; py++)
      for (let px = 0; px < side; px++) {
        const x = Math.floor(px / scale) - margin
        const y = Math.floor(py / scale) - margin
        const expected = x >= 0 && y >= 0 && x < m.size && y < m.size && m.isDark(x, y)
        if (png.dark(px, py) !== expected) wrong++
      }
    expect(wrong).toBe(0)
  })

  it('draws the SVG as one stroked path covering exactly the dark modules, offset by the margin', () => {
    const m = qrMatrix(hc1)
    for (const margin of [4, 0]) {
      const side = m.size + 2 * margin
      const svg = renderSvg(m, margin)
      const match =
        /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1" shape-rendering="crispEdges" role="img" aria-label="EU Digital COVID Certificate QR code"><rect width="100%" height="100%" fill="#fff"\/><path fill="none" stroke="#000" d="([^"]+)"\/><\/svg>$/.exec(
          svg,
        )
      expect(match?.[1]).toBe(String(side))
      const expected = new Set<string>()
      for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) if (m.isDark(x, y)) expected.add(`${x + margin},${y + margin}`)
      expect(cellsOfPath(match![2]!)).toEqual(expected)
    }
  })

  it('keeps the SVG small: under 14 KB for a vaccination certificate (one rectangle per run took 30 KB)', () => {
    expect(renderQr(hc1).svg.length).toBeLessThan(14_000)
  })

  it('refuses text outside the QR alphanumeric set, or too long, and options that are not whole numbers', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        expect(error).toBeInstanceOf(QrRenderError)
        return (error as QrRenderError).code
      }
      return 'no error'
    }
    expect(codeOf(() => renderQr('HC1:lowercase'))).toBe('QR_RENDER_TEXT')
    expect(codeOf(() => renderQr(`HC1:${'A'.repeat(2500)}`))).toBe('QR_RENDER_TEXT')
    expect(codeOf(() => renderQr(hc1, { scale: 2.5 }))).toBe('QR_RENDER_OPTIONS')
    expect(codeOf(() => renderQr(hc1, { scale: 0 }))).toBe('QR_RENDER_OPTIONS')
    expect(codeOf(() => renderQr(hc1, { margin: -1 }))).toBe('QR_RENDER_OPTIONS')
    expect(codeOf(() => renderQr(hc1, { margin: 0, scale: 1 }))).toBe('no error')
  })
})
