// The Node edge of QR image decoding: reads zxing-wasm's reader .wasm from node_modules once (never
// from the library's default CDN) and hands it to the runtime-agnostic decoder.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createQrImageDecoder, type ZxingWasmSource } from '../../../qr/decode.ts'

export { QR_IMAGE_LIMITS, QrDecodeError, type QrDecodeErrorCode, type QrDecodeOptions } from '../../../qr/decode.ts'

let wasm: Promise<ZxingWasmSource> | undefined

/** The compiled reader module, loaded from the installed package on first use. */
export function loadZxingReaderWasm(): Promise<ZxingWasmSource> {
  wasm ??= (async () => {
    const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')
    return WebAssembly.compile(await readFile(path))
  })()
  wasm.catch(() => {
    wasm = undefined
  })
  return wasm
}

/** The text of the first QR code in a PNG or JPEG image; see createQrImageDecoder for the errors. */
export const decodeQrImage = createQrImageDecoder(loadZxingReaderWasm)
