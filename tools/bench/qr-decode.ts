// QR image decoding as the Node service does it (the worker-thread pool of src/runtime/node/qr/decode-pool.ts):
// the time of a normal phone photo, of hostile images (generated: a 4000² PNG tiled with finder
// patterns, a 4000² 16-bit PNG), and the process RSS after 100 hostile uploads to POST /v1/verify of
// the real server (sandbox mode, 127.0.0.1). Short by design; the deadline of the upload run is
// CERTBRIDGE_QR_DEADLINE_MS (1 s here unless set) so that it ends in about a minute.
// Run: npx tsx tools/bench/qr-decode.ts [uploads]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../../src/platform/log.ts'
import { startServer } from '../../src/runtime/node/main.ts'
import { createQrDecodePool } from '../../src/runtime/node/qr/decode-pool.ts'
import { finderTiledPng, sixteenBitPng } from '../../test/faults/hostile-images.ts'

const uploads = Number(process.argv[2] ?? 100)
const photo = new Uint8Array(readFileSync(new URL('../../test/fixtures/qr/photo.jpg', import.meta.url)))
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`

async function timed(label: string, run: () => Promise<string>, runs = 1): Promise<void> {
  const ms: number[] = []
  let outcome = ''
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    outcome = await run().then(
      () => 'read',
      (e: { code?: string }) => e.code ?? String(e),
    )
    ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  console.log(`${label}: ${outcome}, median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms (${runs} run${runs > 1 ? 's' : ''})`)
}

// 1. The pool with the service's defaults (5 s deadline, 128 MiB per image).
const pool = createQrDecodePool()
await pool.decode(photo) // starts a worker
await timed('phone photo 1400×1050 JPEG (test/fixtures/qr/photo.jpg)', () => pool.decode(photo), 10)
for (const module of [4, 2, 1]) {
  const image = finderTiledPng(4000, module)
  await timed(`4000² PNG tiled with finder patterns, ${module} px modules (${(image.length / 1024).toFixed(0)} KiB)`, () =>
    pool.decode(image),
  )
}
const deep = sixteenBitPng(4000)
await timed(`4000² 16-bit greyscale PNG (${(deep.length / 1024).toFixed(0)} KiB)`, () => pool.decode(deep))
await pool.close()

// 2. The real server: RSS before and after `uploads` hostile uploads, alternating the two kinds.
const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-bench-qr-'))
const server = await startServer({
  port: 0,
  dataDir,
  env: {
    ...process.env,
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000',
    CERTBRIDGE_QR_DEADLINE_MS: process.env.CERTBRIDGE_QR_DEADLINE_MS ?? '1000',
  },
  log: createLogger(() => {}),
})
const hostile = [finderTiledPng(4000, 1), sixteenBitPng(4000)]
const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
  const form = new FormData()
  form.append('image', new Blob([bytes], { type: 'image/png' }), 'picture.png')
  const res = await fetch(`${server.url}/v1/verify`, { method: 'POST', body: form })
  return ((await res.json()) as { code?: string }).code ?? String(res.status)
}
await upload(photo)
const before = process.memoryUsage().rss
const codes: Record<string, number> = {}
const started = performance.now()
for (let i = 0; i < uploads; i += 2) {
  const answers = await Promise.all([upload(hostile[0]!), upload(hostile[1]!)])
  for (const code of answers) codes[code] = (codes[code] ?? 0) + 1
  if ((i + 2) % 20 === 0) console.log(`  after ${i + 2} uploads: process RSS ${mb(process.memoryUsage().rss)}`)
}
const after = process.memoryUsage().rss
console.log(
  `${uploads} hostile uploads in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(codes)}; process RSS ${mb(before)} before, ${mb(after)} after`,
)
await server.close()
rmSync(dataDir, { recursive: true, force: true })
