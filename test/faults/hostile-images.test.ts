// Hostile QR uploads against the real Node server (sandbox mode, 127.0.0.1): a 4000 × 4000 PNG tiled
// with finder patterns decodes in a worker thread while /healthz keeps answering, and runs out with a
// coded 422 at its deadline; a 4000² 16-bit PNG over the memory cap is refused with the same code.
// The deadline timer is injected: the test fires it after /healthz has answered, so what is asserted
// is the order of events, never a duration.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/runtime/node/main.ts'
import { createLogger } from '../../src/platform/log.ts'
import type { QrPoolEvent } from '../../src/runtime/node/qr/decode-pool.ts'
import { finderTiledPng, sixteenBitPng } from './hostile-images.ts'

const fixtures = new URL('../fixtures/qr/', import.meta.url)
const photo = new Uint8Array(readFileSync(new URL('photo.jpg', fixtures)))

let server: RunningServer
let dataDir: string
const events: QrPoolEvent[] = []
const deadlines: (() => void)[] = []
const waiters: { test: (e: QrPoolEvent) => boolean; resolve: () => void }[] = []

function nextEvent(test: (e: QrPoolEvent) => boolean): Promise<void> {
  if (events.some(test)) return Promise.resolve()
  return new Promise((resolve) => waiters.push({ test, resolve }))
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'certbridge-hostile-'))
  server = await startServer({
    port: 0,
    dataDir,
    env: { CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000' },
    log: createLogger(() => {}),
    qrPool: {
      size: 1,
      maxDecodeBytes: 48 * 2 ** 20,
      timer: (_ms, fire) => {
        deadlines.push(fire)
        return () => {
          deadlines.splice(deadlines.indexOf(fire), 1)
        }
      },
      onEvent: (e) => {
        events.push(e)
        for (const w of waiters.filter((w) => w.test(e))) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve()
        }
      },
    },
  })
}, 60_000)

afterAll(async () => {
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function upload(
  bytes: Uint8Array<ArrayBuffer>,
  type = 'image/png',
): Promise<{ status: number; code?: string; body: Record<string, unknown> }> {
  const form = new FormData()
  form.append('image', new Blob([bytes], { type }), 'picture')
  const res = await fetch(`${server.url}/v1/verify`, { method: 'POST', body: form })
  const body = (await res.json()) as Record<string, unknown>
  return { status: res.status, ...(typeof body.code === 'string' ? { code: body.code } : {}), body }
}

describe('hostile QR images over HTTP', () => {
  it('answers /healthz while a finder-tiled 4000² PNG decodes, then ends that decode with a coded 422', async () => {
    const image = finderTiledPng(4000, 1)
    expect(image.length).toBeLessThan(64 * 1024)
    const started = events.length
    const answer = upload(image)
    await nextEvent((e) => e.type === 'start' && events.indexOf(e) >= started)

    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.url}/healthz`)
      expect(health.status).toBe(200)
      await health.body?.cancel()
    }
    // /healthz answered five times, and the image is still being searched: no end, no replacement.
    expect(events.slice(started).map((e) => e.type)).toEqual(['start'])
    expect(deadlines).toHaveLength(1)

    deadlines[0]!()
    const result = await answer
    expect([result.status, result.code]).toEqual([422, 'QR_DECODE_LIMIT'])
    expect(result.body.detail).not.toMatch(/HC1|\d{6,}/)
    expect(events.slice(started).map((e) => e.type)).toEqual(['start', 'end', 'replaced'])

    // The replaced worker reads the next upload: a phone photo whose QR holds a synthetic HC1 (not
    // base45 inside), so the verifier, reached only with the decoded text, answers HCERT_BASE45.
    const next = await upload(photo, 'image/jpeg')
    expect([next.status, next.body.status]).toEqual([200, 'HCERT_BASE45'])
  })

  it('refuses a 4000² 16-bit PNG over the per-image memory cap with a coded 422, without a worker running out', async () => {
    const started = events.length
    const result = await upload(sixteenBitPng(4000))
    expect([result.status, result.code]).toEqual([422, 'QR_DECODE_LIMIT'])
    expect(events.slice(started).filter((e) => e.type === 'replaced')).toEqual([])
  })
})
