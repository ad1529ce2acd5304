// The Node edge of QR image decoding for the service: a small pool of worker threads, so that no
// image, however hostile, blocks the request thread. Each image has a hard deadline (the worker is
// terminated and replaced when it passes) and a memory cap (the decoder refuses an image whose pixels
// would need too much memory; the worker's JS heap is bounded by resourceLimits, and a worker that
// runs out, or whose wasm memory stays grown past the cap, is replaced). A decode that runs out
// answers QR_DECODE_LIMIT (422); a full queue answers QR_DECODER_UNAVAILABLE (503).
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { QR_IMAGE_LIMITS, QrDecodeError, type QrDecodeErrorCode, type QrDecodeOptions, type QrImageDecoder } from '../../../qr/decode.ts'
import { loadZxingReaderWasm } from './decode.ts'
import type { DecodeAnswer, DecodeRequest } from './decode-worker.ts'

export type QrPoolEvent =
  | { readonly type: 'start'; readonly id: number }
  | { readonly type: 'end'; readonly id: number; readonly outcome: 'text' | QrDecodeErrorCode }
  | { readonly type: 'replaced'; readonly reason: 'deadline' | 'memory' | 'exit' }

export interface QrDecodePoolOptions {
  /** Worker threads at most (started on demand). Default: 2, or 1 on a single core. */
  readonly size?: number
  /** Hard deadline of one image, from the moment a worker takes it. Default 5 s. */
  readonly deadlineMs?: number
  /** Largest estimated decoder memory of one image (see decodeMemoryEstimate). Default 128 MiB. */
  readonly maxDecodeBytes?: number
  /** A worker whose wasm memory is larger than this after an image is replaced. Default 192 MiB. */
  readonly maxWasmBytes?: number
  /** JS heap of one worker (resourceLimits.maxOldGenerationSizeMb). Default 64. */
  readonly heapMb?: number
  /** Images waiting for a worker at most. Default 16. */
  readonly maxQueue?: number
  /** Starts the deadline timer; returns its cancel. Injected by tests; default setTimeout. */
  readonly timer?: (ms: number, fire: () => void) => () => void
  readonly onEvent?: (event: QrPoolEvent) => void
}

export interface QrDecodePool {
  readonly decode: QrImageDecoder
  close(): Promise<void>
}

interface Job {
  readonly id: number
  readonly bytes: Uint8Array
  readonly options: QrDecodeOptions
  resolve(text: string): void
  reject(error: QrDecodeError): void
}

interface Slot {
  readonly worker: Worker
  ready: boolean
  job?: Job
  cancelDeadline?: () => void
}

const realTimer = (ms: number, fire: () => void) => {
  const handle = setTimeout(fire, ms)
  return () => clearTimeout(handle)
}

/** Pool settings from the environment: CERTBRIDGE_QR_WORKERS, CERTBRIDGE_QR_DEADLINE_MS, CERTBRIDGE_QR_MEMORY_MB. */
export function qrPoolOptionsFromEnv(env: Record<string, string | undefined>): QrDecodePoolOptions {
  const positive = (name: string): number | undefined => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const n = Number(raw)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
    return n
  }
  const memoryMb = positive('CERTBRIDGE_QR_MEMORY_MB')
  return {
    ...(positive('CERTBRIDGE_QR_WORKERS') !== undefined ? { size: positive('CERTBRIDGE_QR_WORKERS') } : {}),
    ...(positive('CERTBRIDGE_QR_DEADLINE_MS') !== undefined ? { deadlineMs: positive('CERTBRIDGE_QR_DEADLINE_MS') } : {}),
    ...(memoryMb !== undefined ? { maxDecodeBytes: memoryMb * 2 ** 20 } : {}),
  }
}

