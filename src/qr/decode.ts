// Decodes the QR code in a photo or screenshot (PNG or JPEG) with zxing-wasm, the maintained
// WebAssembly build of ZXing-C++. This module is runtime-agnostic: the caller injects the decoder's
// .wasm (bytes on Node, the WebAssembly.Module a Worker imports), so the library never fetches it
// from its default CDN. The image's size and declared pixel count are checked from its header before
// any decoding, so an oversized image or a decompression bomb is refused without being expanded, and
// so is one whose decoded pixels would need more memory than allowed. The search runs in bounded
// passes, cheapest first; a pass starts only before the caller's deadline. A single pass cannot be
// interrupted here: on Node the worker pool (decode-pool.ts) terminates the thread at the deadline; on
// Workers the platform's CPU limit ends the request.
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
  /** Largest estimated decoder memory for the image (decoded pixels and the search's bit matrices). */
  readonly maxDecodeBytes?: number
  /** No search pass starts at or after this instant (milliseconds on `now`'s clock). */
  readonly deadline?: number
  /** The clock `deadline` is read on (default Date.now). */
  readonly now?: () => number
}

export const QR_IMAGE_LIMITS = { maxBytes: 4 * 1024 * 1024, maxPixels: 16_000_000, maxDecodeBytes: 128 * 1024 * 1024 } as const

/** Decoder memory an image needs: its decoded pixels, their grey copy and the binarized matrix. */
export function decodeMemoryEstimate(header: { width: number; height: number; bytesPerPixel: number }): number {
  return header.width * header.height * (header.bytesPerPixel + 2)
}

export type QrImageDecoder = (bytes: Uint8Array, options?: QrDecodeOptions) => Promise<string>

// A quick pass first (a sparse scan of the image and its downscaled copies), which reads ordinary
// photos and screenshots at a bounded cost even on hostile pictures. Then ZXing's "try harder" search with rotations, inverted images and downscaling of large
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
const QUICK_READER: ReaderOptions = { ...BASE_READER, tryHarder: false }
const READ_PASSES: readonly ReaderOptions[] = [QUICK_READER, BASE_READER, { ...BASE_READER, binarizer: 'GlobalHistogram' }]

export interface QrImageDecoderHooks {
  /** Called with each new wasm instance (the Node pool reads its memory size from it). */
  readonly onInstance?: (instance: WebAssembly.Instance) => void
}

/**
 * A decoder bound to one wasm source. The wasm is instantiated on first use and kept. zxing-wasm
 * holds one instance per process, so create one decoder per process (Node edge or Worker module).
 */
export function createQrImageDecoder(
  wasm: ZxingWasmSource | (() => Promise<ZxingWasmSource>),
  hooks: QrImageDecoderHooks = {},
): QrImageDecoder {
  let ready: Promise<unknown> | undefined
  let overrides: object | undefined

  function prepare(): Promise<unknown> {
    if (ready && overrides) {
      // Cheap when nothing else replaced the instance: zxing-wasm returns its cached promise.
      return prepareZXingModule({ overrides, equalityFn: Object.is, fireImmediately: true })
    }
    let fail: (error: unknown) => void = () => {}
    const failed = new Promise<never>((_, reject) => {
      fail = reject
    })
    const ownOverrides = {
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) {
        Promise.resolve(typeof wasm === 'function' ? wasm() : wasm)
          .then((source) => instantiate(source, imports))
          .then(({ instance, module }) => {
            hooks.onInstance?.(instance)
            done(instance, module)
          }, fail)
        return {}
      },
    }
    overrides = ownOverrides
    ready = Promise.race([prepareZXingModule({ overrides: ownOverrides, equalityFn: Object.is, fireImmediately: true }), failed])
    ready.catch(() => {
      ready = undefined
      overrides = undefined
      purgeZXingModule()
    })
    return ready
  }

  return async function decodeQrImage(bytes, options = {}) {
    const maxBytes = options.maxBytes ?? QR_IMAGE_LIMITS.maxBytes
    const maxPixels = options.maxPixels ?? QR_IMAGE_LIMITS.maxPixels
    if (bytes.byteLength > maxBytes) {
      throw new QrDecodeError('QR_IMAGE_TOO_LARGE', `the image is larger than ${maxBytes} bytes`)
    }
    const header = readImageHeader(bytes)
    if (header.width * header.height > maxPixels) {
      throw new QrDecodeError('QR_IMAGE_TOO_LARGE', `the image has more than ${maxPixels} pixels`)
    }
    const maxDecodeBytes = options.maxDecodeBytes ?? QR_IMAGE_LIMITS.maxDecodeBytes
    if (decodeMemoryEstimate(header) > maxDecodeBytes) {
      throw new QrDecodeError('QR_DECODE_LIMIT', `decoding the image would need more than ${maxDecodeBytes >> 20} MiB`)
    }
    const now = options.now ?? Date.now
    try {
      await prepare()
    } catch (error) {
      throw new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder could not be loaded', { cause: error })
    }
    for (const pass of READ_PASSES) {
      if (options.deadline !== undefined && now() >= options.deadline) {
        throw new QrDecodeError('QR_DECODE_LIMIT', 'no QR code was found within the time allowed for one image')
      }
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
