// Times QR image decoding on Node: a clean phone screenshot (the committed fixture) and a generated
// 12-megapixel photo (4000 × 3000 JPEG; needs ImageMagick 6 at /usr/bin/convert).
// Run: npx tsx tools/bench/qr-decode-images.ts
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeQrImage, loadZxingReaderWasm } from '../../src/runtime/node/qr/decode.ts'
import { renderQr } from '../../src/qr/render.ts'

const fixtures = new URL('../../test/fixtures/qr/', import.meta.url)
const hc1 = readFileSync(new URL('hc1.txt', fixtures), 'utf8')

async function time(label: string, bytes: Uint8Array, runs: number, maxBytes?: number): Promise<void> {
  const options = maxBytes === undefined ? {} : { maxBytes }
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const text = await decodeQrImage(bytes, options)
    ms.push(performance.now() - started)
    if (text !== hc1) throw new Error(`${label}: decoded text differs`)
  }
  ms.sort((a, b) => a - b)
  const median = ms[Math.floor(ms.length / 2)] ?? NaN
  console.log(
    `${label}: ${(bytes.length / 1024).toFixed(0)} KiB, median ${median.toFixed(1)} ms, min ${ms[0]?.toFixed(1)} ms, max ${ms.at(-1)?.toFixed(1)} ms (${runs} runs)`,
  )
}

function twelveMegapixelPhoto(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'certbridge-qr-'))
  try {
    const source = renderQr(hc1, { scale: 12 }).png
    writeFileSync(
      join(dir, 'qr.png'),
      Uint8Array.from(atob(source.slice(source.indexOf(',') + 1)), (c) => c.charCodeAt(0)),
    )
    execFileSync('/usr/bin/convert', [
      '-size',
      '4000x3000',
      '-seed',
      '11',
      'plasma:#8a7a66-#5a4c3c',
      '-blur',
      '0x3',
      '(',
      join(dir, 'qr.png'),
      '-bordercolor',
      'white',
      '-border',
      '60',
      '-background',
      'none',
      '-rotate',
      '6',
      ')',
      '-gravity',
      'center',
      '-composite',
      '-blur',
      '0x1.5',
      '-seed',
      '3',
      '-attenuate',
      '1.2',
      '+noise',
      'Gaussian',
      '+level',
      '8%,88%',
      '-strip',
      '-quality',
      '88',
      join(dir, 'photo.jpg'),
    ])
    return new Uint8Array(readFileSync(join(dir, 'photo.jpg')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

let started = performance.now()
await loadZxingReaderWasm()
console.log(`wasm read and compiled: ${(performance.now() - started).toFixed(1)} ms`)
const screenshot = new Uint8Array(readFileSync(new URL('screenshot.png', fixtures)))
started = performance.now()
await decodeQrImage(screenshot)
console.log(`first decode (instantiates the wasm): ${(performance.now() - started).toFixed(1)} ms`)
await time('screenshot 1080x1920 PNG', screenshot, 20)
const photo = twelveMegapixelPhoto()
await time('photo 4000x3000 JPEG', photo, 5, 16 * 1024 * 1024)
