// End to end over real HTTP: the Node server in sandbox mode with its national sandboxes on
// 127.0.0.1. Every sandbox sample meets its expectation; every issued HC1 verifies with the project's
// verifier against the published trust list and with an independent implementation (dcc-utils);
// and neither the database files nor the logs hold any personal value of any sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startTestServer, type TestServer } from './server.ts'
import { adapters as registered } from '../../adapters/registry.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'
import { parseTrustList } from '../../src/trust/lists.ts'
import { createTrustStore } from '../../src/trust/store.ts'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { inflateSync } from 'node:zlib'
import { decode as cborDecode, encode as cborEncode } from 'cbor'

const require = createRequire(import.meta.url)
const { DCC } = require('dcc-utils') as {
  DCC: { fromRaw(raw: string): Promise<{ checkSignature(key: object): Promise<unknown>; payload: any }> }
}

interface Sample {
  adapter: string
  name: string
  qr: string
  holder: Record<string, string>
  expect: { status: number; type?: string; code?: string }
}

let server: TestServer
let samples: Sample[]
const issued: { sample: Sample; body: any }[] = []

beforeAll(async () => {
  server = await startTestServer()
  samples = ((await (await fetch(`${server.url}/v1/sandbox/samples`)).json()) as { samples: Sample[] }).samples
  for (const sample of samples) {
    const res = await fetch(`${server.url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
    })
    const body = await res.json()
    issued.push({ sample, body: { status: res.status, ...body } })
  }
}, 120_000)

afterAll(async () => server?.close())

describe('issuance end to end (sandbox mode, real HTTP)', () => {
  it('serves samples of every registered adapter, issuable and failing ones', () => {
    const adapters = new Set(samples.map((s) => s.adapter))
    expect([...adapters].sort()).toEqual(registered.map((a) => a.id).sort())
    expect(samples.some((s) => s.expect.status === 201)).toBe(true)
    expect(samples.some((s) => s.expect.code === 'PRODUCT_UNMAPPED')).toBe(true)
  })

  it('meets the expectation of every sample', () => {
    const misses = issued
      .filter(
        ({ sample, body }) =>
          body.status !== sample.expect.status ||
          (sample.expect.code && body.code !== sample.expect.code) ||
          (sample.expect.type && body.type !== sample.expect.type),
      )
      .map(
        ({ sample, body }) =>
          `${sample.adapter} "${sample.name}": expected ${JSON.stringify(sample.expect)}, got ${body.status} ${body.code ?? body.type}`,
      )
    expect(misses).toEqual([])
  })

  it("verifies every issued HC1 with the project's verifier against the published trust list", async () => {
    const list = await (await fetch(`${server.url}/v1/trust-list`)).json()
    const { keys } = await parseTrustList(list, { source: 'certbridge' })
    const store = createTrustStore(keys)
    const ok = issued.filter((i) => i.body.status === 201)
    expect(ok.length).toBeGreaterThan(5)
    for (const { sample, body } of ok) {
      const verified = await verifyCertificate({ hc1: body.hc1 }, { keys: store.resolve, now: new Date() })
      expect(verified.status, sample.name).toBe('VALID')
      expect(verified.type, sample.name).toBe(sample.expect.type)
      expect((verified.payload as any)[verified.type === 'vaccination' ? 'v' : verified.type === 'test' ? 't' : 'r'][0].ci).toBe(body.uvci)
    }
  })

  it('verifies every issued HC1 with an independent implementation (dcc-utils) and the JWKS', async () => {
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; x: string; y: string }[] }
    const key = (kid: string) => jwks.keys.find((k) => k.kid === kid)
    for (const { body } of issued.filter((i) => i.body.status === 201)) {
      const jwk = key(body.kid)
      expect(jwk).toBeDefined()
      const dcc = await DCC.fromRaw(body.hc1)
      await expect(dcc.checkSignature({ x: Buffer.from(jwk!.x, 'base64url'), y: Buffer.from(jwk!.y, 'base64url') })).resolves.toBeTruthy()
      expect(dcc.payload.nam.fnt).toMatch(/^[A-Z<]+$/)
    }
  })

  it('verifies every ES256 signature with a third, independent stack (cbor + @noble/curves, high-S allowed)', async () => {
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; x: string; y: string }[] }
    const base45 = require('base45') as { decode(text: string): Buffer }
    for (const { body } of issued.filter((i) => i.body.status === 201)) {
      const jwk = jwks.keys.find((k) => k.kid === body.kid)!
      const [protectedBytes, , payload, signature] = cborDecode(inflateSync(base45.decode(body.hc1.slice(4)))).value as [
        Buffer,
        unknown,
        Buffer,
        Buffer,
      ]
      const toBeSigned = cborEncode(['Signature1', protectedBytes, Buffer.alloc(0), payload])
      const publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')])
      expect(p256.verify(signature, sha256(toBeSigned), publicKey, { prehash: false, lowS: false })).toBe(true)
    }
  })

  it('issues the same UVCI for the same record and event, and keeps one row', async () => {
    const first = issued.find((i) => i.body.status === 201)!
    const again = await fetch(`${server.url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: first.sample.qr, holder: first.sample.holder, consent: true }),
    })
    const body = (await again.json()) as any
    expect(again.status).toBe(201)
    expect(body.uvci).toBe(first.body.uvci)
    expect(body.repeated).toBe(true)
    expect(body.expiresAt).toBe(first.body.expiresAt)
  })

  it('keeps no personal value of any sample in the database files or the logs', () => {
    const values = new Set<string>()
    for (const { sample } of issued) {
      for (const v of Object.values(sample.holder)) if (v && v.length >= 4) values.add(v)
      // national identifiers inside the QR text: long digit runs, uuids, ck
      for (const m of sample.qr.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{9,}|[0-9a-f]{32}/gi) ?? [])
        values.add(m)
    }
    for (const { body } of issued) if (body.uvci) values.add(body.uvci)
    expect(values.size).toBeGreaterThan(20)
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('certbridge.sqlite'))
    expect(files.length).toBeGreaterThan(0)
    const haystacks = [
      ...files.map((f) => readFileSync(join(server.dataDir, f)).toString('latin1')),
      ...files.map((f) => readFileSync(join(server.dataDir, f)).toString('utf8')),
      server.logs.join('\n'),
    ]
    const hits = [...values].filter((v) => haystacks.some((h) => h.includes(v)))
    expect(hits).toEqual([])
  })
})
