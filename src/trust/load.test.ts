import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { testdataPath } from '../../test/shared.ts'
import { loadJsonDocument, loadTrustList, loadTrustLists, parseLocation, sourceName } from './load.ts'
import { fromBase64 } from '../platform/bytes.ts'

const chText = readFileSync(testdataPath('trustlists', 'trustlist_ch.json'), 'utf8')
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/trustlist_ch.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(chText)
    if (req.url === '/page') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>')
    if (req.url === '/broken') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{ nope')
    if (req.url === '/moved') return void res.writeHead(302, { location: '/trustlist_ch.json' }).end()
    res.writeHead(404).end('secret upstream body')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('loading trust lists from configuration', () => {
  it('names lists by prefix, by trustlist_<cc>.json, or by host and file', () => {
    expect(parseLocation('DE=https://example.org/list?a=b')).toEqual({ name: 'DE', location: 'https://example.org/list?a=b', isUrl: true })
    expect(sourceName(parseLocation('/x/trustlist_se.json'))).toBe('SE')
    expect(sourceName(parseLocation('https://lists.example.org/dsc.json'))).toBe('lists.example.org')
    expect(sourceName(parseLocation('/etc/certbridge/peer.json'))).toBe('peer.json')
    expect(sourceName(parseLocation('peer=/etc/certbridge/peer.json'))).toBe('peer')
  })

  it('loads the DE snapshot from a file, lazily', async () => {
    const started = performance.now()
    const list = await loadTrustList(testdataPath('trustlists', 'trustlist_de.json'))
    console.info(`DE trust list file: read and indexed in ${(performance.now() - started).toFixed(0)} ms`)
    expect([list.source, list.format, list.entries]).toEqual(['DE', 'gateway', 832])
    const [vn] = await list.store.resolve(fromBase64('ZtJVElOdWm0='))
    expect(vn?.country).toBe('VN')
  })

  it('loads the CH list over http from loopback', async () => {
    const list = await loadTrustList(`${base}/trustlist_ch.json`, { eager: true })
    expect([list.source, list.format, list.entries]).toEqual(['CH', 'ch', 683])
    expect(list.skipped).toEqual({ 'light-only': 1 })
  })

  it('merges several lists into one store', async () => {
    const { store, lists } = await loadTrustLists([testdataPath('trustlists', 'trustlist_se.json'), `${base}/trustlist_ch.json`])
    expect(lists.map((l) => l.source)).toEqual(['SE', 'CH'])
    expect(store.size).toBe(616 + 683)
    expect(store.sources).toEqual(['SE', 'CH'])
  })

  it('fails with stable codes and without upstream bodies', async () => {
    const attempts: [string, string][] = [
      [`${base}/missing`, 'TRUST_LIST_UNAVAILABLE'],
      [`${base}/page`, 'TRUST_LIST_UNAVAILABLE'],
      [`${base}/moved`, 'TRUST_LIST_UNAVAILABLE'],
      [`${base}/broken`, 'TRUST_LIST_INVALID'],
      ['http://lists.example.org/list.json', 'TRUST_LIST_UNAVAILABLE'], // plain http beyond loopback: refused before any request
      ['/nonexistent/list.json', 'TRUST_LIST_UNAVAILABLE'],
    ]
    for (const [location, code] of attempts) {
      const error = await loadTrustList(location).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, location).toMatchObject({ code })
      expect((error as Error).message).not.toContain('secret')
    }
  })

  it('caps the size of what it reads', async () => {
    await expect(loadJsonDocument(parseLocation(`${base}/trustlist_ch.json`), { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'TRUST_LIST_UNAVAILABLE',
    })
    await expect(
      loadJsonDocument(parseLocation(testdataPath('trustlists', 'trustlist_ch.json')), { maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'TRUST_LIST_UNAVAILABLE' })
  })
})
