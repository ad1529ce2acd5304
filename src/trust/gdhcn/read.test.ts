// DID trust lists through the loader: the DEV lists with the DEV WHO key, refusals, reference
// resolution over HTTP (did:web hosts mapped to a server on 127.0.0.1 by an injected fetch; the real
// hosts are never reached) and chain checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { testdataPath } from '../../../test/shared.ts'
import { loadTrustList, loadTrustListSigners, trustListFromJson } from '../load.ts'
import { fromBase64 } from '../../platform/bytes.ts'
import { signDidDocument } from './proof.ts'
import type { TrustListSigner } from './signers.ts'

const devRoot = testdataPath('gdhcn', 'tng-cdn-dev')
const whoFile = testdataPath('gdhcn', 'who-signing-dev', 'did.json')
const devText = (path: string) => readFileSync(join(devRoot, 'v2', path, 'did.json'), 'utf8')
interface Method {
  readonly keyusage: { code: string }
  readonly publicKeyJwk: { x5c: string[] }
  readonly [field: string]: unknown
}
const dev = (path: string) => JSON.parse(devText(path)) as { verificationMethod: Method[]; [field: string]: unknown }
const extra = new Map<string, string>()
const requested: string[] = []
let server: Server
let base: string
let who: TrustListSigner[]
let test: CryptoKeyPair

/** Maps the DEV hosts to the local server; anything else fails as an unreachable host. */
const mappedFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (url.host !== 'tng-cdn-dev.who.int') throw new TypeError(`fetch failed: ${url.host} is not reachable in tests`)
  return fetch(`${base}${url.pathname}`, init)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname)
    requested.push(path)
    const body =
      extra.get(path) ?? (existsSync(join(devRoot, path)) && path.endsWith('.json') ? readFileSync(join(devRoot, path), 'utf8') : undefined)
    if (body === undefined) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  who = await loadTrustListSigners([whoFile])
  test = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  // The embedded list the DCC:XXA:DSC reference names is not in the DEV snapshot: a copy of -/XXA/DSC
  // under that id, signed by a test key, stands in for it.
  const leaf = { ...dev('trustlist/-/XXA/DSC'), id: 'did:web:tng-cdn-dev.who.int:v2:trustlist:DCC:XXA:DSC' }
  extra.set(
    '/v2/trustlist/DCC/XXA/DSC/did.json',
    JSON.stringify(
      await signDidDocument(leaf, test.privateKey, { verificationMethod: 'did:web:test-who', created: new Date('2026-01-01T00:00:00Z') }),
    ),
  )
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('GDHCN DEV embedded lists', () => {
  it.each([
    ['trustlist/-/-/DSC', 25],
    ['trustlist/-/-/SCA', 0],
    ['trustlist/-/XXA', 1],
    ['trustlist/-/XXA/DSC', 1],
    ['trustlist/-/XXA/SCA', 0],
  ])('%s verifies with the DEV WHO key and yields %i DCC keys', async (path, keys) => {
    const list = await loadTrustList(join(devRoot, 'v2', path, 'did.json'), { signers: who, eager: true })
    expect(list).toMatchObject({ format: 'did', signature: 'valid', entries: keys })
  })

  it('trusts DSCs of the DCC domain whose chain holds, counting the others by reason', async () => {
    const list = await loadTrustList(join(devRoot, 'v2/trustlist/-/XXA/did.json'), { signers: who, eager: true })
    expect(list.skipped).toEqual({ 'not-dsc': 3, 'other-domain': 3 })
    expect(list.chains).toEqual({ valid: 1, invalid: 0 })
    const [key] = await list.store.resolve(fromBase64('XPjhL9Znd1M='))
    expect(key).toMatchObject({ country: 'XA', algorithm: -7, source: 'did.json' })
    expect([...(key?.allowedTypes ?? [])].sort()).toEqual(['recovery', 'test', 'vaccination'])

    const all = await loadTrustList(join(devRoot, 'v2/trustlist/-/-/DSC/did.json'), { signers: who, eager: true })
    expect(all.chains).toEqual({ valid: 27, invalid: 11 })
    expect(all.skipped).toMatchObject({ 'chain-no-issuer': 9, 'chain-outside-sca-validity': 2, 'other-domain': 71 })
  })

  it('refuses the whole list after a one-byte change, and a list without proof when signers are configured', async () => {
    const text = devText('trustlist/-/XXA')
    for (const at of [text.indexOf('MIIC') + 200, text.indexOf('"#DCC"') + 3, text.indexOf('"nonce"') + 10]) {
      const changed = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
      await expect(trustListFromJson(JSON.parse(changed), 'WHO', { signers: who })).rejects.toMatchObject({ code: 'TRUST_LIST_SIGNATURE' })
    }
    const { proof: _proof, ...bare } = dev('trustlist/-/XXA')
    await expect(trustListFromJson(bare, 'WHO', { signers: who })).rejects.toMatchObject({
      code: 'TRUST_LIST_SIGNATURE',
      message: expect.stringContaining('no proof'),
    })
    // no signer configured: read, and said to be unsigned
    expect(await trustListFromJson(bare, 'WHO')).toMatchObject({ signature: 'absent', entries: 1 })
  })

  it('checks chains against the participant SCAs when x5c holds the DSC alone', async () => {
    const list = dev('trustlist/-/XXA')
    const dscOnly = {
      ...list,
      verificationMethod: list.verificationMethod.map((m: Method) => ({
        ...m,
        publicKeyJwk: { ...m.publicKeyJwk, x5c: m.publicKeyJwk.x5c.slice(0, 1) },
      })),
    }
    expect(await trustListFromJson(dscOnly, 'WHO', { eager: true })).toMatchObject({
      signature: 'absent',
      entries: 1,
      chains: { valid: 1, invalid: 0 },
    })
    const noScas = { ...dscOnly, verificationMethod: dscOnly.verificationMethod.filter((m: Method) => m.keyusage.code !== '#CSCA') }
    const refused = await trustListFromJson(noScas, 'WHO', { eager: true })
    expect(refused).toMatchObject({ entries: 0, chains: { valid: 0, invalid: 1 } })
    expect(refused.skipped['chain-no-issuer']).toBe(1)
    // another participant's SCAs do not count
    const otherParticipant = {
      ...dscOnly,
      verificationMethod: dscOnly.verificationMethod.map((m: Method) =>
        m.keyusage.code === '#CSCA' ? { ...m, participant: { code: '#XXB' } } : m,
      ),
    }
    expect(await trustListFromJson(otherParticipant, 'WHO', { eager: true })).toMatchObject({ entries: 0 })
  })
})

