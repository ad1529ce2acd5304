// Node edge of the QR checks: reads a picture's QR text with the product's decoder (src/qr), then
// measures the symbol with zxing-wasm on the picture's pixels: version, error-correction level,
// module size, the light margin around it, and whether it still reads at half size. zxing-wasm keeps
// one instance per process: an instance already made by src/qr is reused as it is; only when there
// is none, one is made from the package's own .wasm (never the library's default CDN).
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader'
import { decodeQrImage, loadZxingReaderWasm } from '../qr/decode.ts'
import { halve, luminance, readPixels, type Rgba } from '../../../qa/pixels.ts'
import type { QrInspector, QrSymbolInfo } from '../../../qa/types.ts'

// A quick read first (upright, dark on light); the thorough one only when it finds nothing.
const QUICK: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: false,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: false,
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
}
const THOROUGH: ReaderOptions = { ...QUICK, tryHarder: true, tryRotate: true, tryInvert: true }
/** Below this luminance a pixel counts as dark. */
const DARK = 128

const overrides = {
  instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) {
    void loadZxingReaderWasm().then(async (source) => {
      const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source as BufferSource)
      done(await WebAssembly.instantiate(module, imports), module)
    })
    return {}
  },
}

async function read(image: Rgba): Promise<ReadResult | undefined> {
  await prepareZXingModule({ overrides, equalityFn: () => true, fireImmediately: true })
  const pixels = { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as const
  for (const options of [QUICK, THOROUGH]) {
    const found = (await readBarcodes(pixels, options)).find((result) => result.isValid && result.symbology === 'QRCode')
    if (found) return found
  }
  return undefined
}

export const inspectQrImage: QrInspector = async (bytes) => {
  const text = await decodeQrImage(bytes)
  let image: Rgba
  try {
    image = readPixels(bytes)
  } catch {
    return { text }
  }
  const found = await read(image)
  if (!found) return { text }
  const symbol = measure(image, found)
  if (!symbol) return { text }
  const small = await read(halve(image))
  return { text, symbol: { ...symbol, decodesDownscaled: small?.text === found.text } }
}

function measure(image: Rgba, result: ReadResult): Omit<QrSymbolInfo, 'decodesDownscaled'> | undefined {
  const version = Number.parseInt(result.version, 10)
  const modules = result.symbol.width
  if (!Number.isInteger(version) || modules <= 0) return undefined
  const { topLeft, topRight, bottomLeft, bottomRight } = result.position
  const moduleSize = Math.hypot(topRight.x - topLeft.x, topRight.y - topLeft.y) / modules
  const xs = [topLeft.x, topRight.x, bottomLeft.x, bottomRight.x]
  const ys = [topLeft.y, topRight.y, bottomLeft.y, bottomRight.y]
  const box = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) }
  const quietPixels = Math.min(
    lightRun(image, box, 'left'),
    lightRun(image, box, 'right'),
    lightRun(image, box, 'top'),
    lightRun(image, box, 'bottom'),
  )
  return { version, ecLevel: result.ecLevel, modules, moduleSize: round(moduleSize), quietZone: round(quietPixels / moduleSize) }
}

type Box = { left: number; right: number; top: number; bottom: number }

/** Light pixels between the symbol's side and the first dark pixel (or the picture's edge). */
function lightRun(image: Rgba, box: Box, side: keyof Box): number {
  const horizontal = side === 'left' || side === 'right'
  const span = horizontal
    ? [Math.max(0, Math.floor(box.top)), Math.min(image.height - 1, Math.ceil(box.bottom) - 1)]
    : [Math.max(0, Math.floor(box.left)), Math.min(image.width - 1, Math.ceil(box.right) - 1)]
  const start =
    side === 'left'
      ? Math.floor(box.left) - 1
      : side === 'top'
        ? Math.floor(box.top) - 1
        : side === 'right'
          ? Math.ceil(box.right)
          : Math.ceil(box.bottom)
  const step = side === 'left' || side === 'top' ? -1 : 1
  const limit = horizontal ? image.width : image.height
  let run = 0
  for (let p = start; p >= 0 && p < limit; p += step, run++) {
    for (let q = span[0]!; q <= span[1]!; q++) {
      if ((horizontal ? luminance(image, p, q) : luminance(image, q, p)) < DARK) return run
    }
  }
  return run
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