export function createQrDecodePool(options: QrDecodePoolOptions = {}): QrDecodePool {
  const size = options.size ?? Math.min(2, availableParallelism())
  const deadlineMs = options.deadlineMs ?? 5_000
  const maxDecodeBytes = options.maxDecodeBytes ?? QR_IMAGE_LIMITS.maxDecodeBytes
  const maxWasmBytes = options.maxWasmBytes ?? 192 * 2 ** 20
  const maxQueue = options.maxQueue ?? 16
  const timer = options.timer ?? realTimer
  const emit = options.onEvent ?? (() => {})
  const slots = new Set<Slot>()
  const queue: Job[] = []
  let nextId = 1
  let wasm: WebAssembly.Module | undefined
  let closed = false

  function spawn(wasm: WebAssembly.Module): void {
    const worker = new Worker(new URL('./decode-worker-boot.mjs', import.meta.url), {
      workerData: { wasm },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 64, maxYoungGenerationSizeMb: 16 },
    })
    worker.unref()
    const slot: Slot = { worker, ready: false }
    slots.add(slot)
    worker.on('message', (message: DecodeAnswer) => {
      if (message.type === 'ready') {
        slot.ready = true
        return pump()
      }
      const job = slot.job
      if (!job || job.id !== message.id) return
      slot.cancelDeadline?.()
      slot.job = undefined
      if ('text' in message) finish(job, message.text)
      else finish(job, new QrDecodeError(message.code as QrDecodeErrorCode, message.message))
      if (message.wasmBytes > maxWasmBytes) replace(slot, 'memory')
      else pump()
    })
    // A worker out of heap (ERR_WORKER_OUT_OF_MEMORY) or crashed: its image ran out; replace it.
    worker.on('error', () => {})
    worker.on('exit', () => {
      if (!slots.has(slot)) return
      const job = slot.job
      slot.cancelDeadline?.()
      slots.delete(slot)
      if (job) finish(job, new QrDecodeError('QR_DECODE_LIMIT', 'decoding the image needed more memory than allowed'))
      if (closed) return
      emit({ type: 'replaced', reason: 'exit' })
      // A worker that never came up (a deployment fault): fail what waits rather than respawn in a loop.
      if (!slot.ready) {
        for (const waiting of queue.splice(0))
          finish(waiting, new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder could not be started'))
      }
      pump()
    })
  }

  function replace(slot: Slot, reason: 'deadline' | 'memory'): void {
    slots.delete(slot)
    slot.cancelDeadline?.()
    void slot.worker.terminate()
    emit({ type: 'replaced', reason })
    // The replacement starts now, so the next image does not wait for a worker to boot.
    if (!closed && wasm) spawn(wasm)
    pump()
  }

  function finish(job: Job, outcome: string | QrDecodeError): void {
    emit({ type: 'end', id: job.id, outcome: typeof outcome === 'string' ? 'text' : outcome.code })
    if (typeof outcome === 'string') job.resolve(outcome)
    else job.reject(outcome)
  }

  function pump(): void {
    if (closed || queue.length === 0) return
    const idle = [...slots].find((s) => s.ready && !s.job)
    if (!idle) {
      if (slots.size < size && wasm) spawn(wasm)
      return
    }
    const job = queue.shift()!
    idle.job = job
    idle.cancelDeadline = timer(deadlineMs, () => {
      if (idle.job !== job) return
      idle.job = undefined
      finish(job, new QrDecodeError('QR_DECODE_LIMIT', `no QR code was found within ${deadlineMs} ms allowed for one image`))
      replace(idle, 'deadline')
    })
    const { maxBytes, maxPixels } = job.options
    const request: DecodeRequest = {
      id: job.id,
      bytes: job.bytes,
      options: { maxBytes, maxPixels, maxDecodeBytes: job.options.maxDecodeBytes ?? maxDecodeBytes, deadlineMs },
    }
    idle.worker.postMessage(request)
    emit({ type: 'start', id: job.id })
    pump()
  }

  async function decode(bytes: Uint8Array, decodeOptions: QrDecodeOptions = {}): Promise<string> {
    if (closed) throw new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder is shut down')
    try {
      wasm ??= (await loadZxingReaderWasm()) as WebAssembly.Module
    } catch (error) {
      throw new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder could not be loaded', { cause: error })
    }
    if (queue.length >= maxQueue) throw new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder is busy; try again shortly')
    return new Promise<string>((resolve, reject) => {
      queue.push({ id: nextId++, bytes, options: decodeOptions, resolve, reject })
      pump()
    })
  }

  return {
    decode,
    async close() {
      closed = true
      for (const job of queue.splice(0)) job.reject(new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder is shut down'))
      const running = [...slots]
      slots.clear()
      for (const slot of running) {
        slot.cancelDeadline?.()
        if (slot.job) slot.job.reject(new QrDecodeError('QR_DECODER_UNAVAILABLE', 'the QR decoder is shut down'))
      }
      await Promise.all(running.map((s) => s.worker.terminate()))
    },
  }
}

/** One image in a worker of its own (the CLI): the same deadline and memory cap as the service's. */
export async function decodeQrImageInWorker(
  bytes: Uint8Array,
  options: QrDecodeOptions = {},
  pool: QrDecodePoolOptions = {},
): Promise<string> {
  const once = createQrDecodePool({ size: 1, ...pool })
  try {
    return await once.decode(bytes, options)
  } finally {
    await once.close()
  }
}
