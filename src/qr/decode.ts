// Decodes the QR code in a photo or screenshot (PNG or JPEG) with zxing-wasm, the maintained
// WebAssembly build of ZXing-C++. This module is runtime-agnostic: the caller injects the decoder's
// .wasm (bytes on Node, the WebAssembly.Module a Worker imports), so the library never fetches it
// from its default CDN. The image's size and declared pixel count are checked from its header before
// any decoding, so an oversized image or a decompression bomb is refused without being expanded.
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader'
import { QrDecodeError } from './decode-errors.ts'
import { readImageHeader } from './decode-image-header.ts'

export { QrDecodeError, type QrDecodeErrorCode } from './decode-errors.ts'

/** The reader build's .wasm (`zxing-wasm/reader/zxing_reader.wasm`): compiled, or its bytes. */
export type ZxingWasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array

export interface QrDecodeOptions {
  /** Largest accepted upload, in bytes. */
  readonly maxBytes?: number
  /** Largest accepted canvas (width × height) as declared in the image header. */
  readonly maxPixels?: number
}

export const QR_IMAGE_LIMITS = { maxBytes: 4 * 1024 * 1024, maxPixels: 16_000_000 } as const

export type QrImageDecoder = (bytes: Uint8Array, options?: QrDecodeOptions) => Promise<string>

// First pass: ZXing's "try harder" search with rotations, inverted images and downscaling of large
// photos, binarized against the local average. Only when it finds nothing, a second pass binarizes
// against the global histogram, which reads speckled (impulse-noise) images the first pass misses
// (test/fixtures/qr/speckled.jpg). ZXing's tryDenoise helped on none of the fixtures.
const BASE_READER: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
}
const READ_PASSES: readonly ReaderOptions[] = [BASE_READER, { ...BASE_READER, binarizer: 'GlobalHistogram' }]

/**
 * A decoder bound to one wasm source. The wasm is instantiated on first use and kept. zxing-wasm
 * holds one instance per process, so create one decoder per process (Node edge or Worker module).
 */
export function createQrImageDecoder(wasm: ZxingWasmSource | (() => Promise<ZxingWasmSource>)): QrImageDecoder {
  let ready: Promise<unknown> | undefined
  let overrides: object | undefined

  function prepare(): Promise<unknown> {
    if (ready && overrides) {
      // Cheap when nothing else replaced the instance: zxing-wasm returns its cached promise.
      return prepareZXingModule({ overrides, equalityFn: Object.is, fireImmediately: true })
    }
    let fail: (error: unknown) => void = () => {}
    const failed = new Promise<never>((_, reject) => { fail = reject })
    const ownOverrides = {
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) {
        Promise.resolve(typeof wasm === 'function' ? wasm() : wasm)
          .then((source) => instantiate(source, imports))
          .then(({ instance, module }) => done(instance, module), fail)
        return {}
      },
    }
    overrides = ownOverrides
    ready = Promise.race([prepareZXingModule({ overrides: ownOverrides, equalityFn: Object.is, fireImmediately: true }), failed])
    ready.catch(() => { ready = undefined; overrides = undefined; purgeZXingModule() })
    return ready
  }

  return async function decodeQrImage(bytes, options = {}) {
    const maxBytes = options.maxBytes ?? QR_IMAGE_LIMITS.maxBytes
    const maxPixels = options.maxPixels ?? QR_IMAGE_LIMITS.maxPixels
    if (bytes.byteLength > maxBytes) {
      throw new QrDecodeError('QR_IMAGE_TOO_LARGE', `the image is larger than ${maxBytes} bytes`)
    }
    const { width, height } = readImageHeader(bytes)
    if (width * height > maxPixels) {
      throw new QrDecodeError('QR_IMAGE_TOO_LARGE', `the image has more than ${maxPixels} pixels`)
    }
    try {
      await prepare()
    } catch (error) {
      throw new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder could not be loaded', { cause: error })
    }
    for (const pass of READ_PASSES) {
      let results: ReadResult[]
      try {
        results = await readBarcodes(bytes, pass)
      } catch (error) {
        // A wasm trap (e.g. out of memory) leaves the instance unusable: drop it, the next call re-creates it.
        ready = undefined
        overrides = undefined
        purgeZXingModule()
        throw new QrDecodeError('QR_IMAGE_UNSUPPORTED', 'the image could not be decoded', { cause: error })
      }
      const text = firstQrText(results)
      if (text !== undefined) return text
    }
    throw new QrDecodeError('QR_NOT_FOUND', 'no readable QR code was found in the image')
  }
}

/** The text of the first valid QR code; a load failure means the pixels themselves are unreadable. */
function firstQrText(results: readonly ReadResult[]): string | undefined {
  if (results.some((r) => !r.isValid && r.error.startsWith('Failed to load image'))) {
    throw new QrDecodeError('QR_IMAGE_UNSUPPORTED', 'the image is corrupt or uses an unsupported encoding')
  }
  return results.find((r) => r.isValid && r.symbology === 'QRCode')?.text
}

async function instantiate(
  source: ZxingWasmSource,
  imports: WebAssembly.Imports,
): Promise<{ instance: WebAssembly.Instance; module: WebAssembly.Module }> {
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source }
  }
  return WebAssembly.instantiate(source as BufferSource, imports)
}