describe('GDHCN reference lists', () => {
  it('resolves did:web references through the loader, each verified', async () => {
    requested.length = 0
    const list = await loadTrustList('did:web:tng-cdn-dev.who.int:v2:trustlist-ref:DCC:XXA', {
      fetch: mappedFetch,
      signers: [...who, { id: 'did:web:test-who', key: test.publicKey }],
      eager: true,
    })
    expect(list).toMatchObject({
      format: 'did',
      signature: 'valid',
      entries: 1,
      chains: { valid: 1, invalid: 0 },
      source: 'tng-cdn-dev.who.int',
    })
    expect(requested).toContain('/v2/trustlist-ref/DCC/XXA/did.json')
    expect(requested).toContain('/v2/trustlist-ref/DCC/XXA/DSC/did.json')
    expect(requested).toContain('/v2/trustlist/DCC/XXA/DSC/did.json')
    // the snapshot lacks the DECA and DESC reference lists and the embedded list the SCA one names
    expect(list.skipped['unresolved-reference']).toBe(3)
    expect(await list.store.resolve(fromBase64('XPjhL9Znd1M='))).toHaveLength(1)
  })

  it('refuses the whole tree when one referenced list does not verify', async () => {
    await expect(
      loadTrustList('did:web:tng-cdn-dev.who.int:v2:trustlist-ref:DCC:XXA', { fetch: mappedFetch, signers: who }),
    ).rejects.toMatchObject({
      code: 'TRUST_LIST_SIGNATURE',
      message: expect.stringContaining('trustlist:DCC:XXA:DSC'),
    })
  })

  it('follows references only to the depth given', async () => {
    requested.length = 0
    const list = await loadTrustList('did:web:tng-cdn-dev.who.int:v2:trustlist-ref:DCC:XXA', {
      fetch: mappedFetch,
      signers: who,
      didMaxDepth: 1,
    })
    expect(list).toMatchObject({ signature: 'valid', entries: 0 })
    expect(list.skipped['reference-too-deep']).toBe(2)
    expect(requested).not.toContain('/v2/trustlist/DCC/XXA/DSC/did.json')
  })

  it('counts a referenced document whose id is not the DID asked for', async () => {
    extra.set('/v2/trustlist-ref/DCC/XXA/DSC/did.json', devText('trustlist-ref/DCC/XXA/SCA'))
    try {
      const list = await loadTrustList('did:web:tng-cdn-dev.who.int:v2:trustlist-ref:DCC:XXA', { fetch: mappedFetch, signers: who })
      expect(list.skipped['reference-id-mismatch']).toBe(1)
      expect(list.entries).toBe(0)
    } finally {
      extra.delete('/v2/trustlist-ref/DCC/XXA/DSC/did.json')
    }
  })
})
