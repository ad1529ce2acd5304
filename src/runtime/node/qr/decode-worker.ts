// The body of one QR decoding worker thread (started by src/runtime/node/qr/decode-pool.ts): decodes one image per
// message with the runtime-agnostic decoder, and reports with each answer how large the zxing wasm
// memory has grown (the pool replaces a worker whose memory stays too large). The compiled reader
// module comes from the parent in workerData, so no worker reads or compiles the .wasm itself.
import { parentPort, workerData } from 'node:worker_threads'
import { createQrImageDecoder, QrDecodeError, type QrDecodeOptions } from '../../../qr/decode.ts'

export interface DecodeRequest {
  readonly id: number
  readonly bytes: Uint8Array
  readonly options: Pick<QrDecodeOptions, 'maxBytes' | 'maxPixels' | 'maxDecodeBytes'> & { readonly deadlineMs: number }
}

export type DecodeAnswer =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly id: number; readonly text: string; readonly wasmBytes: number }
  | { readonly type: 'answer'; readonly id: number; readonly code: string; readonly message: string; readonly wasmBytes: number }

const port = parentPort
if (!port) throw new Error('decode-worker runs only as a worker thread')
const { wasm } = workerData as { wasm: WebAssembly.Module }

let memory: WebAssembly.Memory | undefined
const decode = createQrImageDecoder(wasm, {
  onInstance(instance) {
    memory = Object.values(instance.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory)
  },
})

port.on('message', async ({ id, bytes, options }: DecodeRequest) => {
  const { deadlineMs, ...limits } = options
  let answer: DecodeAnswer
  try {
    const text = await decode(bytes, { ...limits, deadline: Date.now() + deadlineMs })
    answer = { type: 'answer', id, text, wasmBytes: memory?.buffer.byteLength ?? 0 }
  } catch (error) {
    const typed = error instanceof QrDecodeError
    answer = {
      type: 'answer',
      id,
      code: typed ? error.code : 'QR_IMAGE_UNSUPPORTED',
      message: typed ? error.message : 'the image could not be decoded',
      wasmBytes: memory?.buffer.byteLength ?? 0,
    }
  }
  port.postMessage(answer)
})
port.postMessage({ type: 'ready' } satisfies DecodeAnswer)
