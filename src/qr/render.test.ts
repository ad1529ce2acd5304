import { describe, expect, it } from 'vitest'
import jsQR from 'jsqr'
import { inflate } from 'pako'
import { renderQr, qrMatrix } from './render.ts'

// Decodes our own 1-bit PNG back to RGBA, to read it with an independent QR decoder (jsQR).
function decodePng(dataUrl: string): { width: number; height: number; rgba: Uint8ClampedArray } {
  const bytes = Uint8Array.from(atob(dataUrl.split(',')[1]!), (c) => c.charCodeAt(0))
  const view = new DataView(bytes.buffer)
  let offset = 8
  let width = 0, height = 0
  const idat: Uint8Array[] = []
  while (offset < bytes.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') { width = view.getUint32(offset + 8); height = view.getUint32(offset + 12) }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflate(Uint8Array.from(idat.flatMap((d) => [...d])))
  const rowBytes = Math.ceil(width / 8)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const bit = (raw[y * (rowBytes + 1) + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1
    rgba.set(bit ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * width + x) * 4)
  }
  return { width, height, rgba }
}

const hc1 = 'HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F'

describe('renderQr', () => {
  it('encodes the whole HC1 in one alphanumeric segment at error correction Q', () => {
    const m = qrMatrix(hc1)
    expect(m.size).toBe(4 * m.version + 17)
    const qr = renderQr(hc1)
    expect(qr.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/)
    expect(qr.png.startsWith('data:image/png;base64,')).toBe(true)
  })

  it('draws a PNG that an independent decoder reads back to the same text', () => {
    const { width, height, rgba } = decodePng(renderQr(hc1).png)
    const result = jsQR(rgba, width, height)
    expect(result?.data).toBe(hc1)
  })
})
