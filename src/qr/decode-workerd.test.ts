// The runtime-agnostic decoder inside workerd (through Miniflare): the Worker imports the reader
// .wasm as a compiled module, as wrangler bundles it, and outbound network is refused, so the
// library's default CDN fetch would fail the test.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const fixtures = new URL('../../test/fixtures/qr/', import.meta.url)
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)))
const hc1 = readFileSync(new URL('hc1.txt', fixtures), 'utf8')
const WASM = 'zxing-wasm/reader/zxing_reader.wasm'

const worker = `
import wasm from '${WASM}'
import { createQrImageDecoder, QrDecodeError } from './decode.ts'
const decode = createQrImageDecoder(wasm)
export default {
  async fetch(request) {
    try {
      return new Response(await decode(new Uint8Array(await request.arrayBuffer())))
    } catch (error) {
      return new Response(error instanceof QrDecodeError ? error.code : 'UNTYPED', { status: 422 })
    }
  },
}`

describe('decodeQrImage in workerd', () => {
  let mf: Miniflare
  let outbound = 0

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: worker, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      external: [WASM],
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'import'],
    })
    mf = new Miniflare({
      compatibilityDate: '2025-01-01',
      modules: [
        { type: 'ESModule', path: 'worker.js', contents: bundle.outputFiles[0]!.text },
        { type: 'CompiledWasm', path: WASM, contents: readFileSync(createRequire(import.meta.url).resolve(WASM)) },
      ],
      outboundService: () => {
        outbound++
        return new Response('no network', { status: 599 })
      },
    })
    await mf.ready
  }, 60_000)

  afterAll(async () => {
    await mf?.dispose()
  })

  const post = async (body: Uint8Array) => {
    const response = await mf.dispatchFetch('http://localhost/', { method: 'POST', body })
    return { status: response.status, text: await response.text() }
  }

  it.each(['clean.jpg', 'screenshot.png', 'photo.jpg', 'speckled.jpg'])('reads %s', async (name) => {
    expect(await post(fixture(name))).toEqual({ status: 200, text: hc1 })
  })

  it('answers typed codes for a non-image and a bomb header, and never goes to the network', async () => {
    expect(await post(new TextEncoder().encode('not an image'))).toEqual({ status: 422, text: 'QR_IMAGE_UNSUPPORTED' })
    const bomb = fixture('inverted.png').slice()
    new DataView(bomb.buffer).setUint32(16, 50_000)
    new DataView(bomb.buffer).setUint32(20, 50_000)
    expect(await post(bomb)).toEqual({ status: 422, text: 'QR_IMAGE_TOO_LARGE' })
    expect(outbound).toBe(0)
  })
})
