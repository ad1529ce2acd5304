// The worker-thread pool that decodes QR images for the Node service: same answers as in-process,
// a hard deadline that terminates and replaces the worker (the deadline timer is injected, so the
// test fires it, not the clock), a memory cap, a replaced worker after its wasm memory grew, and a
// bounded queue.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { finderTiledPng, sixteenBitPng } from '../../../../test/faults/hostile-images.ts'
import { createQrDecodePool, qrPoolOptionsFromEnv, type QrDecodePool, type QrPoolEvent } from './decode-pool.ts'
import { QrDecodeError } from '../../../qr/decode.ts'

const fixtures = new URL('../../../../test/fixtures/qr/', import.meta.url)
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)))
const hc1 = readFileSync(new URL('hc1.txt', fixtures), 'utf8')

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(QrDecodeError)
  return (error as QrDecodeError).code
}

/** A deadline timer the test fires by hand. */
function manualTimer() {
  const pending: (() => void)[] = []
  return {
    timer: (_ms: number, fire: () => void) => {
      pending.push(fire)
      return () => {
        pending.splice(pending.indexOf(fire), 1)
      }
    },
    fireAll: () => {
      for (const fire of pending.splice(0)) fire()
    },
    get pending() {
      return pending.length
    },
  }
}

let pool: QrDecodePool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

describe('QR decode pool', () => {
  it('reads the fixtures in a worker thread to the exact text', async () => {
    const events: QrPoolEvent[] = []
    pool = createQrDecodePool({ size: 2, onEvent: (e) => events.push(e) })
    const texts = await Promise.all(['photo.jpg', 'screenshot.png', 'speckled.jpg'].map((n) => pool!.decode(fixture(n))))
    expect(texts).toEqual([hc1, hc1, hc1])
    expect(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && e.outcome)).toEqual(['text', 'text', 'text'])
    expect(await codeOf(pool.decode(new TextEncoder().encode('not an image')))).toBe('QR_IMAGE_UNSUPPORTED')
  })

  it('ends a hostile image at its deadline with QR_DECODE_LIMIT, replaces the worker, and reads the next image', async () => {
    const clock = manualTimer()
    const events: QrPoolEvent[] = []
    pool = createQrDecodePool({
      size: 1,
      timer: clock.timer,
      // The deadline fires as soon as the worker has the image: no 16-megapixel search ends in between.
      onEvent: (e) => {
        events.push(e)
        if (e.type === 'start' && e.id === 1) clock.fireAll()
      },
    })
    expect(await codeOf(pool.decode(finderTiledPng(4000, 1)))).toBe('QR_DECODE_LIMIT')
    expect(events).toContainEqual({ type: 'replaced', reason: 'deadline' })
    expect(await pool.decode(fixture('photo.jpg'))).toBe(hc1)
    expect(clock.pending).toBe(0)
  })

  it('refuses an image whose pixels need more memory than the cap, before decoding it', async () => {
    const events: QrPoolEvent[] = []
    pool = createQrDecodePool({ size: 1, maxDecodeBytes: 32 * 2 ** 20, onEvent: (e) => events.push(e) })
    // 4000 × 4000 × 16-bit grey: 32 MB of samples, 64 MB with the grey copy and the bit matrix.
    expect(await codeOf(pool.decode(sixteenBitPng(4000)))).toBe('QR_DECODE_LIMIT')
    expect(events.filter((e) => e.type === 'replaced')).toEqual([])
    expect(await pool.decode(fixture('clean.jpg'))).toBe(hc1)
  })

  it('replaces a worker whose wasm memory grew past the cap, and keeps answering', async () => {
    const events: QrPoolEvent[] = []
    pool = createQrDecodePool({ size: 1, maxWasmBytes: 1, onEvent: (e) => events.push(e) })
    expect(await pool.decode(fixture('clean.jpg'))).toBe(hc1)
    expect(await pool.decode(fixture('photo.jpg'))).toBe(hc1)
    expect(events.filter((e) => e.type === 'replaced')).toEqual([
      { type: 'replaced', reason: 'memory' },
      { type: 'replaced', reason: 'memory' },
    ])
  })

  it('answers QR_DECODER_UNAVAILABLE when the queue is full, and on close', async () => {
    const clock = manualTimer()
    let started = () => {}
    const start = new Promise<void>((resolve) => {
      started = resolve
    })
    pool = createQrDecodePool({
      size: 1,
      maxQueue: 1,
      timer: clock.timer,
      onEvent: (e) => {
        if (e.type === 'start') started()
      },
    })
    const image = finderTiledPng(4000, 1)
    const running = pool.decode(image)
    await start
    const waiting = pool.decode(image)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await codeOf(pool.decode(image))).toBe('QR_DECODER_UNAVAILABLE')
    const closing = pool.close()
    expect(await codeOf(running)).toBe('QR_DECODER_UNAVAILABLE')
    expect(await codeOf(waiting)).toBe('QR_DECODER_UNAVAILABLE')
    await closing
  })

  it('reads its settings from the environment', () => {
    expect(qrPoolOptionsFromEnv({ CERTBRIDGE_QR_WORKERS: '3', CERTBRIDGE_QR_DEADLINE_MS: '2500', CERTBRIDGE_QR_MEMORY_MB: '64' })).toEqual({
      size: 3,
      deadlineMs: 2500,
      maxDecodeBytes: 64 * 2 ** 20,
    })
    expect(qrPoolOptionsFromEnv({})).toEqual({})
    expect(() => qrPoolOptionsFromEnv({ CERTBRIDGE_QR_DEADLINE_MS: '0' })).toThrow(/CERTBRIDGE_QR_DEADLINE_MS/)
  })
})
