import { describe, expect, it, vi } from 'vitest'
import { createHmacSha256, primitives, sha256, usePrimitives, type Hashing, type Primitives } from './primitives.ts'
import { nodeHashing, nodePrimitives } from '../runtime/node/primitives.ts'
import { webHashing, webPrimitives } from './primitives-web.ts'

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
const text = (s: string) => new TextEncoder().encode(s)
const bytes = (length: number, seed: number) => new Uint8Array(length).map((_, i) => (i * 31 + seed) & 0xff)

const implementations: [string, Hashing][] = [
  ['node', nodeHashing],
  ['web', webHashing],
]

describe.each(implementations)('%s hashing', (_name, hashing) => {
  it('gives the FIPS 180-2 SHA-256 of "" and "abc"', async () => {
    expect(hex(await hashing.sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hex(await hashing.sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('gives the RFC 4231 HMAC-SHA-256 of test cases 2 and 6 (a 131-byte key, hashed first)', async () => {
    const jefe = hashing.createHmacSha256(text('Jefe'))
    expect(hex(await jefe(text('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
    const long = hashing.createHmacSha256(new Uint8Array(131).fill(0xaa))
    expect(hex(await long(text('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    )
  })

  it('keeps its own copy of the HMAC key', async () => {
    const key = bytes(32, 1)
    const before = hex(await hashing.createHmacSha256(key.slice())(text('x')))
    const hmac = hashing.createHmacSha256(key)
    key.fill(0)
    expect(hex(await hmac(text('x')))).toBe(before)
  })
})

describe('node and web hashing agree', () => {
  const inputs = [new Uint8Array(0), text('a'), bytes(55, 2), bytes(56, 3), bytes(64, 4), bytes(1000, 5), bytes(64, 6).subarray(10, 30)]
  const keys = [bytes(16, 7), bytes(32, 8), bytes(64, 9), bytes(65, 10), bytes(200, 11)]

  it('on SHA-256, empty input and a subarray view included', async () => {
    for (const data of inputs) expect(hex(await nodeHashing.sha256(data))).toBe(hex(await webHashing.sha256(data)))
  })

  it('on HMAC-SHA-256 for keys of 16 to 200 bytes (past the 64-byte block) and inputs from empty to 1000 bytes', async () => {
    for (const key of keys) {
      const node = nodeHashing.createHmacSha256(key)
      const web = webHashing.createHmacSha256(key)
      for (const data of inputs) expect(hex(await node(data)), `key ${key.length}, data ${data.length}`).toBe(hex(await web(data)))
    }
  })

  it('node hashing answers synchronously, web hashing with a promise', () => {
    expect(nodeHashing.sha256(text('a'))).toBeInstanceOf(Uint8Array)
    expect(nodeHashing.createHmacSha256(bytes(32, 1))(text('a'))).toBeInstanceOf(Uint8Array)
    expect(webHashing.sha256(text('a'))).toBeInstanceOf(Promise)
  })
})

describe('sha256 and createHmacSha256 of the active primitives', () => {
  it('use the active set, and crypto.subtle for a set without hashing', async () => {
    const previous = primitives()
    try {
      usePrimitives(nodePrimitives)
      expect(sha256(text('abc'))).toBeInstanceOf(Uint8Array)
      usePrimitives(webPrimitives)
      expect(sha256(text('abc'))).toBeInstanceOf(Promise)
      const { sha256: _s, createHmacSha256: _h, ...withoutHashing } = nodePrimitives
      usePrimitives(withoutHashing satisfies Primitives)
      const digest = sha256(text('abc'))
      expect(digest).toBeInstanceOf(Promise)
      expect(hex(await digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
      const mac = createHmacSha256(text('Jefe'))(text('what do ya want for nothing?'))
      expect(hex(await mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
    } finally {
      usePrimitives(previous)
    }
  })

  it('default to the web primitives, even when the node ones are loaded first: each edge installs its own', async () => {
    vi.resetModules()
    await import('../runtime/node/primitives.ts')
    const module = await import('./primitives.ts')
    const web = await import('./primitives-web.ts')
    expect(module.primitives()).toBe(web.webPrimitives)
  })
})
