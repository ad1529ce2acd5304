// The Worker bundle that `wrangler deploy` would upload: nothing Node-only reachable (better-sqlite3,
// undici, @hono/node-server, fs, the Node edge), no code generation on the request path, under 1 MiB
// compressed; and the bundle itself starts in workerd with a migrated local D1 and issues a
// certificate that its own /v1/verify accepts.
import { readFileSync } from 'node:fs'
import type { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWorkerBundle, removeWorkerBundle, serveWorkerBundle, type BuiltBundle } from './bundle.ts'

const root = new URL('../../', import.meta.url).pathname
let bundle: BuiltBundle

beforeAll(async () => {
  bundle = await buildWorkerBundle()
}, 120_000)
afterAll(() => bundle && removeWorkerBundle(bundle))

const inputs = () => Object.keys(bundle.meta.inputs)
const externals = () => Object.values(bundle.meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path))
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')

// Code generation that is present but never runs on Workers: zod compiles validators only when
// `allowsEval` holds, which is false under `z.config({ jitless: true })` (adapters/_sdk/shape.ts) and
// on Cloudflare Workers (zod checks navigator.userAgent). cbor-x's no-eval build leaves its
// `new Function` sites bound to an undefined BlockedFunction.
const GUARDED_CODEGEN = ['node_modules/zod/v4/core/util.js', 'node_modules/zod/v4/core/doc.js', 'node_modules/zod/v4/core/compile.js']
const CODEGEN = /new\s+Function\b|(?<![\w.$])eval\s*\(|=\s*Function\s*[;,)]|(?<![\w.$])Function\s*\(/

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('imports only node:crypto, node:zlib and the QR decoder wasm from outside', () => {
    const outside = externals().map((p) => (p.endsWith('.wasm') ? '*.wasm' : p))
    expect([...new Set(outside)].sort()).toEqual(['*.wasm', 'node:crypto', 'node:zlib'])
  })

  it('contains nothing Node-only', () => {
    const forbidden = [
      /better-sqlite3/,
      /node_modules\/undici\//,
      /@hono\/node-server/,
      /^src\/node\.ts$/,
      /^src\/db\/node\.ts$/,
      /^src\/cli/,
      /^src\/qr\/decode-node\.ts$/,
      /^src\/trust\/keystore-file\.ts$/,
      /^src\/rules\/load-dir\.ts$/,
      /^src\/sandbox\/listen\.ts$/,
    ]
    expect(inputs().filter((i) => forbidden.some((f) => f.test(i)))).toEqual([])
    // Of the Node edge, only the primitives (node:crypto, node:zlib under nodejs_compat); no file reader.
    expect(inputs().filter((i) => i.startsWith('src/runtime/node/'))).toEqual(['src/runtime/node/primitives.ts'])
    expect(inputs()).toContain('src/runtime/workerd/database.ts')
    const ours = inputs().filter((i) => /^(src|adapters)\//.test(i) && i.endsWith('.ts'))
    const readsEnv = ours.filter((i) => /process\.env|\bprocess\.argv/.test(withoutComments(readFileSync(root + i, 'utf8'))))
    expect(readsEnv).toEqual([])
  })

  it('has no code generation on the request path', () => {
    const sites = inputs().filter(
      (i) => !i.endsWith('.wasm') && !i.endsWith('.json') && CODEGEN.test(withoutComments(readFileSync(root + i, 'utf8'))),
    )
    expect(sites.sort()).toEqual([...GUARDED_CODEGEN].sort())
    expect(inputs().filter((i) => i.includes('node_modules/cbor-x/'))).toEqual(['node_modules/cbor-x/dist/index-no-eval.cjs'])
    expect(inputs().filter((i) => /node_modules\/zod\/v4\/core\/index\.js$/.test(i))).toHaveLength(1) // one zod, so one jitless switch
    const shape = withoutComments(readFileSync(root + 'adapters/_sdk/shape.ts', 'utf8'))
    expect(shape).toMatch(/z\.config\(\{\s*jitless:\s*true\s*\}\)/)
  })

  it('is under 1 MiB compressed', () => {
    console.info(
      `Worker bundle: ${(bundle.raw / 1024).toFixed(0)} KiB raw, ${(bundle.gzip / 1024).toFixed(0)} KiB gzip (${bundle.modules.map((m) => `${m.name.replace(/^[0-9a-f]{40}-/, '')} ${(m.bytes.length / 1024).toFixed(0)} KiB`).join(', ')})`,
    )
    expect(bundle.gzip).toBeLessThan(1024 * 1024)
  })
})

describe('the bundle in workerd', () => {
  let mf: Miniflare
  const origin = 'https://certbridge.test'

  beforeAll(async () => {
    mf = await serveWorkerBundle(bundle)
  }, 60_000)
  afterAll(async () => mf?.dispose())

  it('starts in sandbox mode, issues from a Gosuslugi sample and verifies what it issued', async () => {
    const health = await mf.dispatchFetch(`${origin}/healthz`)
    expect(await health.json()).toEqual({ ok: true, mode: 'sandbox', checks: { database: 'ok', signingKey: 'ok' } })
    const { samples } = (await (await mf.dispatchFetch(`${origin}/v1/sandbox/samples`)).json()) as {
      samples: { adapter: string; qr: string; holder: object; expect: { status: number } }[]
    }
    const sample = samples.find((s) => s.adapter === 'ru-gosuslugi' && s.expect.status === 201)!
    const post = (path: string, body: unknown) =>
      mf.dispatchFetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.1' },
        body: JSON.stringify(body),
      })
    const issued = await post('/v1/certificates', { qr: sample.qr, holder: sample.holder, consent: true })
    expect(issued.status).toBe(201)
    const { hc1 } = (await issued.json()) as { hc1: string }
    const verified = (await (await post('/v1/verify', { hc1 })).json()) as { status: string }
    expect(verified.status).toBe('VALID')
  })
})
